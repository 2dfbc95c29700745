import { createServer, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/genesys/api-error.js';
import { TokenProvider } from '../../src/genesys/auth.js';
import type { Credentials } from '../../src/genesys/credentials.js';
import { TokenCache } from '../../src/genesys/token-cache.js';
import { createTestCacheDir } from '../helpers/cache-dir.js';
import { errorOf, listenOnLoopback, startLoopback, type Answer } from '../helpers/loopback.js';

const credentials: Credentials = { kind: 'client', clientId: 'id', clientSecret: 'secret' };
const hour = 3_600_000;

interface Setup {
  /** The answer to login `n` (from 1); by default `token-n`, valid an hour. */
  readonly answer?: (n: number) => Answer;
  /** Milliseconds the fake clock moves while the server answers a login. */
  readonly loginMs?: number;
  readonly credentials?: Credentials;
  readonly cacheDir?: string;
  readonly earlyMs?: number | undefined;
  readonly timeoutMs?: number;
}

/**
 * A token provider logging in over real HTTP to a scripted login server on
 * 127.0.0.1, on a fake clock that moves only when told to (or by `loginMs`
 * while a login is answered).
 */
async function startLogin(setup: Setup = {}) {
  const clock = { now: 1_750_000_000_000 };
  let logins = 0;
  const server = await startLoopback(() => {
    logins += 1;
    clock.now += setup.loginMs ?? 0;
    return (
      setup.answer?.(logins) ?? {
        status: 200,
        body: { access_token: `token-${logins}`, expires_in: 3600 },
      }
    );
  });
  const logs: string[] = [];
  const auth = new TokenProvider({
    credentials: setup.credentials ?? credentials,
    loginUrl: server.url,
    fetch: globalThis.fetch,
    now: () => clock.now,
    cache: setup.cacheDir === undefined ? undefined : new TokenCache({ dir: setup.cacheDir }),
    earlyMs: setup.earlyMs,
    log: (line) => logs.push(line),
    timeoutMs: setup.timeoutMs ?? 30_000,
  });
  return { auth, clock, logs, received: server.received, url: server.url };
}

describe('login: what goes on the wire', () => {
  it('posts the client-credentials grant with HTTP Basic, each part form-encoded', async () => {
    const login = await startLogin({
      credentials: { kind: 'client', clientId: 'ann:1', clientSecret: 'p@ss word/+' },
    });
    expect(await login.auth.get()).toBe('token-1');
    const [sent] = login.received;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/oauth/token');
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from('ann%3A1:p%40ss%20word%2F%2B').toString('base64')}`,
    );
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.body).toBe('grant_type=client_credentials');
  });

  it('logs the login with its status and time, and counts it', async () => {
    const login = await startLogin({ loginMs: 25 });
    await login.auth.get();
    expect(login.logs).toEqual(['auth: POST /oauth/token 200 25ms']);
    expect(login.auth.logins).toBe(1);
  });

  it('keeps the token for the lifetime the login gives', async () => {
    const login = await startLogin({
      answer: () => ({ status: 200, body: { access_token: 'a', expires_in: 120 } }),
    });
    const before = login.clock.now;
    expect(login.auth.expiresAt).toBeUndefined();
    await login.auth.get();
    expect(login.auth.expiresAt).toBe(before + 120_000);
  });

  it.each([
    ['no lifetime', { access_token: 'a' }],
    ['a lifetime that is not a number', { access_token: 'a', expires_in: '120' }],
  ])('keeps a token a day when the login gives %s', async (_, body) => {
    const login = await startLogin({ answer: () => ({ status: 200, body }) });
    const before = login.clock.now;
    await login.auth.get();
    expect(login.auth.expiresAt).toBe(before + 86_400_000);
  });
});

describe('login: when the token is renewed', () => {
  it.each([
    ['a minute before an hour-long token expires', 3600, undefined, 60_000],
    ['a tenth of a short lifetime before it ends', 100, undefined, 10_000],
    ['as early as asked', 3600, 5_000, 5_000],
  ])('renews %s', async (_, lifetime, earlyMs, early) => {
    const login = await startLogin({
      earlyMs,
      answer: (n) => ({ status: 200, body: { access_token: `token-${n}`, expires_in: lifetime } }),
    });
    expect(await login.auth.get()).toBe('token-1');
    const expiresAt = login.auth.expiresAt ?? 0;
    login.clock.now = expiresAt - early - 1;
    expect(await login.auth.get()).toBe('token-1');
    login.clock.now = expiresAt - early;
    expect(await login.auth.get()).toBe('token-2');
    expect(login.auth.logins).toBe(2);
  });

  it('shares one login between callers asking at once', async () => {
    const login = await startLogin();
    expect(await Promise.all([login.auth.get(), login.auth.get()])).toEqual(['token-1', 'token-1']);
    expect(login.received).toHaveLength(1);
  });
});

describe('login: the token cache', () => {
  const grant = (url: string) => ({ loginUrl: url, clientId: 'id', clientSecret: 'secret' });

  it('takes a good cached token until the renewal margin its login fixed', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({ cacheDir: dir });
    const expiresAt = login.clock.now + 30_000;
    await new TokenCache({ dir }).write(grant(login.url), {
      accessToken: 'cached',
      expiresAt,
      renewMs: 3_000,
    });
    const fromCache = () => login.logs.filter((l) => l === 'auth: token from cache').length;
    expect(await login.auth.get()).toBe('cached');
    expect(await login.auth.get()).toBe('cached');
    expect(login.auth.expiresAt).toBe(expiresAt);
    expect(fromCache()).toBe(1);
    login.clock.now = expiresAt - 3_001;
    expect(await login.auth.get()).toBe('cached');
    expect(fromCache()).toBe(1);
    expect(login.received).toHaveLength(0);
    // At the margin the cached token is due for renewal too: a login, not the cache.
    login.clock.now = expiresAt - 3_000;
    expect(await login.auth.get()).toBe('token-1');
    expect(fromCache()).toBe(1);
    expect(login.received).toHaveLength(1);
  });

  it('gives a cached token without a kept margin the full minute', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({ cacheDir: dir });
    const cache = new TokenCache({ dir });
    await cache.write(grant(login.url), {
      accessToken: 'old',
      expiresAt: login.clock.now + 60_001,
    });
    expect(await login.auth.get()).toBe('old');
    const late = await startLogin({ cacheDir: dir });
    await cache.write(grant(late.url), { accessToken: 'old', expiresAt: late.clock.now + 59_999 });
    expect(await late.auth.get()).toBe('token-1');
  });

  it('logs in rather than take a cached token that expires now', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({ cacheDir: dir });
    await new TokenCache({ dir }).write(grant(login.url), {
      accessToken: 'cached',
      expiresAt: login.clock.now,
    });
    expect(await login.auth.get()).toBe('token-1');
    expect(login.logs).not.toContain('auth: token from cache');
  });

  it('caches the token it logs in for', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({ cacheDir: dir });
    await login.auth.get();
    expect(await new TokenCache({ dir }).read(grant(login.url))).toEqual({
      accessToken: 'token-1',
      expiresAt: login.clock.now + hour,
      renewMs: 60_000,
    });
  });
});

describe('login: refusals and failures', () => {
  it.each([400, 401])(
    'says the client id or secret was refused on a %i, with the login answer',
    async (status) => {
      const body = { error: 'invalid_client', description: 'authentication failed' };
      const login = await startLogin({
        answer: () => ({ status, body, headers: { 'inin-correlation-id': 'corr-7' } }),
      });
      const error = await errorOf(login.auth.get());
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        status,
        method: 'POST',
        path: '/oauth/token',
        genesysCode: 'invalid_client',
        correlationId: 'corr-7',
        attempts: 1,
        body,
        hint: 'the OAuth client id or secret was refused: check them and that the client uses the Client Credentials grant in this region',
      });
      expect(login.auth.logins).toBe(1);
      expect(login.logs).toEqual([`auth: POST /oauth/token ${status} 0ms`]);
    },
  );

  it('reports another failing status without blaming the credentials', async () => {
    const login = await startLogin({ answer: () => ({ status: 503, body: { code: 'busy' } }) });
    const error = await errorOf(login.auth.get());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, genesysCode: 'busy', correlationId: undefined });
    expect((error as ApiError).hint).toBeUndefined();
  });

  it('refuses a successful answer that is not JSON', async () => {
    const login = await startLogin({ answer: () => ({ status: 200, text: 'welcome' }) });
    const error = await errorOf(login.auth.get());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, body: undefined });
  });

  it('refuses a failing answer even when it carries a token', async () => {
    const login = await startLogin({
      answer: () => ({ status: 500, body: { access_token: 'odd', expires_in: 3600 } }),
    });
    const error = await errorOf(login.auth.get());
    expect(error).toMatchObject({ status: 500, path: '/oauth/token' });
    expect(login.auth.expiresAt).toBeUndefined();
  });

  it('reports an answer that is not JSON (a proxy page) by its status', async () => {
    const login = await startLogin({
      answer: () => ({ status: 502, text: '<html>Bad gateway</html>' }),
    });
    const error = await errorOf(login.auth.get());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, body: undefined });
  });

  it('refuses a successful answer without a token', async () => {
    const login = await startLogin({
      answer: () => ({ status: 200, body: { access_token: 42, expires_in: 3600 } }),
    });
    const error = await errorOf(login.auth.get());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, path: '/oauth/token' });
    expect(login.auth.expiresAt).toBeUndefined();
  });

  it('gives up on a login that is not answered in time', async () => {
    const login = await startLogin({ answer: () => 'hang', timeoutMs: 50 });
    const error = await errorOf(login.auth.get());
    expect((error as Error).name).toBe('TimeoutError');
  });

  it("stops a login when the caller's signal aborts", async () => {
    const login = await startLogin({ answer: () => 'hang', timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = errorOf(login.auth.get(controller.signal));
    while (login.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
  });
});

describe('login: a refused token', () => {
  it('is forgotten: the next caller logs in again', async () => {
    const login = await startLogin();
    const first = await login.auth.get();
    await login.auth.invalidate(first);
    expect(login.auth.expiresAt).toBeUndefined();
    expect(await login.auth.get()).toBe('token-2');
  });

  it('is taken out of the cache, so no other run uses it', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({ cacheDir: dir, answer: () => ({ status: 503 }) });
    const cache = new TokenCache({ dir });
    const grant = { loginUrl: login.url, clientId: 'id', clientSecret: 'secret' };
    const expiresAt = login.clock.now + hour;
    await cache.write(grant, { accessToken: 'cached', expiresAt });
    expect(await login.auth.get()).toBe('cached');
    await login.auth.invalidate('another');
    expect(await cache.read(grant)).toEqual({ accessToken: 'cached', expiresAt });
    await login.auth.invalidate('cached');
    // The login that would replace it fails: the refused token is gone all the same.
    expect(await cache.read(grant)).toBeUndefined();
    expect(await errorOf(login.auth.get())).toMatchObject({ status: 503 });
  });

  it('is forgotten without dropping the newer token another caller got', async () => {
    const login = await startLogin();
    const first = await login.auth.get();
    await login.auth.invalidate(first);
    expect(await login.auth.get()).toBe('token-2');
    // A request that was still in flight with the old token gets its 401 now.
    await login.auth.invalidate(first);
    expect(login.auth.expiresAt).toBeDefined();
    expect(await login.auth.get()).toBe('token-2');
    expect(login.auth.logins).toBe(2);
  });

  it('handed out again by the server is tried twice more, then given to the caller', async () => {
    const login = await startLogin({
      answer: () => ({ status: 200, body: { access_token: 'same', expires_in: 3600 } }),
    });
    await login.auth.invalidate(await login.auth.get());
    expect(await login.auth.get()).toBe('same');
    expect(login.auth.logins).toBe(3);
  });

  it('is never a given access token: no login, no expiry, no re-login', async () => {
    const dir = createTestCacheDir();
    const login = await startLogin({
      credentials: { kind: 'token', accessToken: 'given' },
      cacheDir: dir,
    });
    expect(await login.auth.get()).toBe('given');
    expect(login.auth.canRelogin()).toBe(false);
    await login.auth.invalidate('given');
    expect(await login.auth.get()).toBe('given');
    expect(login.auth.expiresAt).toBeUndefined();
    expect(login.received).toHaveLength(0);
  });
});

describe('login: one login shared by several callers', () => {
  /** A login server that answers only when told to; `asked` counts the logins received. */
  async function gatedLogin() {
    const held: ServerResponse[] = [];
    // Logins whose caller went away before they were answered.
    const closed: ServerResponse[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => held.push(res));
      res.on('close', () => {
        if (!res.writableEnded) closed.push(res);
      });
    });
    const port = await listenOnLoopback(server);
    const auth = new TokenProvider({
      credentials,
      loginUrl: `http://127.0.0.1:${port}`,
      fetch: globalThis.fetch,
      now: () => Date.now(),
      cache: undefined,
      log: () => undefined,
      timeoutMs: 5_000,
    });
    const waitForLogins = async (n: number): Promise<void> => {
      while (held.length < n) await new Promise((r) => setTimeout(r, 5));
    };
    const answer = (i: number, token: string): void => {
      held[i]?.writeHead(200, { 'content-type': 'application/json' });
      held[i]?.end(JSON.stringify({ access_token: token, expires_in: 3600 }));
    };
    return { auth, held, closed, waitForLogins, answer };
  }

  it('goes on for the others when the caller that started it gives up', async () => {
    const login = await gatedLogin();
    const first = new AbortController();
    const second = new AbortController();
    const gaveUp = errorOf(login.auth.get(first.signal));
    const waits = login.auth.get(second.signal);
    await login.waitForLogins(1);
    first.abort();
    expect(((await gaveUp) as Error).name).toBe('AbortError');
    login.answer(0, 'shared');
    expect(await waits).toBe('shared');
    expect(login.held).toHaveLength(1);
  });

  it('stops once every caller gave up, and the next caller logs in again', async () => {
    const login = await gatedLogin();
    const callers = [new AbortController(), new AbortController()];
    const gaveUp = callers.map((c) => errorOf(login.auth.get(c.signal)));
    await login.waitForLogins(1);
    for (const c of callers) c.abort();
    for (const error of await Promise.all(gaveUp)) expect((error as Error).name).toBe('AbortError');
    // The request itself is cancelled on the wire, long before its 5 s timeout.
    for (let waited = 0; login.closed.length === 0 && waited < 1_000; waited += 5)
      await new Promise((r) => setTimeout(r, 5));
    expect(login.closed).toEqual([login.held[0]]);
    // The abandoned login is gone: a new caller starts its own rather than waiting on it.
    const next = login.auth.get();
    await login.waitForLogins(2);
    login.answer(1, 'fresh');
    expect(await next).toBe('fresh');
  });

  it('is not given up while a caller without a signal waits for it', async () => {
    const login = await gatedLogin();
    const patient = login.auth.get();
    const hasty = new AbortController();
    const gaveUp = errorOf(login.auth.get(hasty.signal));
    await login.waitForLogins(1);
    hasty.abort();
    expect(((await gaveUp) as Error).name).toBe('AbortError');
    login.answer(0, 'kept');
    expect(await patient).toBe('kept');
  });

  it('a login given up on never serves, nor ends, the one after it', async () => {
    const login = await gatedLogin();
    const first = new AbortController();
    const gaveUp = errorOf(login.auth.get(first.signal));
    await login.waitForLogins(1);
    first.abort();
    // Asked at once, before the abandoned login has finished stopping.
    const second = login.auth.get();
    await gaveUp;
    await login.waitForLogins(2);
    await new Promise((r) => setTimeout(r, 20));
    // A third caller shares the second login instead of starting another.
    const third = login.auth.get();
    login.answer(1, 'second');
    expect(await Promise.all([second, third])).toEqual(['second', 'second']);
    expect(login.held).toHaveLength(2);
  });

  it("leaves nothing behind on a caller's signal once the token is handed over", async () => {
    // One signal for a whole run, and a login for each of many tokens (each refused in turn):
    // a listener left on the signal per login would pile up (Node warns past ten).
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      const login = await startLogin();
      const run = new AbortController();
      for (let i = 1; i <= 15; i++) {
        const token = await login.auth.get(run.signal);
        expect(token).toBe(`token-${i}`);
        await login.auth.invalidate(token);
      }
      await new Promise((r) => setTimeout(r, 20));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('is not started for a caller that has already given up', async () => {
    const login = await gatedLogin();
    const error = await errorOf(login.auth.get(AbortSignal.abort()));
    expect((error as Error).name).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 50));
    expect(login.held).toHaveLength(0);
  });
});
