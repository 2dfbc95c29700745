import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeedFile, startEmulator } from '../src/emulator/index.js';
import { kinds, userKind } from '../src/kinds/index.js';
import { buildOrgSeed } from './org-seed.js';
import { costRow, round, type BenchRow } from './report.js';
import { cliEnv, counted, median, timeProcess } from './timed-process.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const listChild = fileURLToPath(new URL('./list-kinds-child.js', import.meta.url));
const latencyMs = 50;
/** Users in the large org, and the ones a configuration names. */
const orgUsers = 50_000;
const configUsers = 20;
/** Objects of every kind in the org `generate` reads. */
const perKind = 2000;
/** Requests in flight at once: the client's default cap (src/genesys/client.ts). */
const concurrency = 8;

/**
 * Issue 13's "cost follows the configuration, not the org", as whole
 * processes at 50 ms latency, medians of `runs`:
 * - `check` of 20 users against 50,000: requests, and time against the round
 *   trips it cannot avoid;
 * - `generate` of an org with 2,000 objects of every kind against the same
 *   listings made by a minimal process;
 * - how long the emulator takes to load a 50,000-user seed file.
 * The orgs are built by buildOrgSeed from the emulated families of every kind
 * in `kinds`, so kinds added later are measured with no change here.
 */
export async function benchKindsCost(runs = 5): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-kinds-cost-bench-'));
  try {
    return [
      ...(await benchSeedLoad(dir, runs)),
      ...(await benchCheckUsers(dir, runs)),
      ...(await benchGenerate(dir, runs)),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The emulator loading a 50,000-user seed from its file, as `gcadopt emulator
 * --seed` does (read, parse, validate, index), in this process.
 */
async function benchSeedLoad(dir: string, runs: number): Promise<BenchRow[]> {
  const file = join(dir, 'users-seed.json');
  await writeFile(file, JSON.stringify(buildOrgSeed(orgUsers, [userKind])));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const emulator = await startEmulator({ seed: await readSeedFile(file) });
    times.push(performance.now() - start);
    await emulator.close();
  }
  return [
    // "Well under a second": at most half of one.
    costRow(
      {
        section: 'kinds-cost',
        name: `emulator loads a ${orgUsers.toLocaleString('en')}-user seed file vs a second (cost)`,
        value: median(times),
        baseline: 1000,
        unit: 'ms',
        notes: `readSeedFile + startEmulator in the bench process, median of ${runs}; ${round((await readFile(file)).length / 1e6)} MB of JSON`,
      },
      0.5,
    ),
  ];
}

/**
 * `check` of 20 users against 50,000. The floor is what no implementation can
 * avoid: Node's own start (a bare `node -e 0`, timed in the same run) plus
 * the round trips one after another at the emulator's latency: the token
 * request, page 1 of the listing (its `total` chooses lookups over 500 pages;
 * organizations/me goes out beside it), and the 20 searches in waves of the
 * concurrency cap. The emulator's own answer time (a search scans 50,000
 * rows) is not in the floor: it counts against gcadopt.
 */
async function benchCheckUsers(dir: string, runs: number): Promise<BenchRow[]> {
  const emulator = await startEmulator({
    seed: buildOrgSeed(orgUsers, [userKind]),
    latencyMs,
    requestLogLimit: 1_000_000,
  });
  try {
    const config = join(dir, 'users');
    const wanted = Array.from({ length: configUsers }, (_, i) => i * (orgUsers / configUsers) + 7);
    await mkdir(config);
    await writeFile(
      join(config, 'main.tf'),
      wanted
        .map(
          (n) =>
            `resource "genesyscloud_user" "u${n}" {\n  email = "user${n}@example.com"\n  name = "User ${n}"\n}\n`,
        )
        .join('\n'),
    );
    const env = cliEnv(emulator);
    const check = [bin, '--no-token-cache', 'check', config, '--format', 'json'];
    const rounds = 1 + 1 + Math.ceil(configUsers / concurrency);
    const checked: number[] = [];
    const bare: number[] = [];
    const requests: number[] = [];
    await timeProcess(process.execPath, check, env);
    for (let i = 0; i < runs; i++) {
      bare.push((await timeProcess(process.execPath, ['-e', '0'])).ms);
      const [c, n] = await counted(emulator, () => timeProcess(process.execPath, check, env));
      const report = JSON.parse(c.stdout) as { findings?: { kind: string }[] };
      const conflicts = report.findings?.filter((f) => f.kind === 'conflict').length ?? 0;
      if (conflicts !== configUsers) throw new Error(`check found ${conflicts} of ${configUsers}`);
      checked.push(c.ms);
      requests.push(n);
    }
    const value = median(checked);
    const node = median(bare);
    const floor = node + rounds * latencyMs;
    const sent = Math.max(...requests);
    const size = `${configUsers} users vs ${orgUsers.toLocaleString('en')}`;
    return [
      {
        section: 'kinds-cost',
        name: `\`check\` (${size}) requests (cost)`,
        value: sent,
        baseline: 25,
        unit: 'requests',
        ratio: round(sent / 25),
        target: '<= 25',
        ok: sent <= 25,
        notes: `most of ${runs} runs: 1 token, page 1, organizations/me, ${configUsers} searches; a listing would take ${1 + Math.ceil(orgUsers / 100)}`,
      },
      costRow(
        {
          section: 'kinds-cost',
          name: `\`check\` (${size}) vs the lookups' round-trip floor (cost)`,
          value,
          baseline: floor,
          unit: 'ms',
          notes: `whole process, median of ${runs}; floor = node -e 0 (${round(node)} ms, same run) + ${rounds} sequential round trips x ${latencyMs} ms (token; page 1 with organizations/me beside it; ${configUsers} searches in ${rounds - 2} waves of ${concurrency})`,
        },
        1.3,
      ),
    ];
  } finally {
    await emulator.close();
  }
}

/**
 * `generate` into a new file for an org with 2,000 objects of every kind,
 * against the listings alone (list-kinds-child.ts: the same client, paging
 * and concurrency, nothing else), both whole processes, interleaved.
 */
async function benchGenerate(dir: string, runs: number): Promise<BenchRow[]> {
  // Left out: kinds generate writes no block for (flows need their YAML), and
  // kinds listed once per parent object (outbound routes: a request per site,
  // which 2,000 sites would make the whole measure).
  const left = [...kinds.values()].filter(
    (k) => k.noGenerate !== undefined || k.family.path.includes('{'),
  );
  const all = [...kinds.values()].filter((k) => !left.includes(k));
  const emulator = await startEmulator({
    seed: buildOrgSeed(perKind, all),
    latencyMs,
    requestLogLimit: 1_000_000,
  });
  try {
    const config = join(dir, 'generate');
    await mkdir(config);
    const out = join(config, 'generated.tf');
    const env = cliEnv(emulator);
    const only = ['--kinds', all.map((k) => k.tfType).join(',')];
    const generate = [bin, '--no-token-cache', 'generate', config, '--out', out, ...only];
    const list = [listChild, ...all.map((k) => k.tfType)];
    const generated: number[] = [];
    const listed: number[] = [];
    const requests: number[] = [];
    const listRequests: number[] = [];
    let blocks = 0;
    const once = async (): Promise<[number, number]> => {
      await rm(out, { force: true });
      const [g, n] = await counted(emulator, () => timeProcess(process.execPath, generate, env));
      blocks = (await readFile(out, 'utf8')).match(/^import \{/gm)?.length ?? 0;
      return [g.ms, n];
    };
    await timeProcess(process.execPath, list, env);
    await once();
    for (let i = 0; i < runs; i++) {
      const [l, lr] = await counted(emulator, () => timeProcess(process.execPath, list, env));
      listed.push(l.ms);
      listRequests.push(lr);
      const [g, gr] = await once();
      generated.push(g);
      requests.push(gr);
    }
    const objects = all.length * perKind;
    if (blocks < objects) throw new Error(`generate wrote ${blocks} import blocks of ${objects}`);
    const value = median(generated);
    const baseline = median(listed);
    return [
      costRow(
        {
          section: 'kinds-cost',
          name: `\`generate\` (${all.length} kinds x ${perKind} live) vs the listings alone (cost)`,
          value,
          baseline,
          unit: 'ms',
          notes: `whole processes, interleaved, median of ${runs}; latency ${latencyMs} ms; ${blocks} import blocks written; requests ${median(requests)} (listings alone ${median(listRequests)}); not in it: ${left.map((k) => k.plural).join(', ')}`,
        },
        1.3,
      ),
    ];
  } finally {
    await emulator.close();
  }
}
