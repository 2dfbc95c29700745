import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GcadoptError, InputError } from '../errors.js';
import { parseSeed, type Seed, type SeedOverrides } from './seed.js';
import type { OrgStore } from './store.js';

/** Loads a persisted org, or undefined when the data file does not exist yet. */
export async function readDataFile(
  path: string,
  overrides: SeedOverrides = {},
): Promise<Seed | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read data file ${path}`, { file: path, cause: error });
  }
  try {
    return parseSeed(JSON.parse(text), path, overrides);
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(`${path}: not valid JSON`, { file: path, cause });
  }
}

/** Keeps the data file in step with the store. */
export interface Persister {
  /**
   * Resolves once every change made so far is on disk. When the write fails,
   * the store is rolled back to what the disk holds and every change not yet
   * written is refused with the rejection.
   */
  commit(): Promise<void>;
  /** Waits until no write is in flight. */
  flush(): Promise<void>;
}

interface Batch {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Writes the whole org after changes, one write at a time. Changes made while
 * a write is in flight share the next one (group commit), so a burst costs a
 * few writes rather than one each.
 */
export function createPersister(path: string, store: OrgStore): Persister {
  let onDisk = store.toSeed();
  let pending: Batch | undefined;
  let idle: Promise<void> = Promise.resolve();
  let running = false;
  const drain = async (): Promise<void> => {
    while (pending !== undefined) {
      const batch = pending;
      pending = undefined;
      const snapshot = store.toSeed();
      try {
        await writeDurably(path, `${JSON.stringify(snapshot, null, 2)}\n`);
        onDisk = snapshot;
        batch.resolve();
      } catch (cause) {
        // Changes made during the failed write were built on the rolled-back
        // state: they are refused too.
        store.restore(onDisk);
        const later = pending as Batch | undefined;
        pending = undefined;
        const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
        const error = new GcadoptError('write', `cannot write data file ${path}: ${reason}`, {
          hint: 'check that its folder exists and is writable',
          cause,
        });
        batch.reject(error);
        later?.reject(error);
      }
    }
    // In the same step as the last check of `pending`: a commit can never find
    // `running` set by a loop that has already ended.
    running = false;
  };
  return {
    commit: () => {
      const batch = (pending ??= createBatch());
      if (!running) {
        running = true;
        idle = drain();
      }
      return batch.promise;
    },
    flush: () => idle,
  };
}

function createBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A change made outside a request (a test hook) has no one waiting on it.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Temp file, fsync, rename over the data file, fsync the folder: after this
 * resolves, a crash or power loss leaves either the old file or the new one,
 * never half of one, and never loses the rename.
 */
async function writeDurably(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

// Some platforms (Windows) cannot open or fsync a folder: there the rename is
// as durable as the platform makes it.
const folderSyncUnsupported = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES']);

async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!folderSyncUnsupported.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
