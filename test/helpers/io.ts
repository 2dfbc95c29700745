import { tmpdir } from 'node:os';
import type { CliIo, InStream } from '../../src/cli/io.js';

/** A CliIo that records what the CLI writes. */
export interface TestIo extends CliIo {
  out(): string;
  err(): string;
}

/** Builds a fake io; `env` replaces the environment entirely (no leaks from the real one). */
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
    env: { GCADOPT_CACHE_DIR: tmpdir(), ...options.env },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
    out: () => out,
    err: () => err,
  };
}
