import type { CliIo, InStream } from '../../src/cli/io.js';
import { createTestCacheDir } from './cache-dir.js';

/** A CliIo that records what the CLI writes. */
export interface TestIo extends CliIo {
  out(): string;
  err(): string;
}

/**
 * Builds a fake io; `env` replaces the environment entirely (no leaks from the
 * real one). Without a GCADOPT_CACHE_DIR in `env`, tokens go to a private
 * folder removed after the test, never to the user's own cache.
 */
export function createTestIo(
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    stdin?: InStream;
    tty?: boolean;
    signal?: AbortSignal;
  } = {},
): TestIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: options.tty ?? false },
    stdin: options.stdin,
    env: {
      ...(options.env?.GCADOPT_CACHE_DIR === undefined
        ? { GCADOPT_CACHE_DIR: createTestCacheDir() }
        : {}),
      ...options.env,
    },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
    out: () => out,
    err: () => err,
  };
}
