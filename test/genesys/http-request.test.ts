import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GcadoptError } from '../../src/errors.js';
import { ApiError } from '../../src/genesys/api-error.js';
import { createClient } from '../../src/genesys/client.js';
import { queryString } from '../../src/genesys/http.js';
import { defaultRetryPolicy, nextDelay } from '../../src/genesys/retry.js';

/** One scripted answer of the API: status, JSON body, headers. */
interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const family = { path: '/api/v2/things', noun: 'thing', plural: 'things' };
const thing = { id: 'abc', name: 'A thing' };

/**
 * A scripted API on 127.0.0.1: every login gets a new token (`token-1`,
 * `token-2`, ...), every API request the next scripted answer. The client runs
 * on a fake clock (no real waiting, every request takes 0 ms) and a fixed random.
 */
async function startApi(answers: Answer[]) {
  const seen: Seen[] = [];
  let logins = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (a: Answer): void => {
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      };
      if (url.pathname === '/oauth/token') {
        logins += 1;
        send({ status: 200, body: { access_token: `token-${logins}`, expires_in: 3600 } });
        return;
      }
      seen.push({
        method: req.method ?? '',
        path: url.pathname + url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      send(answers.shift() ?? { status: 500, body: { code: 'script.exhausted' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: string[] = [];
  let now = Date.now();
  const client = createClient({
    apiUrl: url,
    loginUrl: url,
    credentials: { kind: 'client', clientId: 'id', clientSecret: 'secret' },
    log: (line) => logs.push(line),
    random: () => 0.5,
    clock: {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    },
  });
  return { client, things: client.entities(family), seen, logs, url };
}

const errorOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

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

  it('does not log in again for another 401 code', async () => {
    const api = await startApi([
      { status: 401, body: { code: 'authentication.required', status: 401 } },
      { status: 200, body: thing },
    ]);
    const error = await errorOf(api.things.get('abc'));
    expect((error as ApiError).status).toBe(401);
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
