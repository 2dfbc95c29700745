import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GcadoptError } from '../../src/errors.js';
import { ApiError } from '../../src/genesys/api-error.js';
import { TokenProvider } from '../../src/genesys/auth.js';
import { createClient, type ClientOptions, type Credentials } from '../../src/genesys/client.js';
import {
  queryString,
  request,
  type HttpState,
  type RequestOptions,
} from '../../src/genesys/http.js';
import { Pacer } from '../../src/genesys/pacer.js';
import { defaultRetryPolicy, nextDelay } from '../../src/genesys/retry.js';
import { errorOf, startLoopback, type Answer } from '../helpers/loopback.js';

const family = { path: '/api/v2/things', noun: 'thing', plural: 'things' };
const thing = { id: 'abc', name: 'A thing' };

/**
 * A scripted API on 127.0.0.1: every login gets a new token (`token-1`,
 * `token-2`, ...), every API request the next scripted answer. The client runs
 * on a fake clock (no real waiting, every request takes 0 ms) and a fixed random.
 * `call` sends any request through `request()` with the same parts the client has.
 */
async function startApi(answers: Answer[], options: Partial<ClientOptions> = {}) {
  let logins = 0;
  const server = await startLoopback((r) => {
    if (r.path === '/oauth/token') {
      logins += 1;
      return { status: 200, body: { access_token: `token-${logins}`, expires_in: 3600 } };
    }
    return answers.shift() ?? { status: 500, body: { code: 'script.exhausted' } };
  });
  const { url } = server;
  const logs: string[] = [];
  let now = Date.now();
  const clock = {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  };
  const log = (line: string): void => void logs.push(line);
  const credentials: Credentials = { kind: 'client', clientId: 'id', clientSecret: 'secret' };
  const client = createClient({
    apiUrl: url,
    loginUrl: url,
    credentials,
    log,
    random: () => 0.5,
    clock,
    ...options,
  });
  const state: HttpState = {
    apiUrl: url,
    fetch: () => Promise.resolve(globalThis.fetch),
    auth: new TokenProvider({
      credentials: options.credentials ?? credentials,
      loginUrl: url,
      fetch: globalThis.fetch,
      now: clock.now,
      cache: undefined,
      log,
      timeoutMs: 30_000,
    }),
    pacer: new Pacer(300, clock),
    clock,
    random: () => 0.5,
    policy: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    limit: (task) => task(),
    log,
    stats: { requests: 0, retries: 0 },
  };
  return {
    client,
    things: client.entities(family),
    call: (method: string, path: string, opts?: RequestOptions) =>
      request(state, method, path, opts),
    get seen() {
      return server.received.filter((r) => r.path !== '/oauth/token');
    },
    logs,
    url,
  };
}

describe('request: what goes on the wire', () => {
  it('sends the bearer token and Accept, a JSON body only with its Content-Type', async () => {
    const api = await startApi([
      { status: 200, body: thing },
      { status: 200, body: thing },
    ]);
    await api.things.get('abc');
    await api.things.create({ name: 'A thing', n: 1 });
    const [get, post] = api.seen;
    expect(get?.method).toBe('GET');
    expect(get?.path).toBe('/api/v2/things/abc');
    expect(get?.headers.authorization).toBe('Bearer token-1');
    expect(get?.headers.accept).toBe('application/json');
    expect(get?.headers['content-type']).toBeUndefined();
    expect(get?.body).toBe('');
    expect(post?.method).toBe('POST');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ name: 'A thing', n: 1 });
    expect(api.client.stats).toEqual({ requests: 2, retries: 0, logins: 1 });
  });

  it('logs each attempt with status, time, attempt and the correlation id when there is one', async () => {
    const api = await startApi([
      { status: 200, body: thing, headers: { 'inin-correlation-id': 'c-1' } },
      { status: 200, body: thing },
    ]);
    await api.things.get('abc');
    await api.things.get('abc');
    expect(api.logs.filter((l) => l.startsWith('http:'))).toEqual([
      'http: GET /api/v2/things/abc 200 0ms attempt 1 correlation c-1',
      'http: GET /api/v2/things/abc 200 0ms attempt 1',
    ]);
  });

  it('builds query strings: arrays repeat the key, undefined is left out, nothing is empty', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({})).toBe('');
    expect(queryString({ a: undefined })).toBe('');
    expect(queryString({ id: ['x', 'y'], n: 2, b: true, s: 'a b' })).toBe(
      '?id=x&id=y&n=2&b=true&s=a+b',
    );
  });
});

