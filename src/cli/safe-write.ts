import { nodeCrypto } from '../lazy-crypto.js';
import { lstat, open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GcadoptError } from '../errors.js';

/** What a file gcadopt writes must start with, so it can tell its own files from the user's. */
export const ownedMarker = '# Written by gcadopt';

/**
 * Resolves `target` (relative to `root` unless absolute) and refuses any path
 * that would land outside `root` once symlinks are followed. The target itself
 * must not be a symlink: writing through one could clobber a file elsewhere.
 */
export async function resolveInside(root: string, target: string): Promise<string> {
  const realRoot = await realpath(root).catch((cause: unknown) => {
    throw new GcadoptError('write', `folder ${root} does not exist`, { cause });
  });
  const path = isAbsolute(target) ? target : resolve(root, target);
  const parent = await realpath(dirname(path)).catch((cause: unknown) => {
    throw new GcadoptError('write', `folder ${dirname(path)} does not exist`, { cause });
  });
  const rel = relative(realRoot, parent);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new GcadoptError('write', `refusing to write ${target}: it is outside ${root}`, {
      hint: 'write inside the Terraform folder, or run from the folder you want to write into',
    });
  }
  const final = join(parent, basename(path));
  const info = await lstat(final).catch(() => undefined);
  if (info?.isSymbolicLink() === true) {
    throw new GcadoptError('write', `refusing to write ${target}: it is a symbolic link`);
  }
  if (info !== undefined && !info.isFile()) {
    throw new GcadoptError('write', `refusing to write ${target}: it is not a regular file`);
  }
  return final;
}

/** The current text of a file, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new GcadoptError('write', `cannot read ${path}`, { cause: error });
  }
}

/** How {@link writeAtomic} writes. */
export interface WriteAtomicOptions {
  /** Mode of a new file (the umask applies); a file that exists keeps its own mode. @default 0o666 */
  readonly mode?: number;
  /** Moves the finished temp file over the target; injectable so tests can fail that last step. @default fs.rename */
  readonly rename?: (from: string, to: string) => Promise<void>;
}

/**
 * Writes `content` to `path` atomically: a temp file beside it, fsync, then
 * rename, so a reader (or a kill mid-write) sees the old file or the new one,
 * never half of one. A file that exists keeps its mode.
 */
export async function writeAtomic(
  path: string,
  content: string,
  options: WriteAtomicOptions = {},
): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const before = await lstat(path).catch(() => undefined);
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      // chmod is not subject to the umask, so the rewritten file keeps exactly the old mode.
      if (before !== undefined) await handle.chmod(before.mode & 0o7777);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await (options.rename ?? rename)(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new GcadoptError('write', `cannot write ${path}`, { cause: error });
  }
  await syncFolder(dirname(path));
}

/** Makes the rename itself durable; some platforms cannot open a folder, which is harmless. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle
    .sync()
    .catch(() => undefined)
    .finally(() => handle.close());
}
