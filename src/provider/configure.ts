import { createClient, type GenesysClient } from '../genesys/client.js';
import { resolveCredentials } from '../genesys/credentials.js';
import { resolveEndpoints } from '../genesys/regions.js';
import { stringOf, type ObjectValue } from './cty-value.js';

/** Where the provider runs: its environment and working folder. */
export interface ProviderEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Debug lines (never secrets); Terraform shows them with TF_LOG. */
  readonly log: (line: string) => void;
}

/**
 * Builds the API client from the provider block and the environment, the way
 * the real provider reads them (block attributes first, then
 * GENESYSCLOUD_OAUTHCLIENT_ID/SECRET, GENESYSCLOUD_REGION,
 * GENESYSCLOUD_ACCESS_TOKEN), plus GCADOPT_API_URL / GCADOPT_LOGIN_URL for the
 * emulator or any other host (plain http only on loopback). No token cache:
 * Terraform starts short-lived provider processes, each logs in once.
 */
export function configureClient(
  config: ObjectValue | null,
  where: ProviderEnvironment,
): GenesysClient {
  const fromBlock: Record<string, string> = {};
  const set = (attr: string, name: string): void => {
    const value = stringOf(config, attr);
    if (value !== undefined && value !== '') fromBlock[name] = value;
  };
  set('oauthclient_id', 'GENESYSCLOUD_OAUTHCLIENT_ID');
  set('oauthclient_secret', 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
  set('aws_region', 'GENESYSCLOUD_REGION');
  set('access_token', 'GENESYSCLOUD_ACCESS_TOKEN');
  const env = { ...where.env, ...fromBlock };
  const resolved = resolveCredentials(env, where.cwd);
  const endpoints = resolveEndpoints({
    region: resolved.region,
    apiUrl: nonEmpty(env.GCADOPT_API_URL),
    loginUrl: nonEmpty(env.GCADOPT_LOGIN_URL),
  });
  where.log(`api ${endpoints.apiUrl}, credentials from ${resolved.source}`);
  return createClient({ ...endpoints, credentials: resolved.credentials, env, log: where.log });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
