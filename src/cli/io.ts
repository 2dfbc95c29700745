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

/** The io of a real process. */
export function createProcessIo(): CliIo {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    controller.abort(new Error(`stopped by ${signal}`));
    // Commands stop on the signal; one that does not gets a grace period, then the
    // process ends as an interrupted one would.
    setTimeout(() => process.exit(130), 3000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
