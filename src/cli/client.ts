import { homedir } from 'node:os';
import { GcadoptError } from '../errors.js';
import { resolveCacheDir } from '../genesys/cache-dir.js';
import { createClient as createGenesysClient, type GenesysClient } from '../genesys/client.js';
import { resolveCredentials } from '../genesys/credentials.js';
import { resolveEndpoints } from '../genesys/regions.js';
import type { CommandContext } from './context.js';

/** A client with the API URL it talks to (reports name its host). */
export type CliClient = GenesysClient & {
  readonly apiUrl: string;
  readonly loginUrl: string;
  /** The region named by --region or beside the credentials. */
  readonly region: string | undefined;
  /** Where the credentials came from, e.g. `the environment (GENESYSCLOUD_ACCESS_TOKEN)`. */
  readonly credentialsFrom: string;
};

/**
 * Builds the API client a command uses: endpoints from --region/--api-url,
 * credentials from the environment or .env, the token cache unless
 * --no-token-cache. Loaded lazily: only commands that talk to the org pay for it.
 * It does not wait for a login startLogin began: a request made now waits for
 * that login inside the client (and logs in again, with the retries, naming
 * the host, if it failed on the network), so a command starts its first
 * request, and runs the code that makes it, while the token is on the wire. A
 * login already refused is not tried again: it rejects with that refusal.
 */
export async function createClientFromContext(ctx: CommandContext): Promise<CliClient> {
  const client = await clientOf(ctx);
  const failure = loginFailures.get(ctx);
  if (GcadoptError.is(failure)) throw failure;
  return client;
}

/**
 * Creates the client and logs in now, while the command's own code is still
 * loading: the login's round trip then overlaps that work instead of following
 * it. Returns a function that cancels the login if it is still running (for a
 * command that ended without using it). Its failure is the command's to
 * report, from createClientFromContext.
 */
export function startLogin(ctx: CommandContext): () => void {
  const stop = new AbortController();
  const signal =
    ctx.io.signal === undefined ? stop.signal : AbortSignal.any([ctx.io.signal, stop.signal]);
  const login = clientOf(ctx).then((client) => client.login(signal));
  login.catch((error: unknown) => loginFailures.set(ctx, error));
  return () => stop.abort();
}

function clientOf(ctx: CommandContext): Promise<CliClient> {
  // One client per run: one login, and the override notice said once.
  let client = clients.get(ctx);
  if (client === undefined) {
    // A throw (no credentials, a bad region) becomes the promise's rejection.
    client = new Promise<CliClient>((resolve) => resolve(createClient(ctx)));
    clients.set(ctx, client);
  }
  return client;
}

/** What a report says it checked: the org and the API host. */
export interface CheckedTarget {
  readonly org: { readonly id: string; readonly name: string };
  /** The API host, e.g. `api.mypurecloud.com`. */
  readonly apiHost: string;
}

/** Asks the API which org the credentials belong to (`GET /api/v2/organizations/me`). */
export async function readCheckedTarget(ctx: CommandContext): Promise<CheckedTarget> {
  const client = await createClientFromContext(ctx);
  const org = await client.organization.me({ signal: ctx.io.signal });
  return { org: { id: org.id, name: org.name }, apiHost: new URL(client.apiUrl).host };
}

const clients = new WeakMap<CommandContext, Promise<CliClient>>();
const loginFailures = new WeakMap<CommandContext, unknown>();

function createClient(ctx: CommandContext): CliClient {
  const { env, cwd } = ctx.io;
  const resolved = resolveCredentials(env, cwd);
  const region = ctx.globals.region ?? resolved.region;
  const apiUrl = ctx.globals.apiUrl ?? resolved.apiUrl;
  if (apiUrl !== undefined && region !== undefined) {
    const by = ctx.globals.region !== undefined ? '--region' : 'the environment';
    ctx.io.stderr.write(
      `gcadopt: note: the API URL ${apiUrl} overrides the region ${region} (from ${by})\n`,
    );
  }
  const endpoints = resolveEndpoints({
    region,
    apiUrl,
    loginUrl: ctx.globals.loginUrl ?? resolved.loginUrl,
  });
  ctx.debug(
    `api ${endpoints.apiUrl}, login ${endpoints.loginUrl}, credentials from ${resolved.source} (${resolved.credentials.kind})`,
  );
  const tokenCacheDir = ctx.globals.tokenCache
    ? resolveCacheDir(env, homedir(), process.platform)
    : undefined;
  if (ctx.globals.tokenCache && tokenCacheDir === undefined)
    ctx.debug('auth: no home folder, so no token cache');
  const client = createGenesysClient({
    ...endpoints,
    credentials: resolved.credentials,
    tokenCacheDir,
    env,
    log: (line) => ctx.debug(line),
  });
  return Object.assign(client, {
    ...endpoints,
    region,
    credentialsFrom: `${resolved.source === 'environment' ? 'the environment' : 'the .env file'} (${resolved.variables})`,
  });
}
