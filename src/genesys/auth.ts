import { ApiError, genesysCodeOf } from './api-error.js';
import type { Credentials } from './credentials.js';
import type { GrantKey, TokenCache } from './token-cache.js';
import type { Transport } from './transport.js';

/** What the token provider needs from the outside. */
export interface AuthOptions {
  readonly credentials: Credentials;
  readonly loginUrl: string;
  readonly fetch: Transport;
  readonly now: () => number;
  readonly cache: TokenCache | undefined;
  /** Renew this long before the token's expiry. @default 60000 */
  readonly earlyMs?: number | undefined;
  readonly log: (line: string) => void;
  readonly timeoutMs: number;
}

/**
 * Hands out the access token: one login reused until shortly before it
 * expires, a single in-flight login shared by concurrent callers, and an
 * explicit `invalidate` for the one re-login after a 401.
 */
export class TokenProvider {
  readonly #options: AuthOptions;
  #current: { token: string; expiresAt: number; early: number } | undefined;
  #pending: SharedLogin | undefined;
  // Tokens that got a 401: never handed out again, whatever the cache says.
  // Several requests get their 401 at once; a login started by one of them may
  // read the cache before another's invalidation has removed the token there.
  readonly #rejected = new Set<string>();
  // Cache removals in progress: a login waits for them before reading the cache.
  #invalidating: Promise<void> = Promise.resolve();
  /** Logins performed (for --debug and tests). */
  logins = 0;

  constructor(options: AuthOptions) {
    this.#options = options;
  }

  /** The host tokens come from (`login.mypurecloud.com`), for messages. */
  get loginHost(): string {
    return new URL(this.#options.loginUrl).host;
  }

  /** When the current token expires (epoch ms); undefined before a login or for a given token. */
  get expiresAt(): number | undefined {
    return this.#current?.expiresAt;
  }

  /** A usable token, logging in if needed. */
  async get(signal?: AbortSignal): Promise<string> {
    const { credentials } = this.#options;
    if (credentials.kind === 'token') return credentials.accessToken;
    // Twice at most: a server that hands the refused token out again gets its
    // 401 again, which the caller reports, rather than a loop of logins.
    for (let round = 1; ; round++) {
      if (
        this.#current !== undefined &&
        !this.#rejected.has(this.#current.token) &&
        this.#current.expiresAt - this.#current.early > this.#options.now()
      ) {
        return this.#current.token;
      }
      // A caller that has already given up starts no login; nor waits for
      // one every caller gave up on, even before it has finished stopping.
      signal?.throwIfAborted();
      if (this.#pending?.stop.signal.aborted === true) this.#pending = undefined;
      this.#pending ??= this.#share(credentials);
      const token = await waitFor(this.#pending, signal);
      // A login that read the cache just before another caller's 401 may still
      // bring the refused token: log in again (a fresh login never returns it).
      if (round === 2 || !this.#rejected.has(token)) return token;
    }
  }

  /**
   * Forgets `token` for good (it got a 401): the next get() logs in again
   * unless another caller already did, and the cache stops offering it.
   */
  async invalidate(token: string): Promise<void> {
    this.#rejected.add(token);
    if (this.#current?.token === token) this.#current = undefined;
    const { credentials, cache } = this.#options;
    if (credentials.kind !== 'client' || cache === undefined) return;
    const key = this.#keyOf(credentials);
    this.#invalidating = this.#invalidating
      .then(() => cache.remove(key, token))
      .catch(() => undefined);
    await this.#invalidating;
  }

  /** True when a 401 can be cured by logging in again. */
  canRelogin(): boolean {
    return this.#options.credentials.kind === 'client';
  }

  /** How long before expiry to renew: a minute, or a tenth of a short lifetime. */
  #early(lifetimeMs: number): number {
    return Math.min(this.#options.earlyMs ?? 60_000, Math.max(0, lifetimeMs / 10));
  }

  /**
   * A login every caller that needs a token meanwhile waits for. It belongs
   * to none of them: a caller that gives up stops waiting, and the login
   * itself stops only once every caller has given up (see waitFor).
   */
  #share(credentials: Extract<Credentials, { kind: 'client' }>): SharedLogin {
    const stop = new AbortController();
    const shared: SharedLogin = {
      token: this.#login(credentials, stop.signal).finally(() => {
        if (this.#pending === shared) this.#pending = undefined;
      }),
      waiting: 0,
      stop,
    };
    return shared;
  }

  #keyOf(credentials: Extract<Credentials, { kind: 'client' }>): GrantKey {
    return {
      loginUrl: this.#options.loginUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    };
  }

  async #login(
    credentials: Extract<Credentials, { kind: 'client' }>,
    signal: AbortSignal,
  ): Promise<string> {
    const { loginUrl, cache, now } = this.#options;
    await this.#invalidating;
    const cached = await cache?.read(this.#keyOf(credentials));
    // The margin was fixed at login from the whole lifetime; a file without
    // it gets the full margin (a tenth of what is left would always pass).
    const early = cached?.renewMs ?? this.#options.earlyMs ?? 60_000;
    if (
      cached !== undefined &&
      !this.#rejected.has(cached.accessToken) &&
      cached.expiresAt - early > now()
    ) {
      this.#current = { token: cached.accessToken, expiresAt: cached.expiresAt, early };
      this.#options.log('auth: token from cache');
      return cached.accessToken;
    }
    const started = now();
    const basic = Buffer.from(
      `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`,
    ).toString('base64');
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const response = await this.#options.fetch(`${loginUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.any([signal, timeout]),
    });
    const body = (await response.json().catch(() => undefined)) as
      { access_token?: unknown; expires_in?: unknown } | undefined;
    this.logins += 1;
    this.#options.log(`auth: POST /oauth/token ${response.status} ${now() - started}ms`);
    if (!response.ok || typeof body?.access_token !== 'string') {
      throw new ApiError(
        {
          status: response.status,
          method: 'POST',
          path: '/oauth/token',
          genesysCode: genesysCodeOf(body),
          correlationId: response.headers.get('inin-correlation-id') ?? undefined,
          attempts: 1,
          body,
        },
        response.status === 400 || response.status === 401
          ? 'the OAuth client id or secret was refused: check them and that the client uses the Client Credentials grant in this region'
          : undefined,
      );
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 86_400;
    const token = {
      token: body.access_token,
      expiresAt: now() + lifetime * 1000,
      early: this.#early(lifetime * 1000),
    };
    this.#current = token;
    await cache?.write(this.#keyOf(credentials), {
      accessToken: token.token,
      expiresAt: token.expiresAt,
      renewMs: token.early,
    });
    return token.token;
  }
}

/** A login in flight and how many callers that may give up still wait for it. */
interface SharedLogin {
  readonly token: Promise<string>;
  /** Callers waiting with a signal; one without a signal keeps the login going for good. */
  waiting: number;
  readonly stop: AbortController;
}

/**
 * The shared login's token for one caller (whose signal has not aborted yet):
 * its own abort rejects this wait at once with its reason, and the last caller
 * to give up stops the login.
 */
function waitFor(shared: SharedLogin, signal: AbortSignal | undefined): Promise<string> {
  if (signal === undefined) {
    shared.waiting = Number.POSITIVE_INFINITY;
    return shared.token;
  }
  shared.waiting += 1;
  return new Promise<string>((resolve, reject) => {
    const giveUp = (): void => {
      shared.waiting -= 1;
      if (shared.waiting === 0) shared.stop.abort(signal.reason);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', giveUp, { once: true });
    shared.token.finally(() => signal.removeEventListener('abort', giveUp)).then(resolve, reject);
  });
}
