import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree, examplesDir } from '../helpers/example.js';
import { createTestIo, type TestIo } from '../helpers/io.js';
import { startHcpStandIn } from './hcp-stand-in.js';
import { readExamplePlans } from './service.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const hmac = 'Hm4c-key-that-must-never-leak-0c9b';
const secret = 'S3cr3t-value-that-must-never-leak-7a6b';
const runToken = 'run-token-that-must-never-leak-3e2d';

async function startOrg(): Promise<{ url: string }> {
  const seed = JSON.parse(await readFile(join(examplesDir, 'org.json'), 'utf8')) as {
    clients: unknown[];
  };
  seed.clients = [{ id: 'serve-client', secret, permissions: ['*'] }];
  return startTestEmulator({ seed });
}

async function writeConfig(apiUrl: string, extra: Record<string, unknown> = {}): Promise<string> {
  const config = {
    port: 0,
    host: '127.0.0.1',
    hmacKey: { env: 'GCADOPT_RUN_TASK_HMAC_KEY' },
    orgs: {
      prod: { apiUrl, clientIdEnv: 'PROD_CLIENT_ID', clientSecretEnv: 'PROD_CLIENT_SECRET' },
    },
    workspaces: [{ organization: 'acme', pattern: 'genesys-*', org: 'prod' }],
    ...extra,
  };
  const dir = await createTree({ 'serve.json': JSON.stringify(config) });
  return join(dir, 'serve.json');
}

const env = {
  GCADOPT_RUN_TASK_HMAC_KEY: hmac,
  PROD_CLIENT_ID: 'serve-client',
  PROD_CLIENT_SECRET: secret,
};

async function waitFor(io: TestIo, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 200; i += 1) {
    const match = pattern.exec(io.out());
    if (match !== null) return match;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${String(pattern)} in: ${io.out()}${io.err()}`);
}

describe('gcadopt serve (command)', () => {
  it('refuses a config holding the HMAC key, in one line and a hint, before listening', async () => {
    const file = await writeConfig('http://127.0.0.1:1', { hmacKey: hmac });
    const io = createTestIo({ env });
    expect(await main(['serve', '--config', file], io)).toBe(1);
    expect(io.err()).toMatch(
      /^gcadopt: .*serve\.json is not a valid serve config: hmacKey: the key itself must not be in the config.*\nhint: see docs\/run-task\.md/,
    );
    expect(io.err()).not.toContain(hmac);
    expect(io.out()).toBe('');
  });

  it.each([
    [
      { ...env, PROD_CLIENT_SECRET: undefined },
      'gcadopt: the environment lacks PROD_CLIENT_SECRET\n',
    ],
    [
      { ...env, GCADOPT_RUN_TASK_HMAC_KEY: '' },
      'gcadopt: no HMAC key: the environment variable GCADOPT_RUN_TASK_HMAC_KEY is empty or unset\n',
    ],
  ])('refuses to start without its secrets', async (environment, message) => {
    const file = await writeConfig('http://127.0.0.1:1');
    const io = createTestIo({ env: environment });
    expect(await main(['serve', '--config', file], io)).toBe(1);
    expect(io.err().split('\n')[0]).toBe(message.trimEnd());
  });

  it('serves until stopped, one JSON log line per task, and never logs a secret, token or HMAC key', async () => {
    const org = await startOrg();
    const hcp = await startHcpStandIn(hmac);
    hcp.addRun('c1', (await readExamplePlans()).conflicts, runToken);
    const file = await writeConfig(org.url);
    const controller = new AbortController();
    const io = createTestIo({ env, signal: controller.signal });
    const exit = main(['--debug', 'serve', '--config', file, '--port', '0'], io);
    const [, url] = await waitFor(io, /"event":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/);
    await hcp.send(
      `${url ?? ''}/`,
      hcp.payload('v', 'genesys-prod', { access_token: 'test-token' }),
    );
    await hcp.send(`${url ?? ''}/`, hcp.payload('c1', 'genesys-prod'));
    await hcp.send(`${url ?? ''}/`, hcp.payload('c1', 'genesys-prod'), { key: 'wrong' });
    await waitFor(io, /"event":"task"/);
    controller.abort();
    expect(await exit).toBe(0);
    const lines = io
      .out()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual([
      'listening',
      'verification',
      'rejected',
      'task',
      'stopped',
    ]);
    expect(lines[3]).toMatchObject({
      workspace: 'genesys-prod',
      run: 'run-c1',
      verdict: 'failed',
      org: 'prod',
    });
    expect(typeof lines[3]?.durationMs).toBe('number');
    expect(
      (hcp.delivered('taskrs-c1')?.body as { data: { attributes: { status: string } } }).data
        .attributes.status,
    ).toBe('failed');
    const all = io.out() + io.err();
    for (const leak of [
      hmac,
      secret,
      runToken,
      Buffer.from(`serve-client:${secret}`).toString('base64'),
    ])
      expect(all).not.toContain(leak);
  });

  it('reads the HMAC key from a file, without its trailing newline', async () => {
    const org = await startOrg();
    const dir = await createTree({ 'hmac.key': `${hmac}\n` });
    const file = await writeConfig(org.url, { hmacKey: { file: join(dir, 'hmac.key') } });
    const controller = new AbortController();
    const io = createTestIo({
      env: { ...env, GCADOPT_RUN_TASK_HMAC_KEY: undefined },
      signal: controller.signal,
    });
    const exit = main(['serve', '--config', file], io);
    const [, url] = await waitFor(io, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
    const hcp = await startHcpStandIn(hmac);
    const verify = hcp.payload('v', 'genesys-prod', { access_token: 'test-token' });
    expect((await hcp.send(`${url ?? ''}/`, verify)).status).toBe(200);
    expect((await hcp.send(`${url ?? ''}/`, verify, { key: `${hmac}\n` })).status).toBe(401);
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('runs as the built bin and stops on SIGTERM', async () => {
    const org = await startOrg();
    const file = await writeConfig(org.url);
    const child = spawn(process.execPath, [bin, 'serve', '--config', file, '--port', '0'], {
      env: { ...env, PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('"event":"stopped"');
  });
});
