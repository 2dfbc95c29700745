import { randomBytes } from 'node:crypto';
import { EmulatorError } from './errors.js';
import type { SeedClient } from './seed.js';

/** One issued access token. */
export interface IssuedToken {
  readonly client: SeedClient;
  readonly expiresAt: number;
}

/** The outcome of POST /oauth/token: an OAuth body and its status. */
export interface TokenResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const oauthError = (status: number, error: string, description: string): TokenResponse => ({
  status,
  body: { error, description, error_description: description },
});

// Memory bound: a token expired this long ago is forgotten at the next login
// (it then answers bad.credentials, like any unknown token).
const forgetAfterMs = 60 * 60_000;
const sweepEveryMs = 60_000;

/** Issues and checks bearer tokens for the emulated org's clients. */
export class TokenIssuer {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #clients: readonly SeedClient[];
  readonly #lifetimeSeconds: number;
  readonly #now: () => number;
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(clients: readonly SeedClient[], lifetimeSeconds: number, now: () => number) {
    this.#clients = clients;
    this.#lifetimeSeconds = lifetimeSeconds;
    this.#now = now;
  }

  /**
   * Client-credentials grant: the client authenticates with HTTP Basic (what the
   * SDKs send) or with client_id/client_secret form fields.
   */
  issue(authorization: string | undefined, form: URLSearchParams): TokenResponse {
    const grant = form.get('grant_type');
    if (grant === null) return oauthError(400, 'invalid_request', 'grant_type is required');
    if (grant !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `unsupported grant type: ${grant}`);
    }
    const candidates = readClientCredentials(authorization, form);
    const client = this.#clients.find((c) =>
      candidates.some(([id, secret]) => c.id === id && c.secret === secret),
    );
    if (client === undefined) return oauthError(401, 'invalid_client', 'authentication failed');
    this.#prune();
    const token = randomBytes(48).toString('base64url');
    this.#tokens.set(token, { client, expiresAt: this.#now() + this.#lifetimeSeconds * 1000 });
    return {
      status: 200,
      body: { access_token: token, token_type: 'bearer', expires_in: this.#lifetimeSeconds },
    };
  }

  /** The token's client, or the 401 Genesys answers with. */
  authenticate(authorization: string | undefined): IssuedToken & { token: string } {
    const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) {
      throw new EmulatorError(
        401,
        'authentication.required',
        'No authentication bearer token specified in authorization header.',
      );
    }
    const token = match[1];
    const issued = this.#tokens.get(token);
    if (issued === undefined) {
      throw new EmulatorError(401, 'bad.credentials', 'Invalid login credentials.');
    }
    if (issued.expiresAt <= this.#now()) {
      throw new EmulatorError(
        401,
        'credentials.expired',
        'The supplied credentials are expired and cannot be used.',
      );
    }
    return { ...issued, token };
  }

  // At most once a minute, so a burst of logins does not walk the map each time.
  #prune(): void {
    const now = this.#now();
    if (now - this.#lastSweep < sweepEveryMs) return;
    this.#lastSweep = now;
    for (const [token, issued] of this.#tokens) {
      if (issued.expiresAt + forgetAfterMs <= now) this.#tokens.delete(token);
    }
  }

  /** Test hook: make every issued token expire now. */
  expireAll(): void {
    for (const [token, issued] of this.#tokens) {
      this.#tokens.set(token, { ...issued, expiresAt: this.#now() });
    }
  }
}

// RFC 6749 form-encodes id and secret inside Basic; the Genesys SDKs do not.
// Accept both readings.
function readClientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): [string | null, string | null][] {
  const basic = /^basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return [];
    const id = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    return [
      [id, secret],
      [safeDecode(id), safeDecode(secret)],
    ];
  }
  return [[form.get('client_id'), form.get('client_secret')]];
}

/** Throws the 403 Genesys answers when the client lacks any of `needed`. */
export function requirePermissions(client: SeedClient, needed: readonly string[]): void {
  if (client.permissions.includes('*')) return;
  const missing = needed.filter((p) => !client.permissions.includes(p));
  if (missing.length === 0) return;
  throw new EmulatorError(
    403,
    'missing.permissions',
    'Unable to perform the requested action. You are missing the following permission(s): {permissions}',
    { params: { permissions: `[${missing.join(', ')}]` } },
  );
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
