import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

/**
 * A check over all seven kinds lists them concurrently under one token: one
 * login, one concurrency cap and one per-minute pacer for the whole client,
 * not one per kind. Observed from the emulator's side of the wire.
 */

const perKind = 350;
const pageSize = 100;
const cap = 8;

const rows = (prefix: string, extra: (i: number) => object = () => ({})) =>
  Array.from({ length: perKind }, (_, i) => ({
    id: `${prefix}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `Object ${String(i + 1).padStart(4, '0')}`,
    ...extra(i),
  }));

const seed = {
  divisions: [{ name: 'Home', home: true }, ...rows('10000000').slice(1)],
  queues: rows('20000000'),
  skills: rows('30000000'),
  wrapupcodes: rows('40000000'),
  languages: rows('50000000'),
  groups: rows('60000000', () => ({ type: 'official', visibility: 'public' })),
  roles: rows('70000000'),
};

const types = [
  'genesyscloud_auth_division',
  'genesyscloud_routing_queue',
  'genesyscloud_routing_skill',
  'genesyscloud_routing_wrapupcode',
  'genesyscloud_routing_language',
  'genesyscloud_group',
  'genesyscloud_auth_role',
];

/** The most requests the emulator held at once, from arrival and answer times. */
function maxInFlight(spans: readonly { start: number; end: number }[]): number {
  const edges = spans.flatMap((s) => [
    { at: s.start, step: 1 },
    { at: s.end, step: -1 },
  ]);
  // An answer at the same instant as an arrival frees its slot first.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const e of edges) {
    now += e.step;
    most = Math.max(most, now);
  }
  return most;
}

describe('check over all seven kinds', () => {
  it('lists them concurrently with one login, within the concurrency cap and the per-minute limit', async () => {
    const spans: { path: string; start: number; end: number }[] = [];
    const emulator = await startTestEmulator({
      seed,
      latencyMs: 200,
      onRequest: (entry: RequestLogEntry) =>
        spans.push({ path: entry.path, start: entry.time, end: Date.now() }),
    });
    const dir = await createTree({
      'main.tf': types
        .map((t, i) => `resource "${t}" "new" {\n  name = "New ${i}"\n}\n`)
        .join('\n'),
    });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['check', dir, '--format', 'json'], io), io.err()).toBe(0);

    const log = emulator.requests;
    const logins = log.filter((r) => r.path === '/oauth/token');
    // Listings (the org's own record, read once per run, aside).
    const api = log.filter(
      (r) => r.path.startsWith('/api/v2/') && r.path !== '/api/v2/organizations/me',
    );
    expect(logins).toHaveLength(1);
    expect(new Set(api.map((r) => r.caller)).size).toBe(1);
    expect(api.every((r) => r.status === 200)).toBe(true);

    // Every kind was listed in full, and only as often as paging needs (page 1 is read
    // again at the end to confirm the pass saw one consistent listing).
    const pages = Math.ceil(perKind / pageSize);
    const paths = new Set(api.map((r) => r.path));
    expect(paths.size).toBe(types.length);
    for (const path of paths)
      expect(api.filter((r) => r.path === path).length, path).toBeLessThanOrEqual(pages + 1);

    // Kinds overlap (concurrent listing), yet the client as a whole stays under its cap.
    const most = maxInFlight(spans.filter((s) => s.path.startsWith('/api/v2/')));
    expect(most).toBeGreaterThan(types.length / 2);
    expect(most).toBeLessThanOrEqual(cap);
    const first = api[0]?.time ?? 0;
    expect(api.filter((r) => r.time - first < 60_000).length).toBeLessThanOrEqual(300);
  });
});
