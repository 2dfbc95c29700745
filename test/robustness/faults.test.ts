import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { defaultRetryPolicy } from '../../src/genesys/retry.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, examplesDir } from '../helpers/example.js';
import { countFaults } from '../helpers/faults.js';
import { createTestIo } from '../helpers/io.js';

interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(args: string[], env: Record<string, string>): Promise<Result> {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The example org plus 500 more divisions, so a listing takes several pages. */
async function startLargeExampleOrg(
  faults: { faultRate?: number; faultSeed?: number } = {},
): Promise<Emulator> {
  const seed = JSON.parse(await readFile(join(examplesDir, 'org.json'), 'utf8')) as {
    divisions: object[];
  };
  seed.divisions.push(
    ...Array.from({ length: 500 }, (_, i) => ({
      id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      name: `Extra ${i}`,
    })),
  );
  return startTestEmulator({ seed, faultRetryAfter: 0, ...faults });
}

function expectCleanFailure(got: { out: string; err: string }): void {
  expect(got.out).toBe('');
  expect(got.err.split('\n')[0]).toMatch(/^gcadopt: /);
  expect(got.err).not.toMatch(/\n\s+at /);
}

const apiCalls = (emulator: Emulator) =>
  emulator.requests.filter((r) => r.path.startsWith('/api/'));

/**
 * A command run against a fault-free org and against one with faults: the
 * answer must be the same. Seeds are picked so that the faults of the whole
 * run number fewer than one request's retry limit: whatever order the
 * concurrent requests arrive in, no request can exhaust its retries, so every
 * run must succeed; a failure here is a retry that did not happen.
 */
async function runBoth(
  args: (dir: string) => string[],
  rate: number,
  faultSeed: number,
): Promise<{ expected: Result; got: Result; faulty: Emulator }> {
  const dir = await copyExample();
  const clean = await startLargeExampleOrg();
  // Reports name the API host, which differs between the two emulators.
  const expected = withoutHost(await run(args(dir), emulatorEnv(clean)), clean);
  // Each fault costs one extra request: the run is over within calls + limit - 1 requests.
  const draws = apiCalls(clean).length + maxAttempts - 1;
  const planned = countFaults(rate, faultSeed, draws);
  expect(
    planned,
    'the seed must fault at least once and fewer times than the retry limit',
  ).toBeGreaterThan(0);
  expect(planned).toBeLessThan(maxAttempts);
  const faulty = await startLargeExampleOrg({ faultRate: rate, faultSeed });
  const got = withoutHost(await run(args(dir), emulatorEnv(faulty)), faulty);
  const met = apiCalls(faulty).filter((r) => r.fault !== undefined).length;
  expect(met).toBeGreaterThan(0);
  expect(met).toBeLessThanOrEqual(planned);
  return { expected, got, faulty };
}

function withoutHost(result: Result, emulator: Emulator): Result {
  return { ...result, out: result.out.replaceAll(new URL(emulator.url).host, 'HOST') };
}

const maxAttempts = defaultRetryPolicy.maxAttempts;

describe('faults', () => {
  const recoverable = [
    [0.1, 6],
    [0.1, 7],
    [0.3, 2],
    [0.3, 16],
    [0.5, 6],
    [0.5, 35],
  ] as const;

  it.each(recoverable)(
    'check at fault rate %f (seed %i): exactly the fault-free result',
    async (rate, faultSeed) => {
      const { expected, got } = await runBoth(
        (dir) => ['check', dir, '--plan', join(dir, 'plan.json'), '--format', 'json'],
        rate,
        faultSeed,
      );
      expect(expected.code).toBe(2);
      expect(got).toEqual(expected);
    },
  );

  it.each(recoverable)(
    'divisions list at fault rate %f (seed %i): exactly the live set',
    async (rate, faultSeed) => {
      const { expected, got, faulty } = await runBoth(
        () => ['divisions', 'list', '--format', 'json'],
        rate,
        faultSeed,
      );
      expect(got).toEqual(expected);
      const ids = (JSON.parse(got.out) as { id: string }[]).map((d) => d.id).sort();
      expect(ids).toEqual(
        faulty.store
          .list()
          .map((d) => d.id)
          .sort(),
      );
    },
  );

  // Every attempt fails: giving up is the right answer, at the retry limit and saying so.
  it.each([
    [
      'check',
      (dir: string) => ['check', dir, '--plan', join(dir, 'plan.json'), '--format', 'json'],
    ],
    ['divisions list', () => ['divisions', 'list', '--format', 'json']],
  ])(
    '%s gives up cleanly at the retry limit when every attempt fails',
    async (_, args) => {
      const dir = await copyExample();
      const faulty = await startLargeExampleOrg({ faultRate: 1, faultSeed: 5 });
      const got = withoutHost(await run(args(dir), emulatorEnv(faulty)), faulty);
      expect(got.code).toBe(1);
      expectCleanFailure(got);
      expect(got.err.split('\n')[0]).toMatch(
        new RegExp(
          `after ${maxAttempts} attempts; gave up: the retry limit of ${maxAttempts} attempts`,
        ),
      );
      // The request it gave up on was sent exactly that many times, every time faulted.
      const sent = new Map<string, number>();
      for (const r of apiCalls(faulty)) {
        expect(r.fault).toBeDefined();
        const key = `${r.method} ${r.path}${r.query}`;
        sent.set(key, (sent.get(key) ?? 0) + 1);
      }
      expect(Math.max(...sent.values())).toBe(maxAttempts);
    },
    30_000,
  );

  describe.each([
    ['with the token cache', []],
    ['without the token cache', ['--no-token-cache']],
  ])('%s', (_, flags) => {
    it('survives the token expiring in the middle of a run', async () => {
      let expired = false;
      const emulator: Emulator = await startTestEmulator({
        seed: {
          divisions: Array.from({ length: 600 }, (_, i) => ({ name: `Division ${i}` })),
          limits: { ratePerMinute: 10_000 },
        },
        // Right after page 1 is answered, before pages 2..7 are sent.
        onRequest: (entry) => {
          if (!expired && entry.path.startsWith('/api/')) {
            expired = true;
            emulator.expireTokens();
          }
        },
      });
      const got = await run(
        ['divisions', 'list', '--format', 'json', ...flags],
        emulatorEnv(emulator),
      );
      expect(got.code).toBe(0);
      expect(JSON.parse(got.out)).toHaveLength(601);
      expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
      expect(emulator.requests.filter((r) => r.status === 401).length).toBeGreaterThan(1);
    });
  });
});
