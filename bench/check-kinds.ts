import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.js';
import { costRow, type BenchRow } from './report.js';
import { cliEnv, counted, median, timeProcess } from './timed-process.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const listChild = fileURLToPath(new URL('./list-kinds-child.js', import.meta.url));
const latencyMs = 50;
/** Objects of each kind in the org. */
const perKind = 2000;
/** Resources in the configuration, spread over the seven kinds. */
const resources = 500;
/** The page size gcadopt asks for (the families' default) and the minimum is counted at. */
const pageSize = 100;

/** The seven kinds: Terraform type, seed key, the seed's name for object i, its extra fields. */
const kinds: readonly {
  readonly tfType: string;
  readonly seedKey: string;
  readonly name: (i: number) => string;
  readonly extra?: Record<string, unknown>;
}[] = [
  { tfType: 'genesyscloud_auth_division', seedKey: 'divisions', name: (i) => `Division ${i}` },
  { tfType: 'genesyscloud_routing_queue', seedKey: 'queues', name: (i) => `Queue ${i}` },
  { tfType: 'genesyscloud_routing_skill', seedKey: 'skills', name: (i) => `Skill ${i}` },
  { tfType: 'genesyscloud_routing_wrapupcode', seedKey: 'wrapupcodes', name: (i) => `Wrapup ${i}` },
  { tfType: 'genesyscloud_routing_language', seedKey: 'languages', name: (i) => `Language ${i}` },
  {
    tfType: 'genesyscloud_group',
    seedKey: 'groups',
    name: (i) => `Group ${i}`,
    extra: { type: 'official', visibility: 'public' },
  },
  { tfType: 'genesyscloud_auth_role', seedKey: 'roles', name: (i) => `Role ${i}` },
];

/**
 * 500 resources, about 72 of each kind: every other one takes a name the org
 * already holds (a conflict to find), the rest are new.
 */
function configuration(): { hcl: string; conflicts: number } {
  const blocks: string[] = [];
  let conflicts = 0;
  for (let i = 0; i < resources; i++) {
    const kind = kinds[i % kinds.length];
    if (kind === undefined) throw new Error('no kind');
    const n = Math.floor(i / kinds.length);
    const taken = n % 2 === 0;
    if (taken) conflicts++;
    // Taken names spread over the whole listing (not only its first page).
    const name = taken ? kind.name((n * 27) % perKind) : `${kind.name(n)} new`;
    const extra =
      kind.tfType === 'genesyscloud_group' ? '  type = "official"\n  visibility = "public"\n' : '';
    blocks.push(`resource "${kind.tfType}" "r${i}" {\n  name = "${name}"\n${extra}}\n`);
  }
  return { hcl: blocks.join('\n'), conflicts };
}

/**
 * `gcadopt check` of a 500-resource configuration of the seven kinds against an
 * org of 2,000 objects of each, at 50 ms latency, as a whole process, side by
 * side with the listings alone, also a whole process.
 *
 * The baseline (list-kinds-child.ts) is the fairest floor we found: a process
 * that builds the client as the CLI does, logs in and lists the seven kinds
 * concurrently through the kinds' own `list` (same client, paging and
 * concurrency cap as `check`), and does nothing else: no HCL, no engine, no
 * report, no org look-up. A `check` of a configuration whose resources are all
 * unknown kinds would list nothing, and one `gcadopt list` per kind would pay
 * node's start and a login seven times. So the ratio is what `check` adds on
 * top of the round trips it cannot avoid. The two run interleaved; medians.
 *
 * Requests are counted from the emulator's request log and set against the
 * fewest the paging allows at pageSize 100 (what gcadopt asks for): one token
 * request plus ceil(objects / 100) pages per kind (the org's Home division
 * makes 2,001 divisions). Above it, by design: each listing reads page 1 again
 * at its end (src/genesys/paging.ts, the check that the pages did not move),
 * one request per kind, and `check` asks which org it checks
 * (GET /api/v2/organizations/me), one more.
 */
export async function benchCheckKinds(runs = 5): Promise<BenchRow[]> {
  const seed: Record<string, unknown> = {
    limits: { ratePerMinute: 1_000_000, maxDivisions: perKind + 10 },
  };
  for (const kind of kinds) {
    seed[kind.seedKey] = Array.from({ length: perKind }, (_, i) => ({
      name: kind.name(i),
      ...kind.extra,
    }));
  }
  const emulator = await startEmulator({ seed, latencyMs, requestLogLimit: 1_000_000 });
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-check-kinds-bench-'));
  try {
    const { hcl, conflicts } = configuration();
    await writeFile(join(dir, 'main.tf'), hcl);
    const env = cliEnv(emulator);
    const check = [bin, '--no-token-cache', 'check', dir, '--format', 'json'];
    const list = [listChild, ...kinds.map((k) => k.tfType)];
    // Live objects per kind, as the API reports them (divisions include Home).
    const totals = kinds.map((k) => (k.seedKey === 'divisions' ? perKind + 1 : perKind));
    const minimum = 1 + totals.reduce((n, total) => n + Math.ceil(total / pageSize), 0);
    const checked: number[] = [];
    const listed: number[] = [];
    const checkRequests: number[] = [];
    const listRequests: number[] = [];
    let findings = 0;
    // One untimed run of each warms the disk cache.
    await timeProcess(process.execPath, list, env);
    await timeProcess(process.execPath, check, env);
    for (let i = 0; i < runs; i++) {
      const [l, lr] = await counted(emulator, () => timeProcess(process.execPath, list, env));
      if (Number(l.stdout.trim()) !== totals.reduce((a, b) => a + b, 0))
        throw new Error(`listed ${l.stdout.trim()}`);
      listed.push(l.ms);
      listRequests.push(lr);
      const [c, cr] = await counted(emulator, () => timeProcess(process.execPath, check, env));
      const report = JSON.parse(c.stdout) as { findings?: unknown[] };
      findings = report.findings?.length ?? 0;
      if (findings < conflicts) throw new Error(`check found ${findings} of ${conflicts}`);
      checked.push(c.ms);
      checkRequests.push(cr);
    }
    const value = median(checked);
    const baseline = median(listed);
    const requests = median(checkRequests);
    const size = `${resources} resources of 7 kinds, ${perKind} live of each`;
    return [
      costRow(
        {
          section: 'check-kinds',
          name: `\`check\` (${size}) vs the listings alone (cost)`,
          value,
          baseline,
          unit: 'ms',
          notes: `whole processes, interleaved, median of ${runs}; latency ${latencyMs} ms; ${findings} findings (${conflicts} taken names)`,
        },
        1.3,
      ),
      costRow(
        {
          section: 'check-kinds',
          name: `\`check\` requests vs the fewest paging allows (pageSize ${pageSize}) (cost)`,
          value: requests,
          baseline: minimum,
          unit: 'requests',
          notes: `fewest: 1 token + ceil(n/${pageSize}) pages per kind; extra: page 1 re-read per kind, organizations/me; the listings alone sent ${median(listRequests)}; at the emulator's pageSizeMax 500 the fewest would be ${1 + totals.reduce((n, t) => n + Math.ceil(t / 500), 0)}`,
        },
        1.1,
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
