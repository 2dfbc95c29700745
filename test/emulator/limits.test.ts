import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { loginTo, seedDivisions, startTestEmulator } from '../helpers/emulator.js';

const base = '/api/v2/authorization/divisions';

describe('emulator rate limit', () => {
  it('counts requests per token and answers 429 with Retry-After past the limit', async () => {
    let now = 5_000_000;
    const emulator = await startTestEmulator({
      seed: { limits: { ratePerMinute: 5 } },
      now: () => now,
    });
    const api = await loginTo(emulator);
    const counts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api(`${base}/home`);
      expect(res.status).toBe(200);
      counts.push(res.headers.get('inin-ratelimit-count') ?? '');
      expect(res.headers.get('inin-ratelimit-allowed')).toBe('5');
    }
    expect(counts).toEqual(['1', '2', '3', '4', '5']);
    now += 20_000;
    const limited = await api(`${base}/home`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(await limited.json()).toMatchObject({ code: 'too.many.requests', status: 429 });
    now += 40_000;
    expect((await api(`${base}/home`)).status).toBe(200);
  });

  it('keeps a separate budget for each token', async () => {
    const emulator = await startTestEmulator({ seed: { limits: { ratePerMinute: 2 } } });
    const first = await loginTo(emulator);
    const second = await loginTo(emulator);
    await first(`${base}/home`);
    await first(`${base}/home`);
    expect((await first(`${base}/home`)).status).toBe(429);
    expect((await second(`${base}/home`)).status).toBe(200);
  });
});

describe('emulator faults', () => {
  async function outcomes(rate: number, seed: number): Promise<string[]> {
    const emulator = await startTestEmulator({
      faultRate: rate,
      faultSeed: seed,
      seed: { limits: { ratePerMinute: 10_000 } },
    });
    const api = await loginTo(emulator);
    const seen: string[] = [];
    for (let i = 0; i < 120; i++) {
      try {
        const res = await api(`${base}/home`);
        seen.push(
          res.status === 429 ? `429:${res.headers.get('retry-after')}` : String(res.status),
        );
      } catch {
        seen.push('drop');
      }
    }
    return seen;
  }

  it('injects 503s, 429s with Retry-After and dropped connections at about the rate', async () => {
    const seen = await outcomes(0.3, 7);
    const faults = seen.filter((s) => s !== '200');
    expect(faults.length).toBeGreaterThan(20);
    expect(faults.length).toBeLessThan(60);
    expect(new Set(faults)).toEqual(new Set(['503', '429:1', 'drop']));
  });

  it('repeats the same sequence for the same seed', async () => {
    expect(await outcomes(0.3, 42)).toEqual(await outcomes(0.3, 42));
    expect(await outcomes(0.3, 42)).not.toEqual(await outcomes(0.3, 43));
  });

  it('injects nothing at rate 0', async () => {
    expect(new Set(await outcomes(0, 1))).toEqual(new Set(['200']));
  });
});

describe('emulator persistence', () => {
  it('keeps the org across a restart, written atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-emu-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const dataFile = join(dir, 'org.json');
    const first = await startEmulator({ dataFile, seed: { divisions: seedDivisions(2) } });
    const api = await loginTo(first);
    const created = (await (
      await api(base, { method: 'POST', body: JSON.stringify({ name: 'Persisted' }) })
    ).json()) as { id: string };
    await first.close();
    const saved = JSON.parse(await readFile(dataFile, 'utf8')) as { divisions: { name: string }[] };
    expect(saved.divisions.map((d) => d.name)).toContain('Persisted');

    const second = await startEmulator({ dataFile, seed: { divisions: [] } });
    onTestFinished(() => second.close());
    const api2 = await loginTo(second);
    const again = await api2(`${base}/${created.id}`);
    expect(again.status).toBe(200);
    expect(second.store.list()).toHaveLength(4);
  });

  it('rejects an invalid seed with every problem listed', async () => {
    await expect(
      startEmulator({
        seed: { divisions: [{ name: '' }, { name: 'A', home: true }, { name: 'a', home: true }] },
      }),
    ).rejects.toThrow(/divisions\.0\.name[\s\S]*/);
    await expect(
      startEmulator({
        seed: {
          divisions: [
            { name: 'A', home: true },
            { name: 'a', home: true },
          ],
        },
      }),
    ).rejects.toThrow(/more than one home division.*same name/);
  });
});
