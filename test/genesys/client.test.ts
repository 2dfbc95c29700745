import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { ApiError } from '../../src/genesys/api-error.js';
import type { ClientOptions, GenesysClient } from '../../src/genesys/client.js';
import { createTestCacheDir } from '../helpers/cache-dir.js';
import { findFaultSeed } from '../helpers/faults.js';
import { createFakeSleepClock, createEmulatorClient } from '../helpers/client.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';

const api = (path: string) => path.startsWith('/api/');

// Every auth behaviour holds with the on-disk token cache on (the CLI's default) and off.
describe.each([
  ['with the token cache', true],
  ['without the token cache', false],
])('client auth %s', (_, cached) => {
  const clientFor = (emulator: Emulator, options: Partial<ClientOptions> = {}): GenesysClient =>
    createEmulatorClient(emulator, {
      ...(cached ? { tokenCacheDir: createTestCacheDir() } : {}),
      ...options,
    });

  it('logs in once for many calls', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(5) } });
    const client = clientFor(emulator);
    for (let i = 0; i < 5; i++) await client.divisions.home();
    await client.divisions.list();
    expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(client.stats.logins).toBe(1);
  });

  it('shares one in-flight login between concurrent callers', async () => {
    const emulator = await startTestEmulator({ latencyMs: 30 });
    const client = clientFor(emulator);
    await Promise.all(Array.from({ length: 20 }, () => client.divisions.home()));
    expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('logs in again once when the token has expired', async () => {
    const emulator = await startTestEmulator();
    const client = clientFor(emulator);
    await client.divisions.home();
    emulator.expireTokens();
    await client.divisions.home();
    expect(
      emulator.requests.map((r) => `${r.path.startsWith('/api') ? 'api' : 'login'} ${r.status}`),
    ).toEqual(['login 200', 'api 200', 'api 401', 'login 200', 'api 200']);
  });

  it('logs in again once when the token expires while many pages are in flight', async () => {
    let expired = false;
    const emulator: Emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(600), limits: { ratePerMinute: 10_000 } },
      // Right after page 1 is answered, before pages 2..7 are sent: they all get a 401.
      onRequest: (entry) => {
        if (!expired && entry.path.startsWith('/api/')) {
          expired = true;
          emulator.expireTokens();
        }
      },
    });
    const client = clientFor(emulator, { requestsPerMinute: 10_000 });
    const list = await client.divisions.list();
    expect(list).toHaveLength(601);
    expect(emulator.requests.filter((r) => r.status === 401).length).toBeGreaterThan(1);
    expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
    // No request ever went out again with the token that got its 401.
    const refused = new Set(emulator.requests.filter((r) => r.status === 401).map((r) => r.caller));
    const after = emulator.requests.slice(emulator.requests.findIndex((r) => r.status === 401));
    expect(after.filter((r) => r.status === 200 && refused.has(r.caller))).toEqual([]);
  });

  it('fails with a clear error for refused credentials, without the secret', async () => {
    const emulator = await startTestEmulator();
    const client = clientFor(emulator, {
      credentials: {
        kind: 'client',
        clientId: emulator.clients[0]!.id,
        clientSecret: 'wrong-secret-value',
      },
    });
    const error = await client.divisions.home().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(String((error as Error).message)).toContain('/oauth/token');
    expect(
      JSON.stringify({
        ...(error as object),
        message: (error as Error).message,
        hint: (error as ApiError).hint,
      }),
    ).not.toContain('wrong-secret-value');
  });

  it('uses a ready access token without logging in', async () => {
    const emulator = await startTestEmulator();
    const login = clientFor(emulator);
    await login.divisions.home();
    const tokenHolder = clientFor(emulator, {
      credentials: { kind: 'token', accessToken: 'not-valid' },
    });
    await expect(tokenHolder.divisions.home()).rejects.toThrow(/401 bad.credentials/);
    expect(tokenHolder.stats.logins).toBe(0);
  });
});

