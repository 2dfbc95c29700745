import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loginAt, spawnEmulator } from '../helpers/emulator-process.js';
import { createTestIo } from '../helpers/io.js';

const base = '/api/v2/authorization/divisions';

async function createDataDir(): Promise<{ dir: string; data: string; seed: string }> {
  const root = await mkdtemp(join(tmpdir(), 'gcadopt-durable-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'data');
  await mkdir(dir);
  const seed = join(root, 'org.json');
  await writeFile(
    seed,
    JSON.stringify({
      clients: [{ id: 'cli', secret: 'cli-secret' }],
      limits: { ratePerMinute: 10_000 },
    }),
  );
  return { dir, data: join(dir, 'org.json'), seed };
}

/**
 * Makes `dir` unwritable for this process until the returned function (or the
 * end of the test) puts it back. Root ignores mode bits, so for root the folder
 * is swapped for a link to sysfs, which no one may create files in.
 */
async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  let restore: (() => Promise<void>) | undefined;
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    restore = () => chmod(dir, 0o755);
  } else {
    await rename(dir, `${dir}.real`);
    await symlink('/sys', dir);
    restore = async () => {
      await unlink(dir);
      await rename(`${dir}.real`, dir);
    };
  }
  const once = async (): Promise<void> => {
    const pending = restore;
    restore = undefined;
    await pending?.();
  };
  onTestFinished(once);
  return once;
}

async function listNames(api: (path: string) => Promise<Response>): Promise<string[]> {
  const page = (await (await api(`${base}?pageSize=500`)).json()) as {
    entities: { name: string }[];
  };
  return page.entities.map((d) => d.name);
}

describe('emulator --data durability (built bin)', () => {
  it('keeps all 120 acknowledged creates when killed right after the last answer', async () => {
    const { data, seed } = await createDataDir();
    const first = await spawnEmulator(['--seed', seed, '--data', data]);
    const api = await loginAt(first.url, 'cli', 'cli-secret');
    const names = Array.from({ length: 120 }, (_, i) => `Durable ${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(
      names.map((name) => api(base, { method: 'POST', body: JSON.stringify({ name }) })),
    );
    first.child.kill('SIGKILL');
    expect(answers.map((r) => r.status)).toEqual(names.map(() => 201));
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnEmulator(['--seed', seed, '--data', data]);
    const again = await loginAt(second.url, 'cli', 'cli-secret');
    const listed = await listNames(again);
    expect(listed.filter((n) => n.startsWith('Durable ')).sort()).toEqual(names);
  });

  it('answers 500 when the change cannot be saved, rolls it back and keeps serving', async () => {
    const { dir, data, seed } = await createDataDir();
    const emulator = await spawnEmulator(['--seed', seed, '--data', data]);
    const api = await loginAt(emulator.url, 'cli', 'cli-secret');
    expect((await api(base, { method: 'POST', body: '{"name":"Saved"}' })).status).toBe(201);

    const restore = await makeReadOnly(dir);
    const refused = await api(base, { method: 'POST', body: '{"name":"Not saved"}' });
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ code: 'internal.server.error', status: 500 });
    expect(await listNames(api)).toEqual(['Home', 'Saved']);
    await restore();

    expect((await api(base, { method: 'POST', body: '{"name":"Later"}' })).status).toBe(201);
    expect(emulator.child.exitCode).toBeNull();
    expect(emulator.stderr()).toBe('');
    const onDisk = JSON.parse(await readFile(data, 'utf8')) as { divisions: { name: string }[] };
    expect(onDisk.divisions.map((d) => d.name)).toEqual(['Home', 'Later', 'Saved']);
  });

  it('refuses to start with one line when the data file cannot be written', async () => {
    const { dir } = await createDataDir();
    const io = createTestIo();
    const code = await main(['emulator', '--data', join(dir, 'missing', 'org.json')], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^gcadopt: cannot write data file .*org\.json: ENOENT\n/);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });
});
