import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginAt, spawnEmulator } from '../helpers/emulator-process.js';
import { createTestIo } from '../helpers/io.js';

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
    const emulator = await spawnEmulator(['--seed', seed]);
    expect(emulator.stdout()).toContain('GENESYSCLOUD_OAUTHCLIENT_ID=cli');
    const api = await loginAt(emulator.url, 'cli', 'cli-secret');
    const list = (await (await api('/api/v2/authorization/divisions')).json()) as {
      entities: { name: string }[];
    };
    expect(list.entities.map((d) => d.name).sort()).toEqual(['Home', 'Seeded']);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
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