describe('request: retries', () => {
  it('retries a GET after a 503, waiting the backoff, and logs both attempts', async () => {
    const api = await startApi([
      { status: 503, body: { code: 'service.unavailable' } },
      { status: 200, body: thing },
    ]);
    expect(await api.things.get('abc')).toMatchObject(thing);
    const delay = nextDelay(1, 'transient', undefined, defaultRetryPolicy, () => 0.5);
    expect(api.logs.filter((l) => l.startsWith('http:'))).toEqual([
      'http: GET /api/v2/things/abc 503 0ms attempt 1',
      `http: retrying in ${delay}ms (503)`,
      'http: GET /api/v2/things/abc 200 0ms attempt 2',
    ]);
    expect(api.client.stats).toEqual({ requests: 2, retries: 1, logins: 1 });
  });

  it("waits a 429's Retry-After, and says so", async () => {
    const api = await startApi([
      { status: 429, body: { code: 'too.many.requests' }, headers: { 'retry-after': '2' } },
      { status: 200, body: thing },
    ]);
    await api.things.get('abc');
    expect(api.logs).toContain('http: retrying in 2000ms (429 Retry-After 2000ms)');
  });

  it('gives up on a GET that keeps failing, with the status, attempts and reason', async () => {
    const api = await startApi(Array.from({ length: 10 }, () => ({ status: 502 })));
    const error = await errorOf(api.things.get('abc'));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).attempts).toBe(defaultRetryPolicy.maxAttempts);
    expect(api.seen).toHaveLength(defaultRetryPolicy.maxAttempts);
    expect(api.client.stats.retries).toBe(defaultRetryPolicy.maxAttempts - 1);
  });
});

