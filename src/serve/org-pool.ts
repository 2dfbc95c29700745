import { createClient, type GenesysClient } from '../genesys/client.js';
import { resolveEndpoints } from '../genesys/regions.js';
import type { Kind } from '../kinds/kind.js';
import type { LiveObject } from '../model.js';
import type { OrgConfig } from './config.js';

/** One Genesys org the service checks against. */
export interface OrgHandle {
  readonly name: string;
  /**
   * Live objects of `kinds`. Runs for the same org share one client (one token,
   * one pacer) and one listing per kind: a listing in flight is joined, a
   * finished one is reused for the configured time.
   */
  list(
    kinds: readonly Kind[],
  ): Promise<{ live: Map<string, readonly LiveObject[]>; fresh: number; reused: number }>;
  /** Requests this org's client has sent so far. */
  readonly requests: number;
}

interface Entry {
  readonly started: number;
  settled: number | undefined;
  readonly promise: Promise<LiveObject[]>;
}

/** What an org needs besides its config entry. */
export interface OrgPoolOptions {
  /** Environment to read the named credentials (and proxy settings) from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly listingTtlMs: number;
  readonly now: () => number;
  readonly log?: ((line: string) => void) | undefined;
}

/** Builds the handle of one org; throws when its credentials are not in the environment. */
export function createOrgHandle(
  name: string,
  config: OrgConfig,
  options: OrgPoolOptions,
): OrgHandle {
  const clientId = options.env[config.clientIdEnv]?.trim();
  const clientSecret = options.env[config.clientSecretEnv]?.trim();
  const client: GenesysClient = createClient({
    ...resolveEndpoints({
      region: config.region,
      apiUrl: config.apiUrl,
      loginUrl: config.loginUrl,
    }),
    credentials: { kind: 'client', clientId: clientId ?? '', clientSecret: clientSecret ?? '' },
    requestsPerMinute: config.requestsPerMinute,
    env: options.env,
    log: options.log,
  });
  const cache = new Map<string, Entry>();
  const listOne = (kind: Kind): { promise: Promise<LiveObject[]>; fresh: boolean } => {
    const now = options.now();
    const entry = cache.get(kind.tfType);
    if (
      entry !== undefined &&
      (entry.settled === undefined || now - entry.settled < options.listingTtlMs)
    )
      return { promise: entry.promise, fresh: false };
    const promise = kind.list(client, {});
    const created: Entry = { started: now, settled: undefined, promise };
    cache.set(kind.tfType, created);
    promise.then(
      () => {
        created.settled = options.now();
      },
      () => {
        // A failed listing is never reused: the next run tries again.
        if (cache.get(kind.tfType) === created) cache.delete(kind.tfType);
      },
    );
    return { promise, fresh: true };
  };
  return {
    name,
    async list(kinds) {
      const started = kinds.map(listOne);
      const lists = await Promise.all(started.map((s) => s.promise));
      const fresh = started.filter((s) => s.fresh).length;
      return {
        live: new Map(kinds.map((k, i) => [k.tfType, lists[i] ?? []])),
        fresh,
        reused: started.length - fresh,
      };
    },
    get requests() {
      return client.stats.requests;
    },
  };
}

/** Names of credential variables the environment lacks, for a clear start-up error. */
export function findMissingCredentials(
  orgs: Readonly<Record<string, OrgConfig>>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const missing = new Set<string>();
  for (const org of Object.values(orgs)) {
    for (const name of [org.clientIdEnv, org.clientSecretEnv])
      if ((env[name]?.trim() ?? '') === '') missing.add(name);
  }
  return [...missing];
}