describe('client retries', () => {
  it('retries a 429 honouring Retry-After', async () => {
    const clock = createFakeSleepClock();
    const emulator = await startTestEmulator({
      seed: { limits: { ratePerMinute: 2 } },
      now: () => clock.now(),
    });
    const [c] = emulator.clients;
    const login = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${c!.id}:${c!.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    // Another tool spends the token's whole budget first.
    for (let i = 0; i < 2; i++)
      await fetch(`${emulator.url}/api/v2/authorization/divisions/home`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    const client = createEmulatorClient(emulator, {
      clock,
      credentials: { kind: 'token', accessToken: token },
    });
    const home = await client.divisions.home();
    expect(home.homeDivision).toBe(true);
    expect(emulator.requests.slice(-2).map((r) => r.status)).toEqual([429, 200]);
    expect(clock.slept[0]).toBe(60_000);
  });

  it('retries injected 429s, 503s and dropped connections until it succeeds', async () => {
    const emulator = await startTestEmulator({
      faultRate: 0.5,
      faultSeed: 3,
      faultRetryAfter: 2,
      seed: { divisions: seedDivisions(40) },
    });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock, retry: { maxAttempts: 12 } });
    const list = await client.divisions.list({ pageSize: 10 });
    expect(list).toHaveLength(41);
    const faults = emulator.requests.filter((r) => r.fault !== undefined).map((r) => r.fault);
    expect(new Set(faults)).toEqual(new Set(['429', '503', 'drop']));
    expect(clock.slept).toContain(2000);
  });

  it.each(['400', '404', '409'])('does not retry a %s', async (status) => {
    const emulator = await startTestEmulator();
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock });
    const call =
      status === '404'
        ? client.divisions.get('99999999-2222-4333-8444-555555555555')
        : client.divisions.create({ name: status === '400' ? '   ' : 'home' });
    const error = (await call.catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(Number(status));
    expect(error.attempts).toBe(1);
    expect(emulator.requests.filter((r) => api(r.path))).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('does not retry a POST that got a 503: a create is not idempotent', async () => {
    const emulator = await startTestEmulator({ faultRate: 1, faultSeed: findFaultSeed(['503']) });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock });
    const error = (await client.divisions
      .create({ name: 'New' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(1);
    expect(error.gaveUp).toBeUndefined();
    expect(emulator.requests.filter((r) => r.method === 'POST' && api(r.path))).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('does not retry a POST whose connection dropped: it may have been processed', async () => {
    const emulator = await startTestEmulator({ faultRate: 1, faultSeed: findFaultSeed(['drop']) });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock });
    await expect(client.divisions.create({ name: 'New' })).rejects.toThrow(/cannot reach/);
    expect(emulator.requests.filter((r) => r.method === 'POST' && api(r.path))).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('retries a POST that got a 429: a throttled request was not processed', async () => {
    const emulator: Emulator = await startTestEmulator({
      faultRate: 1,
      faultSeed: findFaultSeed(['429']),
      faultRetryAfter: 3,
      // Only the first API request meets its fault.
      onRequest: (entry) => {
        if (api(entry.path)) emulator.setFaultRate(0);
      },
    });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock });
    const created = await client.divisions.create({ name: 'New' });
    expect(
      emulator.store
        .list()
        .filter((d) => d.name === 'New')
        .map((d) => d.id),
    ).toEqual([created.id]);
    expect(clock.slept).toEqual([3000]);
  });

  it('gives up on repeated 503s on a GET at the retry limit, and says so', async () => {
    const emulator = await startTestEmulator({
      faultRate: 1,
      faultSeed: findFaultSeed(Array.from({ length: 6 }, () => '503' as const)),
    });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, { clock, random: () => 1 });
    const error = (await client.divisions.home().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(6);
    expect(error.message).toMatch(
      /503 service\.unavailable: .* after 6 attempts; gave up: the retry limit of 6 attempts/,
    );
    expect(emulator.requests.filter((r) => api(r.path))).toHaveLength(6);
    expect(clock.slept).toEqual([300, 600, 1200, 2400, 4800]);
  });

  it('gives up on repeated 503s on a GET when the retry budget is spent, and says so', async () => {
    const emulator = await startTestEmulator({
      faultRate: 1,
      faultSeed: findFaultSeed(Array.from({ length: 3 }, () => '503' as const)),
    });
    const clock = createFakeSleepClock();
    const client = createEmulatorClient(emulator, {
      clock,
      random: () => 1,
      retry: { budgetMs: 1000 },
    });
    const error = (await client.divisions.home().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(503);
    // 300 ms, then 600 ms fit in the second; the next 1200 ms would not.
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('gave up: the retry budget of 1s is spent');
    expect(emulator.requests.filter((r) => api(r.path))).toHaveLength(3);
    expect(clock.slept).toEqual([300, 600]);
  });

  it('names the host when the network is unreachable', async () => {
    const emulator = await startTestEmulator();
    const url = emulator.url;
    await emulator.close();
    const clock = createFakeSleepClock();
    const client = createEmulatorClient({ ...emulator, url }, { clock, retry: { maxAttempts: 2 } });
    await expect(client.divisions.home()).rejects.toThrow(
      /cannot reach 127\.0\.0\.1:\d+|ECONNREFUSED/,
    );
  });
});

describe('client paging', () => {
  it.each([0, 1, 25, 26, 2500])('lists exactly %i seeded divisions (plus Home)', async (count) => {
    const emulator = await startTestEmulator({
      seed: {
        divisions: seedDivisions(count),
        limits: { ratePerMinute: 10_000, maxDivisions: 5000 },
      },
    });
    const client = createEmulatorClient(emulator, { requestsPerMinute: 10_000 });
    const list = await client.divisions.list();
    expect(list).toHaveLength(count + 1);
    expect(new Set(list.map((d) => d.id)).size).toBe(count + 1);
    const pages = emulator.requests.filter((r) => r.path === '/api/v2/authorization/divisions');
    // Every page once, then page 1 again to confirm nothing moved (for more than one page).
    const pageCount = Math.ceil((count + 1) / 100);
    expect(pages).toHaveLength(pageCount === 1 ? 1 : pageCount + 1);
    expect(
      pages.filter((r) => r.query.includes('pageNumber=1&') || r.query.endsWith('pageNumber=1')),
    ).toHaveLength(pageCount === 1 ? 1 : 2);
  });

  it('iterates page by page with an async generator, and stops paging when the caller stops', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(30) } });
    const client = createEmulatorClient(emulator);
    const pages = () =>
      emulator.requests.filter((r) => r.path === '/api/v2/authorization/divisions');
    const seen: string[] = [];
    for await (const d of client.divisions.iterate({ pageSize: 10, concurrency: 2 })) {
      seen.push(d.id);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(
      emulator.store
        .list()
        .slice(0, 3)
        .map((d) => d.id),
    );
    // Give any request still being made the time to arrive: none may.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pages().map((r) => r.query)).toEqual(['?pageSize=10&pageNumber=1']);

    const all: string[] = [];
    for await (const d of client.divisions.iterate({ pageSize: 5, concurrency: 2 })) {
      all.push(d.id);
      if (all.length === 7) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Reading page 2 of 7 with two pages read ahead: pages 5, 6 and 7 were never asked for.
    const asked = pages()
      .slice(1)
      .map((r) => Number(new URLSearchParams(r.query).get('pageNumber')));
    expect(asked.slice(0, 2)).toEqual([1, 2]);
    expect(Math.max(...asked)).toBeLessThanOrEqual(4);
  });

  /** An emulator whose listing `change`s right after page 1 of the first pass is answered. */
  async function startChangingOrg(change: (emulator: Emulator) => void): Promise<Emulator> {
    let changed = false;
    const emulator: Emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(30) },
      onRequest: (entry) => {
        if (!changed && entry.path === '/api/v2/authorization/divisions') {
          changed = true;
          change(emulator);
        }
      },
    });
    return emulator;
  }

  // Someone adds a division that sorts first, shifting every later page by one.
  const insert = (emulator: Emulator) => emulator.store.create('AAA inserted meanwhile', null);
  // Someone deletes a division of page 1 and creates one that sorts into page 1:
  // the total stays the same and the later pages do not move.
  const swap = (emulator: Emulator) => {
    emulator.store.delete(seedDivisions(30)[2]!.id);
    emulator.store.create('AAA created meanwhile', null);
  };

  it.each([
    ['a division is inserted', insert],
    ['one division is deleted and another created (same total)', swap],
  ])('re-reads a listing that changed between pages when %s', async (_, change) => {
    const emulator = await startChangingOrg(change);
    const client = createEmulatorClient(emulator);
    const list = await client.divisions.list({ pageSize: 10 });
    expect(list.map((d) => d.id).sort()).toEqual(
      emulator.store
        .list()
        .map((d) => d.id)
        .sort(),
    );
  });

  it.each([
    ['a division is inserted', insert],
    ['one division is deleted and another created (same total)', swap],
  ])('iterates each division once and misses none when %s', async (_, change) => {
    const emulator = await startChangingOrg(change);
    const client = createEmulatorClient(emulator);
    const ids: string[] = [];
    for await (const d of client.divisions.iterate({ pageSize: 10 })) ids.push(d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const live of emulator.store.list()) expect(ids).toContain(live.id);
    const firstPages = emulator.requests.filter((r) => r.query.endsWith('pageNumber=1'));
    expect(firstPages.length).toBeGreaterThan(2);
  });

  it('lists by ids', async () => {
    const seeded = seedDivisions(120);
    const emulator = await startTestEmulator({ seed: { divisions: seeded } });
    const client = createEmulatorClient(emulator);
    const ids = seeded.slice(0, 70).map((d) => d.id);
    const list = await client.divisions.list({ ids });
    expect(list.map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it('returns exactly the seeded set under a 20% fault rate, for every seed', async () => {
    for (const faultSeed of [1, 2, 3, 4, 5]) {
      const seeded = seedDivisions(300);
      const emulator = await startTestEmulator({
        faultRate: 0.2,
        faultSeed,
        seed: { divisions: seeded, limits: { ratePerMinute: 10_000 } },
      });
      const client = createEmulatorClient(emulator, {
        clock: createFakeSleepClock(),
        requestsPerMinute: 10_000,
        retry: { maxAttempts: 10 },
      });
      const list = await client.divisions.list({ pageSize: 25 });
      expect(list.map((d) => d.id).sort()).toEqual(
        [emulator.store.home().id, ...seeded.map((d) => d.id)].sort(),
      );
    }
  });
});

describe('client pacer', () => {
  it('keeps a long listing under the requests-per-minute limit (measured from the emulator log)', async () => {
    // One clock for both sides: the emulator stamps requests with the time the client paced by.
    const clock = createFakeSleepClock();
    const emulator = await startTestEmulator({
      seed: { divisions: seedDivisions(199), limits: { ratePerMinute: 6 } },
      now: () => clock.now(),
    });
    // One request at a time: a fake clock must not jump while a request is in flight.
    const client = createEmulatorClient(emulator, { clock, requestsPerMinute: 5, concurrency: 1 });
    await client.divisions.list({ pageSize: 10, concurrency: 1 });
    const times = emulator.requests.filter((r) => api(r.path)).map((r) => r.time);
    // 20 pages and the confirming re-read of page 1.
    expect(times).toHaveLength(21);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(5);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(3 * 60_000);
    expect(emulator.requests.some((r) => r.status === 429)).toBe(false);
  });
});
