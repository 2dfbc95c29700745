import { randomBytes } from 'node:crypto';
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

/**
 * Writes `content` to `path` atomically: a temp file beside it, fsync, then
 * rename, so a reader (or a kill mid-write) sees the old file or the new one,
 * never half of one.
 */
export async function writeAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new GcadoptError('write', `cannot write ${path}`, { cause: error });
  }
}
