import { createClient } from '../src/genesys/client.js';
import { startEmulator } from '../src/emulator/index.js';
import { round, type BenchRow } from './report.js';

const latencyMs = 50;
const divisions = 2000;

async function login(url: string, id: string, secret: string): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What the tutorial does: one page of the default size at a time, following nextUri. */
async function sequentialWalk(url: string, id: string, secret: string): Promise<number> {
  const token = await login(url, id, secret);
  let next: string | undefined = '/api/v2/authorization/divisions';
  let count = 0;
  while (next !== undefined) {
    const res = await fetch(`${url}${next}`, { headers: { Authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { entities: unknown[]; nextUri?: string };
    count += page.entities.length;
    next = page.nextUri;
  }
  return count;
}

/**
 * gcadopt's listing against a sequential walk, side by side against one
 * emulator with 50 ms latency and 2,000 divisions.
 */
export async function benchList(): Promise<BenchRow[]> {
  const seed = {
    divisions: Array.from({ length: divisions }, (_, i) => ({ name: `Division ${i}` })),
    limits: { ratePerMinute: 100_000, maxDivisions: 5000 },
  };
  const emulator = await startEmulator({ seed, latencyMs });
  try {
    const [client] = emulator.clients;
    if (client === undefined) throw new Error('no client');
    const t0 = performance.now();
    const walked = await sequentialWalk(emulator.url, client.id, client.secret);
    const sequentialMs = performance.now() - t0;
    const sequentialRequests = emulator.requests.length;
    const before = emulator.requests.length;
    const gcadopt = createClient({
      apiUrl: emulator.url,
      loginUrl: emulator.url,
      credentials: { kind: 'client', clientId: client.id, clientSecret: client.secret },
    });
    const t1 = performance.now();
    const listed = await gcadopt.divisions.list();
    const listMs = performance.now() - t1;
    const requests = emulator.requests.length - before;
    if (listed.length !== walked) throw new Error(`listed ${listed.length}, walked ${walked}`);
    const pages = Math.ceil(listed.length / 100);
    const floorMs = latencyMs * (1 + 1 + Math.ceil((pages - 1) / 8));
    const speedup = sequentialMs / listMs;
    return [
      {
        section: 'list',
        name: `list ${listed.length} divisions vs sequential walk (pageSize 25)`,
        value: round(listMs),
        baseline: round(sequentialMs),
        unit: 'ms',
        ratio: round(speedup),
        target: '>= 10x',
        ok: speedup >= 10,
        notes: `${requests} requests vs ${sequentialRequests}; latency ${latencyMs} ms`,
      },
      {
        section: 'list',
        name: 'list vs round-trip floor (token + page 1 + rest at cap 8) (cost)',
        value: round(listMs),
        baseline: floorMs,
        unit: 'ms',
        ratio: round(listMs / floorMs),
        target: '<= 1.5x',
        ok: listMs / floorMs <= 1.5,
        notes: `${pages} pages of 100`,
      },
    ];
  } finally {
    await emulator.close();
  }
}
