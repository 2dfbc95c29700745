import { constants } from 'node:os';

/** A stream the CLI writes to: process.stdout in production, a buffer in tests. */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** A stream the CLI reads answers from (prompts). */
export interface InStream {
  readonly isTTY?: boolean | undefined;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners?(event?: string): unknown;
  pause?(): unknown;
  resume?(): unknown;
}

/** Everything a command may touch of the outside world. Tests pass their own. */
export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin?: InStream | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM (long-running commands such as `emulator` stop on it). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Why a run ended early: a signal. `exitCode` is what shells report for a
 * process the signal ended (128 + its number: 130 for SIGINT, 143 for SIGTERM).
 */
export class StoppedBySignal extends Error {
  readonly exitCode: number;

  constructor(signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
    this.name = 'StoppedBySignal';
    this.exitCode = 128 + (constants.signals[signal] ?? 0);
  }
}

/** How long a command may take to wind down after SIGINT/SIGTERM before the process ends. */
const graceMs = 750;

/** The io of a real process. */
export function createProcessIo(): CliIo {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    const reason = new StoppedBySignal(signal);
    controller.abort(reason);
    // Commands stop on the signal within milliseconds; one that does not (a
    // library that ignores it) gets a short grace period, then the process ends
    // as the signal would have ended it. A second signal ends it at once (the
    // handler is gone, so the default action runs).
    setTimeout(() => process.exit(reason.exitCode), graceMs).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // `gcadopt divisions list | head`: once the reader has gone, nothing more can
  // be shown, so the run ends quietly with exit 0 instead of with an
  // unhandled 'error' event and its stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE')
      process.stderr.write(`gcadopt: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });
  // A closed stderr leaves nowhere to report anything: ignore it rather than crash.
  process.stderr.on('error', () => undefined);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Made on first use: opening the standard input costs milliseconds, and
    // only a command that asks for confirmation reads it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
