import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { parseServeConfig } from '../src/serve/config.js';
import { startRunTaskServer } from '../src/serve/server.js';
import { signBody } from '../src/serve/signature.js';
import { round, type BenchRow } from './report.js';

const latencyMs = 50;
const requests = 200;
const spreadMs = 10_000;
const workspaces = 20;
const orgNames = ['dev', 'test', 'prod'] as const;
const ratePerMinute = 300;
const hmacKey = 'bench-hmac-key';
const hcpLimitMs = 10 * 60 * 1000;

/** A minimal HCP Terraform: plan JSON behind a redirect, callbacks timed on arrival. */
async function startHcp(
  plan: string,
): Promise<{ url: string; server: Server; arrived: Map<string, number> }> {
  const arrived = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.endsWith('/json-output')) {
      res.writeHead(307, { Location: '/_archivist/plan' });
      return res.end();
    }
    if (path === '/_archivist/plan') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(plan);
    }
    const id = /^\/api\/v2\/task-results\/(.+)\/callback$/.exec(path)?.[1];
    if (id !== undefined && req.method === 'PATCH') {
      req.resume();
      req.once('end', () => {
        if (!arrived.has(id)) arrived.set(id, performance.now());
        res.writeHead(200);
        res.end();
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, arrived };
}

/** The most requests any one org received in a sliding minute. */
function peakPerMinute(emulator: Emulator): number {
  const times = emulator.requests.map((r) => r.time).sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= 60_000) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * 200 signed run task requests within 10 s for 20 workspaces across 3 orgs,
 * each org an emulator at 50 ms latency: every callback must arrive, the p95
 * from request to callback is reported, and no org sees more than its limit.
 */
export async function benchRunTask(): Promise<BenchRow[]> {
  const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
  const plan = readFileSync(`${examples}plan.json`, 'utf8');
  const org = JSON.parse(readFileSync(`${examples}org.json`, 'utf8')) as { divisions: unknown[] };
  const extra = Array.from({ length: 500 }, (_, i) => ({ name: `Bench division ${i}` }));
  const emulators = await Promise.all(
    orgNames.map(() =>
      startEmulator({
        seed: {
          ...org,
          divisions: [...org.divisions, ...extra],
          limits: { ratePerMinute, maxDivisions: 5000 },
        },
        latencyMs,
      }),
    ),
  );
  const hcp = await startHcp(plan);
  const env: Record<string, string> = {};
  const orgs: Record<string, unknown> = {};
  orgNames.forEach((name, i) => {
    const client = emulators[i]?.clients[0];
    env[`${name}_id`] = client?.id ?? '';
    env[`${name}_secret`] = client?.secret ?? '';
    orgs[name] = {
      apiUrl: emulators[i]?.url,
      clientIdEnv: `${name}_id`,
      clientSecretEnv: `${name}_secret`,
    };
  });
  const config = parseServeConfig(
    {
      host: '127.0.0.1',
      hmacKey: { env: 'unused' },
      // Short reuse, so listings repeat during the run and the pacer is exercised.
      listingTtlSeconds: 1,
      orgs,
      workspaces: orgNames.map((name) => ({ pattern: `${name}-*`, org: name })),
    },
    'bench',
  );
  const service = await startRunTaskServer({
    config,
    hmacKey: Buffer.from(hmacKey),
    env,
    port: 0,
    log: () => undefined,
  });
  try {
    const sent = new Map<string, number>();
    const t0 = performance.now();
    const posts: Promise<unknown>[] = [];
    for (let i = 0; i < requests; i += 1) {
      const due = t0 + (i * spreadMs) / requests;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = `taskrs-${i}`;
      const workspace = `${orgNames[i % orgNames.length] ?? 'dev'}-ws${i % workspaces}`;
      const body = JSON.stringify({
        payload_version: 1,
        stage: 'post_plan',
        access_token: `token-${i}`,
        capabilities: { outcomes: true },
        task_result_id: id,
        task_result_callback_url: `${hcp.url}/api/v2/task-results/${id}/callback`,
        plan_json_api_url: `${hcp.url}/api/v2/plans/plan-${i}/json-output`,
        run_id: `run-${i}`,
        workspace_name: workspace,
        organization_name: 'acme',
      });
      sent.set(id, performance.now());
      posts.push(
        fetch(`${service.url}/`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-TFC-Task-Signature': signBody(body, hmacKey),
          },
          body,
        }).then((r) => r.arrayBuffer()),
      );
    }
    await Promise.all(posts);
    await service.idle();
    const times = [...sent]
      .map(([id, at]) => (hcp.arrived.get(id) ?? Number.POSITIVE_INFINITY) - at)
      .sort((a, b) => a - b);
    const p95 = times[Math.ceil(times.length * 0.95) - 1] ?? Number.POSITIVE_INFINITY;
    const delivered = hcp.arrived.size;
    const peaks = emulators.map(peakPerMinute);
    const throttled = emulators.reduce(
      (n, e) => n + e.requests.filter((r) => r.status === 429).length,
      0,
    );
    const peak = Math.max(...peaks);
    return [
      {
        section: 'run-task',
        name: `callbacks delivered (${requests} requests in ${spreadMs / 1000} s, ${workspaces} workspaces, 3 orgs)`,
        value: delivered,
        baseline: requests,
        unit: 'callbacks',
        ratio: round(delivered / requests),
        target: `= ${requests}`,
        ok: delivered === requests,
      },
      {
        section: 'run-task',
        name: 'p95 request to callback vs HCP Terraform limit (cost)',
        value: round(p95),
        baseline: hcpLimitMs,
        unit: 'ms',
        ratio: round(p95 / hcpLimitMs),
        // Reported, not tuned: HCP Terraform waits 10 minutes; a minute leaves room for a slow org.
        target: '<= 60000 ms',
        ok: p95 <= 60_000,
        notes: `median ${round(times[Math.floor(times.length / 2)] ?? 0)} ms; emulator latency ${latencyMs} ms`,
      },
      {
        section: 'run-task',
        name: 'Genesys requests per org per minute, peak vs limit (cost)',
        value: peak,
        baseline: ratePerMinute,
        unit: 'requests',
        ratio: round(peak / ratePerMinute),
        target: `<= ${ratePerMinute}, no 429`,
        ok: peak <= ratePerMinute && throttled === 0,
        notes: `per org ${peaks.join('/')}; 429s ${throttled}`,
      },
    ];
  } finally {
    await service.close();
    await new Promise<void>((resolve) => hcp.server.close(() => resolve()));
    await Promise.all(emulators.map((e) => e.close()));
  }
}
