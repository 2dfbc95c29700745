import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

const seed = {
  divisions: [
    { id: '11111111-2222-4333-8444-000000000001', name: 'Sales', description: 'EMEA, "field"' },
    { id: '11111111-2222-4333-8444-000000000002', name: 'Support' },
    { id: '11111111-2222-4333-8444-000000000003', name: 'Zürich Ops', description: 'line\nbreak' },
  ],
};

describe('gcadopt divisions list', () => {
  it('prints an aligned table, home first', async () => {
    const emulator = await startTestEmulator({ seed });
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+DESCRIPTION\s+HOME$/);
    expect(lines[1]).toMatch(/\sHome\s.*\syes$/);
    expect(lines.slice(2, 5).map((l) => l.split(/\s{2,}/)[1])).toEqual([
      'Sales',
      'Support',
      'Zürich Ops',
    ]);
    expect(lines[4]).toContain('line\\u000abreak');
    expect(lines.at(-1)).toBe('4 division(s)');
    const column = lines[0]!.indexOf('DESCRIPTION');
    expect(lines[2]!.indexOf('EMEA, "field"')).toBe(column);
    expect(lines[4]!.indexOf('line\\u000abreak')).toBe(column);
  });

  it('prints JSON and RFC 4180 CSV', async () => {
    const emulator = await startTestEmulator({ seed });
    const json = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list', '--format', 'json'], json)).toBe(0);
    const rows = JSON.parse(json.out()) as {
      id: string;
      name: string;
      description: string | null;
      home: boolean;
    }[];
    expect(rows[0]).toMatchObject({ name: 'Home', home: true });
    expect(rows.find((r) => r.name === 'Support')?.description).toBeNull();
    const csv = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list', '--format', 'csv'], csv)).toBe(0);
    expect(csv.out()).toContain(
      '11111111-2222-4333-8444-000000000001,Sales,"EMEA, ""field""",\r\n',
    );
    expect(csv.out()).toContain('"line\nbreak"');
  });

  it.each([
    [{}, 'no Genesys Cloud credentials found'],
    [
      { GENESYSCLOUD_OAUTHCLIENT_ID: 'x', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'y' },
      'no Genesys Cloud region',
    ],
    [
      {
        GENESYSCLOUD_OAUTHCLIENT_ID: 'x',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'y',
        GENESYSCLOUD_REGION: 'mars-1',
      },
      'unknown Genesys Cloud region "mars-1"',
    ],
  ])('fails with one clear line for env %j', async (env, message) => {
    const io = createTestIo({ env });
    expect(await main(['divisions', 'list'], io)).toBe(1);
    expect(io.err().split('\n')[0]).toContain(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe('');
  });

  it('fails with exit 1 on refused credentials and a 403', async () => {
    const emulator = await startTestEmulator({
      seed: { clients: [{ id: 'c', secret: 'right', permissions: [] }] },
    });
    const bad = createTestIo({
      env: emulatorEnv(emulator, { GENESYSCLOUD_OAUTHCLIENT_SECRET: 'wrong-one' }),
    });
    expect(await main(['divisions', 'list'], bad)).toBe(1);
    expect(bad.err()).toMatch(/oauth\/token failed: 401/);
    expect(bad.err()).not.toContain('wrong-one');
    const forbidden = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['divisions', 'list'], forbidden)).toBe(1);
    expect(forbidden.err()).toContain('authorization:division:view');
  });
});

describe('gcadopt divisions update', () => {
  const run = async (
    emulator: Awaited<ReturnType<typeof startTestEmulator>>,
    args: string[],
    options: Parameters<typeof createTestIo>[0] = {},
  ) => {
    const io = createTestIo({ env: emulatorEnv(emulator), ...options });
    const code = await main(['divisions', 'update', ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('shows the diff, writes only name and description, and verifies', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['Sales', '--description', 'All sales', '--yes']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'description: "EMEA, \\"field\\"" -> "All sales"'.replaceAll('\\"', '"'),
    );
    expect(result.out).toContain('verified');
    const put = emulator.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/v2/authorization/divisions/11111111-2222-4333-8444-000000000001');
    expect(emulator.store.get('11111111-2222-4333-8444-000000000001')).toMatchObject({
      name: 'Sales',
      description: 'All sales',
    });
  });

  it('resolves by id', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, [
      '11111111-2222-4333-8444-000000000002',
      '--name',
      'Customer Support',
      '--yes',
    ]);
    expect(result.code).toBe(0);
    expect(emulator.store.get('11111111-2222-4333-8444-000000000002')?.name).toBe(
      'Customer Support',
    );
  });

  it('refuses a rename onto a name another division holds, before any PUT', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['Support', '--name', ' sales ', '--yes']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('already named "Sales"');
    expect(emulator.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('writes nothing with --dry-run', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('name:        "Sales" -> "Sales EMEA"');
    expect(result.out).toContain('dry run');
    expect(emulator.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('refuses without --yes when stdin is not a terminal', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['Sales', '--name', 'X']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--yes');
    expect(emulator.store.get('11111111-2222-4333-8444-000000000001')?.name).toBe('Sales');
  });

  it.each([
    ['y\n', 'Sales EMEA'],
    ['n\n', 'Sales'],
  ])('asks on a terminal; answer %j', async (answer, expected) => {
    const emulator = await startTestEmulator({ seed });
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = createTestIo({ env: emulatorEnv(emulator), stdin });
    const pending = main(['divisions', 'update', 'Sales', '--name', 'Sales EMEA'], io);
    await expect.poll(() => io.err()).toContain('Apply this update? [y/N]');
    stdin.write(answer);
    expect(await pending).toBe(0);
    expect(emulator.store.get('11111111-2222-4333-8444-000000000001')?.name).toBe(expected);
  });

  it('aborts when the division changed between the diff and the write', async () => {
    const emulator = await startTestEmulator({ seed });
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = createTestIo({ env: emulatorEnv(emulator), stdin });
    const pending = main(['divisions', 'update', 'Sales', '--name', 'Sales EMEA'], io);
    // While the user reads the diff, someone renames the division in the UI.
    await expect.poll(() => io.err()).toContain('Apply this update?');
    emulator.store.update(
      '11111111-2222-4333-8444-000000000001',
      'Sales (renamed in the UI)',
      null,
    );
    stdin.write('y\n');
    expect(await pending).toBe(1);
    expect(io.err()).toContain('changed since it was read');
    expect(emulator.store.get('11111111-2222-4333-8444-000000000001')?.name).toBe(
      'Sales (renamed in the UI)',
    );
    expect(emulator.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('lists candidates when the name matches only by case', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['sales', '--name', 'X', '--yes']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('did you mean "Sales" (11111111-2222-4333-8444-000000000001)');
  });

  it('says so when there is nothing to change', async () => {
    const emulator = await startTestEmulator({ seed });
    const result = await run(emulator, ['Support', '--name', 'Support', '--yes']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('nothing to change');
  });
});
