import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { createClient } from '../src/genesys/client.js';
import { startEmulator } from '../src/emulator/index.js';
import { costRow, type BenchRow } from './report.js';

/**
 * `gcadopt check` end to end (read 500 resources from HCL, list 2,000 live
 * divisions at 50 ms latency, engine, render) against the listing alone: the
 * cost gcadopt adds on top of the round trips it cannot avoid.
 */
export async function benchCheck(): Promise<BenchRow[]> {
  const seed = {
    divisions: Array.from({ length: 2000 }, (_, i) => ({ name: `Division ${i}` })),
    limits: { ratePerMinute: 100_000, maxDivisions: 5000 },
  };
  const emulator = await startEmulator({ seed, latencyMs: 50 });
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-check-bench-'));
  try {
    const [c] = emulator.clients;
    if (c === undefined) throw new Error('no client');
    const blocks = Array.from(
      { length: 500 },
      (_, i) =>
        `resource "genesyscloud_auth_division" "d${i}" {\n  name = "Division ${i * 5}"\n}\n`,
    );
    await writeFile(join(dir, 'main.tf'), blocks.join('\n'));
    const t0 = performance.now();
    await createClient({
      apiUrl: emulator.url,
      loginUrl: emulator.url,
      credentials: { kind: 'client', clientId: c.id, clientSecret: c.secret },
    }).divisions.list();
    const listMs = performance.now() - t0;
    let out = '';
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      env: {
        GCADOPT_API_URL: emulator.url,
        GENESYSCLOUD_OAUTHCLIENT_ID: c.id,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: c.secret,
      },
      cwd: dir,
    };
    const t1 = performance.now();
    const code = await main(['check', '.', '--format', 'json', '--no-token-cache'], io);
    const checkMs = performance.now() - t1;
    const findings = (JSON.parse(out) as { findings: unknown[] }).findings.length;
    if (code !== 2 || findings !== 400)
      throw new Error(`unexpected check result: exit ${code}, ${findings} findings`);
    return [
      costRow(
        {
          section: 'check',
          name: 'check end to end (500 resources, 2,000 live) vs listing alone (cost)',
          value: checkMs,
          baseline: listMs,
          unit: 'ms',
          notes: `${findings} conflicts found; latency 50 ms`,
        },
        1.5,
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
