import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { GcadoptError } from '../errors.js';
import { maxDotEnvBytes, readTextFileSync } from '../read-text-file.js';

/** How the client authenticates. */
export type Credentials =
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'token'; readonly accessToken: string };

/** Credentials plus the region named beside them. */
export interface ResolvedCredentials {
  readonly credentials: Credentials;
  readonly region: string | undefined;
  /** Which source they came from, for --debug (never the values). */
  readonly source: string;
  /** The variables that held them, e.g. `GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET`. */
  readonly variables: string;
  /** `GCADOPT_API_URL`/`GCADOPT_LOGIN_URL` beside the credentials (a `.env` file may hold them). */
  readonly apiUrl?: string | undefined;
  readonly loginUrl?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

// The provider's names first, then the tutorial's (genesys-api.md).
const sets = [
  {
    id: 'GENESYSCLOUD_OAUTHCLIENT_ID',
    secret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
    region: 'GENESYSCLOUD_REGION',
  },
  {
    id: 'GENESYS_CLOUD_CLIENT_ID',
    secret: 'GENESYS_CLOUD_CLIENT_SECRET',
    region: 'GENESYS_CLOUD_REGION',
  },
] as const;

/**
 * Reads credentials from the environment, then from `.env` in `cwd`. A ready
 * `GENESYSCLOUD_ACCESS_TOKEN` wins over client credentials.
 */
export function resolveCredentials(env: Env, cwd: string): ResolvedCredentials {
  const fromEnv = pick(env, 'environment');
  if (fromEnv !== undefined) return fromEnv;
  const dotenv = readDotEnv(cwd);
  const fromFile =
    dotenv === undefined ? undefined : pick({ ...dotenv, ...definedOnly(env) }, '.env');
  if (fromFile !== undefined) return fromFile;
  throw new GcadoptError('config', 'no Genesys Cloud credentials found', {
    hint: 'set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN), in the environment or a .env file',
  });
}

function pick(env: Env, source: string): ResolvedCredentials | undefined {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const region = value('GENESYSCLOUD_REGION') ?? value('GENESYS_CLOUD_REGION');
  // Only a .env file adds anything here: the environment's are read with the global options.
  const urls =
    source === '.env'
      ? { apiUrl: value('GCADOPT_API_URL'), loginUrl: value('GCADOPT_LOGIN_URL') }
      : {};
  const token = value('GENESYSCLOUD_ACCESS_TOKEN');
  if (token !== undefined)
    return {
      credentials: { kind: 'token', accessToken: token },
      region,
      source,
      variables: 'GENESYSCLOUD_ACCESS_TOKEN',
      ...urls,
    };
  for (const set of sets) {
    const id = value(set.id);
    const secret = value(set.secret);
    if (id !== undefined && secret !== undefined) {
      return {
        credentials: { kind: 'client', clientId: id, clientSecret: secret },
        region: value(set.region) ?? region,
        source,
        variables: `${set.id}, ${set.secret}`,
        ...urls,
      };
    }
    if (id !== undefined || secret !== undefined) {
      const missing = id === undefined ? set.id : set.secret;
      throw new GcadoptError(
        'config',
        `${missing} is not set (${id === undefined ? set.secret : set.id} is)`,
        {
          hint: `set both ${set.id} and ${set.secret}`,
        },
      );
    }
  }
  return undefined;
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function readDotEnv(cwd: string): Record<string, string> | undefined {
  const path = join(cwd, '.env');
  // A missing .env, or a folder of that name (a Python virtualenv), is no .env file.
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() !== false) return undefined;
  const text = readTextFileSync(path, {
    what: 'credentials file',
    display: '.env',
    maxBytes: maxDotEnvBytes,
  });
  return parseEnv(text) as Record<string, string>;
}
