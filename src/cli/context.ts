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
  /**
   * Colour output: on for a terminal, forced on by `FORCE_COLOR` (any value but
   * `0` or `false`), off with `--no-color`, `NO_COLOR` or `FORCE_COLOR=0`.
   */
  readonly color: boolean;
  /**
   * An animated (coloured) spinner on stderr: only on a terminal, never in CI or
   * with --debug, and not when the user turned colour off.
   */
  readonly spinner: boolean;
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
  const choice = resolveColorChoice(raw, env);
  const dumb = env.TERM === 'dumb';
  return {
    region: str(raw.region),
    apiUrl: str(raw.apiUrl) ?? str(env.GCADOPT_API_URL),
    loginUrl: str(raw.loginUrl) ?? str(env.GCADOPT_LOGIN_URL),
    tokenCache: raw.tokenCache !== false,
    debug: raw.debug === true,
    color: choice ?? (io.stdout.isTTY === true && !dumb),
    spinner:
      choice !== false &&
      !dumb &&
      io.stderr.isTTY === true &&
      raw.debug !== true &&
      env.CI === undefined,
  };
}

/**
 * What the user said about colour, if anything: `--no-color`, a non-empty
 * `NO_COLOR` (https://no-color.org) or `FORCE_COLOR` of `0`/`false` turn it
 * off, and win over any other `FORCE_COLOR` value, which turns it on even
 * where the output is not a terminal (https://force-color.org: an empty value
 * counts as unset).
 */
function resolveColorChoice(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): boolean | undefined {
  const force = env.FORCE_COLOR ?? '';
  if (raw.color === false || (env.NO_COLOR ?? '') !== '' || force === '0' || force === 'false')
    return false;
  return force === '' ? undefined : true;
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
