import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { writeLargeConfig } from './large-config.js';
import { costRow, round, type BenchRow } from './report.js';
import { cliEnv, median, timeProcess } from './timed-process.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const walk = fileURLToPath(new URL('../../bench/tutorial-walk.py', import.meta.url));
const hcl2json = fileURLToPath(new URL('./hcl2json-child.js', import.meta.url));
const latencyMs = 50;
const divisions = 2000;
const cap = 8;

/** Reports the process's peak memory on stderr as its last line. */
const peakHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

function hasPython(): boolean {
  return spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The emulator's own answer time over its configured latency, for a token and
 * for a page of 100 of a 2,000-object org: the emulator must not be what the
 * whole-process figures measure. Medians of sequential requests.
 */
async function measureEmulatorOverhead(emulator: Emulator, runs: number): Promise<BenchRow[]> {
  const [client] = emulator.clients;
  if (client === undefined) throw new Error('no client');
  const basic = Buffer.from(`${client.id}:${client.secret}`).toString('base64');
  const login = async (): Promise<string> => {
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const timed = async (call: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await call();
    return performance.now() - start;
  };
  const token = await login();
  const page = async (): Promise<unknown> =>
    (
      await fetch(`${emulator.url}/api/v2/authorization/divisions?pageSize=100&pageNumber=10`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
  const tokens: number[] = [];
  const pages: number[] = [];
  for (let i = 0; i < runs; i++) {
    tokens.push(await timed(login));
    pages.push(await timed(page));
  }
  return [
    ['token', median(tokens)],
    ['page of 100', median(pages)],
  ].map(([what, ms]) => {
    const over = Number(ms) - latencyMs;
    return {
      section: 'process',
      name: `emulator ${String(what)} answer over its ${latencyMs} ms latency (${divisions} objects)`,
      value: round(over),
      baseline: 5,
      unit: 'ms',
      ratio: round(over / 5),
      target: '<= 5 ms',
      ok: over <= 5,
      notes: `median of ${runs} sequential requests`,
    };
  });
}

/**
 * `gcadopt divisions list` as a user runs it (a whole process) against the
 * tutorial's walk (Python, sequential pages of 25) and against a floor: a bare
 * `node -e 0` plus the round trips no client can avoid (token, page 1, then the
 * remaining pages in waves of the concurrency cap). Runs interleaved, medians.
 */
async function benchListProcess(runs: number): Promise<BenchRow[]> {
  const seed = {
    divisions: Array.from({ length: divisions }, (_, i) => ({ name: `Division ${i}` })),
    limits: { ratePerMinute: 1_000_000, maxDivisions: 5000 },
  };
  const emulator = await startEmulator({ seed, latencyMs });
  try {
    const env = cliEnv(emulator);
    const [client] = emulator.clients;
    if (client === undefined) throw new Error('no client');
    const python = hasPython();
    const bare: number[] = [];
    const listed: number[] = [];
    const walked: number[] = [];
    const list = ['--no-token-cache', 'divisions', 'list', '--format', 'json'];
    await timeProcess(process.execPath, ['-e', '0']);
    for (let i = 0; i < runs; i++) {
      bare.push((await timeProcess(process.execPath, ['-e', '0'])).ms);
      const run = await timeProcess(process.execPath, [bin, ...list], env);
      const count = (JSON.parse(run.stdout) as unknown[]).length;
      if (count !== divisions + 1) throw new Error(`listed ${count}`);
      listed.push(run.ms);
      // The walk takes seconds; three runs give a stable median.
      if (python && i < 3) {
        const w = await timeProcess('python3', [walk, emulator.url, client.id, client.secret]);
        if (Number(w.stdout.trim()) !== count) throw new Error(`walked ${w.stdout.trim()}`);
        walked.push(w.ms);
      }
    }
    // One more run, untimed, with --debug: the requests it made, against the paging minimum.
    const debugged = await timeProcess(process.execPath, [bin, '--debug', ...list], env);
    const made = /debug: (\d+ request\(s\), \d+ retr\(ies\), \d+ login\(s\))/.exec(
      debugged.stderr,
    )?.[1];
    const pages = Math.ceil((divisions + 1) / 100);
    const roundTrips = 1 + 1 + Math.ceil((pages - 1) / cap);
    const floor = median(bare) + latencyMs * roundTrips;
    const value = median(listed);
    const rows: BenchRow[] = [
      costRow(
        {
          section: 'process',
          name: `\`divisions list\` (${divisions + 1}) vs floor: bare node + ${roundTrips} round trips (cost)`,
          value,
          baseline: floor,
          unit: 'ms',
          notes: `latency ${latencyMs} ms; pages of 100 (the client's size), ${cap} at once; bare node ${round(median(bare))} ms; median of ${runs}; the list made ${made ?? '?'} for ${pages} pages`,
        },
        1.3,
      ),
    ];
    rows.push(...(await measureEmulatorOverhead(emulator, 21)));
    if (python) {
      const baseline = median(walked);
      rows.unshift({
        section: 'process',
        name: `\`divisions list\` vs the tutorial's walk (Python, pages of 25)`,
        value: round(value),
        baseline: round(baseline),
        unit: 'ms',
        ratio: round(baseline / value),
        target: '>= 10x',
        ok: baseline / value >= 10,
        notes: `whole processes, interleaved; walk median of ${walked.length}`,
      });
    } else {
      process.stderr.write('bench: python3 not found, the tutorial walk is skipped\n');
    }
    return rows;
  } finally {
    await emulator.close();
  }
}

/**
 * `gcadopt check` on a large generated configuration, as a whole process,
 * against HashiCorp's parser alone (a process reading and parsing the same
 * files). The emulator answers without latency: this measures the scan.
 */
async function benchCheckProcess(runs: number): Promise<BenchRow[]> {
  const seed = {
    divisions: Array.from({ length: divisions }, (_, i) => ({ name: `Division ${i}` })),
    limits: { ratePerMinute: 1_000_000, maxDivisions: 5000 },
  };
  const emulator = await startEmulator({ seed });
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-process-bench-'));
  try {
    const config = await writeLargeConfig(dir);
    const env = cliEnv(emulator);
    const check = ['--import', peakHook, bin, '--no-token-cache', 'check', dir, '--format', 'json'];
    const checked: number[] = [];
    const parsed: number[] = [];
    let peakMb = 0;
    for (let i = 0; i < runs; i++) {
      const run = await timeProcess(process.execPath, check, env);
      const report = JSON.parse(run.stdout) as { summary?: unknown };
      if (typeof report !== 'object') throw new Error('check printed no report');
      const rss = /maxrss (\d+)/.exec(run.stderr)?.[1];
      peakMb = Math.max(peakMb, Number(rss ?? 0) / 1024);
      checked.push(run.ms);
      const wasm = await timeProcess(process.execPath, [hcl2json, dir]);
      if (Number(wasm.stdout.trim()) !== config.files) throw new Error(`parsed ${wasm.stdout}`);
      parsed.push(wasm.ms);
    }
    const value = median(checked);
    const baseline = median(parsed);
    const size = `${config.files} files, ${round(config.bytes / 1e6)} MB, ${config.instances} instances`;
    return [
      {
        section: 'process',
        name: `\`check\` vs HashiCorp's parser alone (WASM), ${size}`,
        value: round(value),
        baseline: round(baseline),
        unit: 'ms',
        ratio: round(baseline / value),
        target: '>= 10x',
        ok: baseline / value >= 10,
        notes: `whole processes, interleaved, median of ${runs}`,
      },
      {
        section: 'process',
        name: '`check` peak memory on that configuration',
        value: round(peakMb),
        baseline: 300,
        unit: 'MB',
        ratio: round(peakMb / 300),
        target: '<= 300 MB',
        ok: peakMb <= 300,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

/** Whole-process measurements: what a user waits for, node's own start included. */
export async function benchProcess(runs = 7): Promise<BenchRow[]> {
  return [...(await benchListProcess(runs)), ...(await benchCheckProcess(Math.min(runs, 5)))];
}
