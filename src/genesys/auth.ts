import { ApiError, genesysCodeOf } from './api-error.js';
import type { Credentials } from './credentials.js';
import type { TokenCache } from './token-cache.js';

/** What the token provider needs from the outside. */
export interface AuthOptions {
  readonly credentials: Credentials;
  readonly loginUrl: string;
  readonly fetch: typeof globalThis.fetch;
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
  #pending: Promise<string> | undefined;
  /** Logins performed (for --debug and tests). */
  logins = 0;

  constructor(options: AuthOptions) {
    this.#options = options;
  }

  /** A usable token, logging in if needed. */
  async get(signal?: AbortSignal): Promise<string> {
    const { credentials } = this.#options;
    if (credentials.kind === 'token') return credentials.accessToken;
    if (
      this.#current !== undefined &&
      this.#current.expiresAt - this.#current.early > this.#options.now()
    ) {
      return this.#current.token;
    }
    this.#pending ??= this.#login(credentials, signal).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets `token` (it got a 401), so the next get() logs in again. */
  async invalidate(token: string): Promise<void> {
    if (this.#current?.token !== token) return;
    this.#current = undefined;
    const { credentials, loginUrl, cache } = this.#options;
    if (credentials.kind === 'client') await cache?.remove(credentials.clientId, loginUrl);
  }

  /** True when a 401 can be cured by logging in again. */
  canRelogin(): boolean {
    return this.#options.credentials.kind === 'client';
  }

  /** How long before expiry to renew: a minute, or a tenth of a short lifetime. */
  #early(lifetimeMs: number): number {
    return Math.min(this.#options.earlyMs ?? 60_000, Math.max(0, lifetimeMs / 10));
  }

  async #login(
    credentials: Extract<Credentials, { kind: 'client' }>,
    signal?: AbortSignal,
  ): Promise<string> {
    const { loginUrl, cache, now } = this.#options;
    const cached = await cache?.read(credentials.clientId, loginUrl);
    if (cached !== undefined && cached.expiresAt - this.#early(cached.expiresAt - now()) > now()) {
      this.#current = {
        token: cached.accessToken,
        expiresAt: cached.expiresAt,
        early: this.#early(cached.expiresAt - now()),
      };
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
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
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
    await cache?.write(credentials.clientId, loginUrl, {
      accessToken: token.token,
      expiresAt: token.expiresAt,
    });
    return token.token;
  }
}
