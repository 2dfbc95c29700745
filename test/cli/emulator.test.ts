import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

describe('gcadopt emulator (built bin)', () => {
  it('serves a seeded org that a plain HTTP client can log into and list, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const seed = join(dir, 'org.json');
    await writeFile(
      seed,
      JSON.stringify({
        divisions: [{ name: 'Seeded' }],
        clients: [{ id: 'cli', secret: 'cli-secret' }],
      }),
    );
    const child = spawn(process.execPath, [bin, 'emulator', '--seed', seed, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1] !== undefined && out.includes('Ctrl-C')) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain('GENESYSCLOUD_OAUTHCLIENT_ID=cli');
    const login = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('cli:cli-secret').toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const list = (await (
      await fetch(`${url}/api/v2/authorization/divisions`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as {
      entities: { name: string }[];
    };
    expect(list.entities.map((d) => d.name).sort()).toEqual(['Home', 'Seeded']);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('gcadopt emulator (in-process)', () => {
  it('stops when the io signal aborts', async () => {
    const controller = new AbortController();
    const io = createTestIo({ signal: controller.signal });
    const running = main(['emulator', '--port', '0'], io);
    await expect.poll(() => io.out()).toContain('listening on');
    controller.abort();
    expect(await running).toBe(0);
    expect(io.out()).toContain('emulator stopped');
  });

  it.each([
    [['--fault-rate', '2'], '--fault-rate must be a number from 0 to 1'],
    [['--port', 'x'], '--port must be a number'],
  ])('rejects bad options %j with one line', async (args, message) => {
    const io = createTestIo();
    expect(await main(['emulator', ...args], io)).toBe(1);
    expect(io.err()).toContain(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });

  it('ends with one line and exit 1 when the port is taken', async () => {
    const taken = await startTestEmulator();
    const port = new URL(taken.url).port;
    const io = createTestIo();
    expect(await main(['emulator', '--port', port], io)).toBe(1);
    expect(io.err()).toBe(
      `gcadopt: cannot listen on 127.0.0.1:${port}: the port is already in use (pick another port, or 0 for a free one)\n`,
    );
    expect(io.out()).toBe('');
  });

  it('rejects a malformed seed file with one line naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const seed = join(dir, 'bad.json');
    await writeFile(seed, '{"divisions": [');
    const io = createTestIo();
    expect(await main(['emulator', '--seed', seed], io)).toBe(1);
    expect(io.err()).toMatch(/bad\.json: not valid JSON/);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});
