import { createOrganization, type OrganizationResource } from './resources/organization.js';
import { setTimeout as sleepTimer } from 'node:timers/promises';
import { TokenProvider } from './auth.js';
import type { Credentials } from './credentials.js';
import type { HttpState } from './http.js';
import { Pacer, type Clock } from './pacer.js';
import { createDivisions, type DivisionsResource } from './resources/divisions.js';
import {
  createEntityResource,
  type EntityFamily,
  type EntityResource,
} from './resources/entities.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { TokenCache } from './token-cache.js';
import { createTransport, type Fetch, type Transport } from './transport.js';

export type { Division, DivisionInput, DivisionsResource } from './resources/divisions.js';
export type { Credentials } from './credentials.js';
export type { Organization } from './resources/organization.js';
export type { Entity, EntityFamily, EntityResource } from './resources/entities.js';

/** How to build a client. Only `apiUrl`, `loginUrl` and `credentials` are required. */
export interface ClientOptions {
  /** e.g. `https://api.mypurecloud.com`. */
  readonly apiUrl: string;
  /** e.g. `https://login.mypurecloud.com`. */
  readonly loginUrl: string;
  readonly credentials: Credentials;
  /**
   * Folder of the on-disk token cache (used only while it is the user's own,
   * mode 0700); undefined disables it. @default undefined
   */
  readonly tokenCacheDir?: string | undefined;
  /**
   * The most requests per minute per token gcadopt sends. @default the
   * platform's `inin-ratelimit-allowed` less a margin; 300 (the org default)
   * until the first answer says it
   */
  readonly requestsPerMinute?: number | undefined;
  /** Requests in flight at once. @default 8 */
  readonly concurrency?: number | undefined;
  /** Timeout of each attempt, in ms. @default 30000 */
  readonly timeoutMs?: number | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /**
   * Environment for proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); only this
   * one is read. Loopback hosts are always reached directly. @default {}
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** A fetch to use instead of Node's (or undici's, behind a proxy). */
  readonly fetch?: Fetch | undefined;
  /** @default Date.now and timers */
  readonly clock?: Clock | undefined;
  /** @default Math.random */
  readonly random?: (() => number) | undefined;
  /** Debug lines (never secrets). @default none */
  readonly log?: ((line: string) => void) | undefined;
}

/** A Genesys Cloud API client. */
export interface GenesysClient {
  readonly divisions: DivisionsResource;
  /** The org the credentials belong to. */
  readonly organization: OrganizationResource;
  /**
   * The endpoints of one object type (queues, skills, ...). Every family shares
   * the client's token, pacer and concurrency cap.
   */
  entities(family: EntityFamily): EntityResource;
  /**
   * Logs in now (or takes the cached token) rather than on the first request,
   * so that the login can overlap other work.
   */
  login(signal?: AbortSignal): Promise<void>;
  /** When the access token in use expires (epoch ms); undefined for a given token. */
  readonly tokenExpiresAt: number | undefined;
  /** Requests sent and retries made so far. */
  readonly stats: { readonly requests: number; readonly retries: number; readonly logins: number };
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepTimer(ms, undefined, signal === undefined ? {} : { signal }),
};

/** Creates a client. Nothing is sent until the first call. */
export function createClient(options: ClientOptions): GenesysClient {
  const clock = options.clock ?? realClock;
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const concurrency = options.concurrency ?? 8;
  let transport: Promise<Transport> | undefined;
  const getTransport = (): Promise<Transport> =>
    (transport ??=
      options.fetch === undefined
        ? createTransport(options.env ?? {}, concurrency)
        : Promise.resolve(options.fetch));
  const auth = new TokenProvider({
    credentials: options.credentials,
    loginUrl: options.loginUrl,
    fetch: (url, init) => getTransport().then((send) => send(url, init)),
    now: () => clock.now(),
    cache:
      options.tokenCacheDir === undefined
        ? undefined
        : new TokenCache({ dir: options.tokenCacheDir, log }),
    log,
    timeoutMs,
  });
  const stats = { requests: 0, retries: 0 };
  const state: HttpState = {
    apiUrl: options.apiUrl,
    fetch: getTransport,
    auth,
    pacer: new Pacer(options.requestsPerMinute ?? 300, clock, options.requestsPerMinute),
    clock,
    random: options.random ?? Math.random,
    policy: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs,
    limit: createLimiter(concurrency),
    log,
    stats,
  };
  const families = new Map<string, EntityResource>();
  return {
    divisions: createDivisions(state),
    organization: createOrganization(state),
    entities(family) {
      let resource = families.get(family.path);
      if (resource === undefined) {
        resource = createEntityResource(state, family);
        families.set(family.path, resource);
      }
      return resource;
    },
    async login(signal) {
      await auth.get(signal);
    },
    get tokenExpiresAt() {
      return auth.expiresAt;
    },
    get stats() {
      return { requests: stats.requests, retries: stats.retries, logins: auth.logins };
    },
  };
}

/** Runs at most `max` tasks at once. */
function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      queue.shift()?.();
    }
  };
}
