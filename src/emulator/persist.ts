import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { parseSeed, type Seed } from './seed.js';
import type { OrgStore } from './store.js';

/** Loads a persisted org, or undefined when the data file does not exist yet. */
export async function readDataFile(path: string): Promise<Seed | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read data file ${path}`, { file: path, cause: error });
  }
  try {
    return parseSeed(JSON.parse(text), path);
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(`${path}: not valid JSON`, { file: path, cause });
  }
}

/**
 * Persists the org after every change, one write at a time, each one atomic
 * (temp file + rename) so a crash never leaves half a file.
 */
export function createPersister(
  path: string,
  store: () => OrgStore,
): {
  schedule(): void;
  flush(): Promise<void>;
} {
  let chain: Promise<void> = Promise.resolve();
  let dirty = false;
  const writeNow = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, `${JSON.stringify(store().toSeed(), null, 2)}\n`, { mode: 0o600 });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  };
  return {
    schedule: () => {
      dirty = true;
      chain = chain.then(writeNow);
    },
    flush: () => chain,
  };
}
