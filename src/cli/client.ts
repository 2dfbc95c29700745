import { homedir } from 'node:os';
import type { GenesysClient } from '../genesys/client.js';
import type { CommandContext } from './context.js';

/**
 * Builds the API client a command uses: endpoints from --region/--api-url,
 * credentials from the environment or .env, the token cache unless
 * --no-token-cache. Loaded lazily: only commands that talk to the org pay for it.
 */
export async function createClientFromContext(ctx: CommandContext): Promise<GenesysClient> {
  const [{ createClient }, { resolveCredentials }, { resolveEndpoints }, { resolveCacheDir }] =
    await Promise.all([
      import('../genesys/client.js'),
      import('../genesys/credentials.js'),
      import('../genesys/regions.js'),
      import('../genesys/cache-dir.js'),
    ]);
  const { env, cwd } = ctx.io;
  const resolved = resolveCredentials(env, cwd);
  const endpoints = resolveEndpoints({
    region: ctx.globals.region ?? resolved.region,
    apiUrl: ctx.globals.apiUrl,
    loginUrl: ctx.globals.loginUrl,
  });
  ctx.debug(
    `api ${endpoints.apiUrl}, login ${endpoints.loginUrl}, credentials from ${resolved.source} (${resolved.credentials.kind})`,
  );
  const tokenCacheDir = ctx.globals.tokenCache
    ? resolveCacheDir(env, homedir(), process.platform)
    : undefined;
  if (ctx.globals.tokenCache && tokenCacheDir === undefined)
    ctx.debug('auth: no home folder, so no token cache');
  return createClient({
    ...endpoints,
    credentials: resolved.credentials,
    tokenCacheDir,
    env,
    log: (line) => ctx.debug(line),
  });
}
