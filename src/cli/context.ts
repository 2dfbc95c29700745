import type { CliIo } from './io.js';

/** Options every command accepts, resolved once from argv and the environment. */
export interface GlobalOptions {
  /** Region in any accepted form (`us-east-1`, `us_east_1`, `mypurecloud.com`). */
  readonly region: string | undefined;
  /** API base URL override (`--api-url`, env `GCADOPT_API_URL`). */
  readonly apiUrl: string | undefined;
  /** Login base URL override (`--login-url`, env `GCADOPT_LOGIN_URL`); defaults to apiUrl. */
  readonly loginUrl: string | undefined;
  /** Keep tokens in the user cache folder. @default true */
  readonly tokenCache: boolean;
  /** Print requests, timings and retries to stderr (never secrets). @default false */
  readonly debug: boolean;
  /** Colour output (off with `--no-color`, `NO_COLOR` or a non-TTY). */
  readonly color: boolean;
}

/** What every command receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly globals: GlobalOptions;
  /** Writes one debug line to stderr when `--debug` is on. */
  debug(message: string): void;
}

/** Reads the global options from commander's parsed values and the environment. */
export function resolveGlobals(raw: Record<string, unknown>, io: CliIo): GlobalOptions {
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  const env = io.env;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    region: str(raw.region),
    apiUrl: str(raw.apiUrl) ?? str(env.GCADOPT_API_URL),
    loginUrl: str(raw.loginUrl) ?? str(env.GCADOPT_LOGIN_URL),
    tokenCache: raw.tokenCache !== false,
    debug: raw.debug === true,
    color: raw.color !== false && !noColor && io.stdout.isTTY === true && env.TERM !== 'dumb',
  };
}

/** Builds the context a command runs with. */
export function createContext(io: CliIo, globals: GlobalOptions): CommandContext {
  return {
    io,
    globals,
    debug: (message) => {
      if (globals.debug) io.stderr.write(`debug: ${message}\n`);
    },
  };
}
