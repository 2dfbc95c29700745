import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, examplesDir } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], env: Record<string, string>) {
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
  seed.divisions.push(...Array.from({ length: 500 }, (_, i) => ({ name: `Extra ${i}` })));
  return startTestEmulator({ seed, faultRetryAfter: 0, ...faults });
}

function expectCleanFailure(got: { out: string; err: string }): void {
  expect(got.out).toBe('');
  expect(got.err.split('\n')[0]).toMatch(/^gcadopt: /);
  expect(got.err).not.toMatch(/\n\s+at /);
}

/**
 * Under injected 503s, 429s and dropped connections, every run either gives
 * exactly the fault-free answer or fails with exit 1 and a clear message:
 * never a wrong or partial result.
 */
describe('faults', () => {
  const cases = [0.1, 0.3, 0.5].flatMap((rate) => [11, 22].map((seed) => [rate, seed] as const));

  it.each(cases)(
    'check at fault rate %f (seed %i): exact result or a clean failure',
    async (rate, faultSeed) => {
      const dir = await copyExample();
      const args = ['check', dir, '--plan', join(dir, 'plan.json'), '--format', 'json'];
      const expected = await run(args, emulatorEnv(await startLargeExampleOrg()));
      const faulty = await startLargeExampleOrg({ faultRate: rate, faultSeed });
      const got = await run(args, emulatorEnv(faulty));
      if (rate >= 0.3)
        expect(faulty.requests.filter((r) => r.fault !== undefined).length).toBeGreaterThan(0);
      if (got.code === 1) expectCleanFailure(got);
      else {
        expect(got.code).toBe(2);
        expect(got.out).toBe(expected.out);
      }
    },
  );

  it.each(cases)(
    'divisions list at fault rate %f (seed %i): exact set or a clean failure',
    async (rate, faultSeed) => {
      const faulty = await startLargeExampleOrg({ faultRate: rate, faultSeed });
      const got = await run(['divisions', 'list', '--format', 'json'], emulatorEnv(faulty));
      if (got.code === 1) expectCleanFailure(got);
      else {
        const ids = (JSON.parse(got.out) as { id: string }[]).map((d) => d.id).sort();
        expect(ids).toEqual(
          faulty.store
            .list()
            .map((d) => d.id)
            .sort(),
        );
      }
    },
  );

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
      ['divisions', 'list', '--format', 'json', '--no-token-cache'],
      emulatorEnv(emulator),
    );
    expect(got.code).toBe(0);
    expect(JSON.parse(got.out)).toHaveLength(601);
    expect(emulator.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
    expect(emulator.requests.some((r) => r.status === 401)).toBe(true);
  });
});