describe('request: an expired or refused token', () => {
  it('logs in again once on credentials.expired and resends with the new token', async () => {
    const api = await startApi([
      { status: 401, body: { code: 'credentials.expired', status: 401 } },
      { status: 200, body: thing },
    ]);
    await api.things.get('abc');
    expect(api.seen.map((s) => s.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(api.logs).toContain('auth: token refused, logging in again');
    // The resend is the same attempt, not a retry.
    expect(api.logs).toContain('http: GET /api/v2/things/abc 200 0ms attempt 1');
    expect(api.client.stats).toEqual({ requests: 2, retries: 0, logins: 2 });
  });

  it('logs in again on bad.credentials too, but only once', async () => {
    const refused = { status: 401, body: { code: 'bad.credentials', status: 401 } };
    const api = await startApi([refused, refused, { status: 200, body: thing }]);
    const error = await errorOf(api.things.get('abc'));
    expect((error as ApiError).status).toBe(401);
    expect(api.seen).toHaveLength(2);
    expect(api.client.stats.logins).toBe(2);
  });

  it.each([
    ['a 401 with another code', 401, 'authentication.required'],
    ['a refusal that is not a 401', 403, 'bad.credentials'],
  ])('does not log in again for %s', async (_, status, code) => {
    const api = await startApi([
      { status, body: { code, status } },
      { status: 200, body: thing },
    ]);
    const error = await errorOf(api.things.get('abc'));
    expect((error as ApiError).status).toBe(status);
    expect(api.seen).toHaveLength(1);
    expect(api.client.stats.logins).toBe(1);
  });
});

describe('request: network failures', () => {
  it('names the host, the call, the cause, the attempts and why it gave up', async () => {
    const api = await startApi([]);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logs: string[] = [];
    const client = createClient({
      apiUrl: `http://127.0.0.1:${port}`,
      loginUrl: api.url,
      credentials: { kind: 'client', clientId: 'id', clientSecret: 'secret' },
      log: (line) => logs.push(line),
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = await errorOf(client.entities(family).get('abc'));
    expect(GcadoptError.is(error)).toBe(true);
    const { message, hint } = error as GcadoptError;
    expect(message).toMatch(
      new RegExp(
        `^cannot reach the API host 127\\.0\\.0\\.1:${port} \\(GET /api/v2/things/abc\\): ECONNREFUSED after 2 attempts; gave up: `,
      ),
    );
    expect(hint).toBe(
      'check the network, the region and any proxy settings (HTTPS_PROXY, NO_PROXY)',
    );
    expect(logs.filter((l) => l.includes('failed:'))).toEqual([
      'http: GET /api/v2/things/abc failed: ECONNREFUSED attempt 1',
      'http: GET /api/v2/things/abc failed: ECONNREFUSED attempt 2',
    ]);
  });

  it('says a call was cancelled when its signal aborted', async () => {
    const api = await startApi([{ status: 200, body: thing }]);
    const controller = new AbortController();
    controller.abort();
    const error = await errorOf(api.things.get('abc', { signal: controller.signal }));
    expect(GcadoptError.is(error)).toBe(true);
    expect((error as GcadoptError).message).toBe('GET /api/v2/things/abc was cancelled');
    expect(api.seen).toHaveLength(0);
  });
});

describe('request: the error it gives up with', () => {
  it('carries the call, the code, the correlation id, the attempts and the body', async () => {
    const body = { code: 'not.found', message: 'no such thing', status: 404 };
    const api = await startApi([
      { status: 404, body, headers: { 'inin-correlation-id': 'corr-9' } },
    ]);
    const error = await errorOf(api.things.get('abc'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      method: 'GET',
      path: '/api/v2/things/abc',
      genesysCode: 'not.found',
      correlationId: 'corr-9',
      attempts: 1,
      gaveUp: undefined,
      body,
    });
  });

  it('says why it stopped retrying, and has no correlation id when none came', async () => {
    const api = await startApi(Array.from({ length: 6 }, () => ({ status: 503 })));
    const error = await errorOf(api.things.get('abc'));
    expect(error).toMatchObject({
      status: 503,
      correlationId: undefined,
      attempts: 6,
      gaveUp: 'the retry limit of 6 attempts',
      body: undefined,
    });
  });

  it('retries when the wait fits the budget exactly, and not beyond', async () => {
    const first = nextDelay(1, 'transient', undefined, defaultRetryPolicy, () => 0.5) ?? 0;
    const api = await startApi([{ status: 503 }, { status: 503 }, { status: 200, body: thing }], {
      retry: { budgetMs: first },
    });
    const error = await errorOf(api.things.get('abc'));
    expect(error).toMatchObject({
      status: 503,
      attempts: 2,
      gaveUp: expect.stringMatching(/^the retry budget of .* is spent$/) as unknown,
    });
    expect(api.seen).toHaveLength(2);
  });

  it('retries a dropped connection when the wait fits the budget exactly', async () => {
    const first = nextDelay(1, 'transient', undefined, defaultRetryPolicy, () => 0.5) ?? 0;
    const api = await startApi(['drop', 'drop', { status: 200, body: thing }], {
      retry: { budgetMs: first },
    });
    const error = await errorOf(api.things.get('abc'));
    expect((error as GcadoptError).message).toMatch(
      /after 2 attempts; gave up: the retry budget of .* is spent$/,
    );
    expect(api.seen).toHaveLength(2);
  });
});

describe('request: a refused token that logging in again cannot cure', () => {
  it('is not resent when the token was given, not logged in for', async () => {
    const api = await startApi(
      [
        { status: 401, body: { code: 'credentials.expired', status: 401 } },
        { status: 200, body: thing },
      ],
      { credentials: { kind: 'token', accessToken: 'given' } },
    );
    const error = await errorOf(api.things.get('abc'));
    expect((error as ApiError).status).toBe(401);
    expect(api.seen.map((s) => s.headers.authorization)).toEqual(['Bearer given']);
    expect(api.logs).not.toContain('auth: token refused, logging in again');
  });
});

describe('request: methods and bodies', () => {
  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])(
    'resends a %s whose connection dropped: it can be repeated safely',
    async (method) => {
      const api = await startApi(['drop', { status: 204 }]);
      expect(await api.call(method, '/api/v2/things/abc')).toEqual({
        status: 204,
        body: undefined,
      });
      expect(api.seen.map((s) => s.method)).toEqual([method, method]);
    },
  );

  it.each(['POST', 'PATCH'])(
    'does not resend a %s whose connection dropped: it may have been processed',
    async (method) => {
      const api = await startApi(['drop', { status: 204 }]);
      const error = await errorOf(api.call(method, '/api/v2/things/abc'));
      expect((error as GcadoptError).message).toMatch(
        new RegExp(
          `^cannot reach the API host 127\\.0\\.0\\.1:\\d+ \\(${method} /api/v2/things/abc\\): \\S+$`,
        ),
      );
      expect(api.seen).toHaveLength(1);
    },
  );

  it('gives an answer that is not JSON as its text, and an empty one as nothing', async () => {
    const api = await startApi([
      { status: 200, text: 'plain words' },
      { status: 200, text: '' },
      { status: 200, text: '{"a":1}' },
    ]);
    expect((await api.call('GET', '/x')).body).toBe('plain words');
    expect((await api.call('GET', '/x')).body).toBeUndefined();
    expect((await api.call('GET', '/x')).body).toEqual({ a: 1 });
  });
});

describe('request: timeouts and cancelling', () => {
  it('says an attempt that got no answer in time timed out', async () => {
    const api = await startApi(['hang'], { timeoutMs: 50, retry: { maxAttempts: 1 } });
    const error = await errorOf(api.call('GET', '/api/v2/things/abc'));
    expect((error as GcadoptError).message).toMatch(
      /\(GET \/api\/v2\/things\/abc\): timed out; gave up: the retry limit of 1 attempt$/,
    );
    expect(api.logs).toContain('http: GET /api/v2/things/abc failed: timed out attempt 1');
  });

  it('stops an attempt in flight when the signal aborts', async () => {
    const api = await startApi(['hang'], { timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = errorOf(api.call('GET', '/api/v2/things/abc', { signal: controller.signal }));
    while (api.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = (await pending) as GcadoptError;
    expect(error.code).toBe('network');
    expect(error.message).toBe('GET /api/v2/things/abc was cancelled');
    expect((error.cause as Error).name).toBe('AbortError');
  });

  it('names the error when a failure has no network code', async () => {
    // More redirects than fetch follows: it fails with a plain TypeError.
    const loop = { status: 307, headers: { location: '/api/v2/things' } };
    const api = await startApi(Array.from({ length: 30 }, () => loop));
    const error = await errorOf(api.call('POST', '/api/v2/things'));
    expect((error as GcadoptError).message).toMatch(/\(POST \/api\/v2\/things\): fetch failed$/);
  });
});
