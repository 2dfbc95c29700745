import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { parseServeConfig } from '../../src/serve/config.js';
import { startRunTaskServer, type RunTaskServer } from '../../src/serve/server.js';
import { examplesDir } from '../helpers/example.js';

export const hmacKey = 'run-task-hmac-key-under-test-5d1c';

/** A running service with everything it logged. */
export interface TestService {
  readonly server: RunTaskServer;
  readonly url: string;
  readonly logs: Record<string, unknown>[];
  /** Delays the callback retries asked for (no real waiting). */
  readonly delays: number[];
}

/** The example plan (six planned divisions) and a plan with only the new, unclaimed one. */
export async function readExamplePlans(): Promise<{ conflicts: unknown; clean: unknown }> {
  const plan = JSON.parse(await readFile(join(examplesDir, 'plan.json'), 'utf8')) as {
    resource_changes: { change: { after?: { name?: string } } }[];
  };
  const clean = {
    ...plan,
    resource_changes: plan.resource_changes.filter((rc) => rc.change.after?.name === 'APAC Sales'),
  };
  return { conflicts: plan, clean };
}

/**
 * Starts the service on 127.0.0.1:0 for `emulators` (org name -> emulator),
 * mapping workspaces `<org>-*` of organization acme to each org.
 */
export async function startTestService(
  emulators: Record<string, Emulator>,
  extra: Record<string, unknown> = {},
): Promise<TestService> {
  const env: Record<string, string> = {};
  const orgs: Record<string, unknown> = {};
  for (const [name, emulator] of Object.entries(emulators)) {
    const client = emulator.clients[0];
    if (client === undefined) throw new Error('no client');
    env[`${name.toUpperCase()}_ID`] = client.id;
    env[`${name.toUpperCase()}_SECRET`] = client.secret;
    orgs[name] = {
      apiUrl: emulator.url,
      clientIdEnv: `${name.toUpperCase()}_ID`,
      clientSecretEnv: `${name.toUpperCase()}_SECRET`,
    };
  }
  const config = parseServeConfig(
    {
      hmacKey: { env: 'HMAC' },
      orgs,
      workspaces: Object.keys(emulators).map((name) => ({
        organization: 'acme',
        pattern: `${name}-*`,
        org: name,
      })),
      ...extra,
    },
    'serve.json',
  );
  const logs: Record<string, unknown>[] = [];
  const delays: number[] = [];
  // Waiting advances this clock instead of the real one: retries take no time.
  let waited = 0;
  const server = await startRunTaskServer({
    config,
    hmacKey: Buffer.from(hmacKey),
    env,
    port: 0,
    host: '127.0.0.1',
    log: (record) => logs.push({ ...record }),
    now: () => Date.now() + waited,
    sleep: (ms) => {
      delays.push(ms);
      waited += ms;
      return Promise.resolve();
    },
  });
  onTestFinished(() => server.close());
  return { server, url: `${server.url}/`, logs, delays };
}
