import { GcadoptError } from '../errors.js';
import { ApiError, genesysCodeOf } from './api-error.js';
import type { TokenProvider } from './auth.js';
import type { Clock, Pacer } from './pacer.js';
import { classify, explainGiveUp, nextDelay, parseRetryAfter, type RetryPolicy } from './retry.js';
import type { Transport, TransportResponse } from './transport.js';

/** One API call. */
export interface RequestOptions {
  readonly query?:
    Readonly<Record<string, string | number | boolean | readonly string[] | undefined>> | undefined;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** A successful response. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** Everything the HTTP layer is made of, resolved once. */
export interface HttpState {
  readonly apiUrl: string;
  /** The transport requests go out on (any fetch is one). */
  readonly fetch: () => Promise<Transport>;
  readonly auth: TokenProvider;
  readonly pacer: Pacer;
  readonly clock: Clock;
  readonly random: () => number;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly log: (line: string) => void;
  /** Requests sent, attempts included. */
  readonly stats: { requests: number; retries: number };
}

const idempotent = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Sends one API request with auth, pacing, retries and typed errors. */
export async function request<T>(
  state: HttpState,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const url = `${state.apiUrl}${path}${queryString(options.query)}`;
  const started = state.clock.now();
  let relogged = false;
  for (let attempt = 1; ; attempt++) {
    const outcome = await state.limit(() => attemptOnce(state, method, url, options));
    const shown = `${method} ${path}${queryString(options.query)}`;
    if ('response' in outcome) {
      const { response, body, ms } = outcome;
      const correlationId = response.headers.get('inin-correlation-id') ?? undefined;
      state.log(
        `http: ${shown} ${response.status} ${ms}ms attempt ${attempt}${correlationId ? ` correlation ${correlationId}` : ''}`,
      );
      state.pacer.learn(response.headers.get('inin-ratelimit-allowed'));
      if (response.ok) return { status: response.status, body: body as T };
      const code = genesysCodeOf(body);
      if (
        response.status === 401 &&
        !relogged &&
        state.auth.canRelogin() &&
        (code === 'credentials.expired' || code === 'bad.credentials')
      ) {
        relogged = true;
        await state.auth.invalidate(outcome.token);
        state.log('auth: token refused, logging in again');
        attempt -= 1;
        continue;
      }
      const classification =
        method === 'POST' && response.status !== 429
          ? 'fatal'
          : classify({ status: response.status });
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const delay = nextDelay(attempt, classification, retryAfter, state.policy, state.random);
      if (delay === undefined || state.clock.now() - started + delay > state.policy.budgetMs) {
        throw new ApiError({
          status: response.status,
          method,
          path,
          genesysCode: code,
          correlationId,
          attempts: attempt,
          gaveUp: explainGiveUp(attempt, classification, retryAfter, state.policy),
          body,
        });
      }
      await wait(
        state,
        delay,
        `${response.status}${retryAfter === undefined ? '' : ` Retry-After ${retryAfter}ms`}`,
        options.signal,
      );
      continue;
    }
    const { error, login } = outcome;
    if (options.signal?.aborted === true)
      throw new GcadoptError('network', `${method} ${path} was cancelled`, { cause: error });
    // A failed login sent nothing to the API: even a POST may try again.
    const classification = login || idempotent.has(method) ? classify({ error }) : 'fatal';
    const delay = nextDelay(attempt, classification, undefined, state.policy, state.random);
    const call = login ? 'POST /oauth/token' : `${method} ${path}`;
    state.log(
      `${login ? `auth: ${call}` : `http: ${shown}`} failed: ${reasonOf(error)} attempt ${attempt}`,
    );
    if (delay === undefined || state.clock.now() - started + delay > state.policy.budgetMs) {
      // Which of the two hosts failed: the token request's or the API's.
      const host = login
        ? `the login host ${state.auth.loginHost}`
        : `the API host ${new URL(state.apiUrl).host}`;
      const gaveUp = explainGiveUp(attempt, classification, undefined, state.policy);
      throw new GcadoptError(
        'network',
        `cannot reach ${host} (${call}): ${reasonOf(error)}${attempt > 1 ? ` after ${attempt} attempts` : ''}${gaveUp === undefined ? '' : `; gave up: ${gaveUp}`}`,
        {
          hint: `check the network, the region${login ? ' (or --login-url)' : ''} and any proxy settings (HTTPS_PROXY, NO_PROXY)`,
          cause: error,
        },
      );
    }
    await wait(state, delay, reasonOf(error), options.signal);
  }
}

type Outcome =
  | { response: TransportResponse; body: unknown; ms: number; token: string }
  | { error: unknown; login: boolean };

async function attemptOnce(
  state: HttpState,
  method: string,
  url: string,
  options: RequestOptions,
): Promise<Outcome> {
  let login = false;
  try {
    await state.pacer.acquire(options.signal);
    login = true;
    const token = await state.auth.get(options.signal);
    login = false;
    const fetch = await state.fetch();
    const timeout = AbortSignal.timeout(state.timeoutMs);
    const t0 = state.clock.now();
    state.stats.requests += 1;
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]),
    });
    const text = await response.text();
    return { response, body: parseBody(text), ms: state.clock.now() - t0, token };
  } catch (error) {
    if (error instanceof GcadoptError) throw error;
    return { error, login };
  }
}

async function wait(
  state: HttpState,
  ms: number,
  why: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  state.stats.retries += 1;
  state.log(`http: retrying in ${ms}ms (${why})`);
  await state.clock.sleep(ms, signal);
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message;
  return String(error);
}

/** `?a=1&id=x&id=y` from a query object; arrays repeat the key. */
export function queryString(query: RequestOptions['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
