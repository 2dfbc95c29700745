import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
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

  describe('when the answer to the PUT is lost', () => {
    const salesId = '11111111-2222-4333-8444-000000000001';
    const methods = (emulator: Emulator): string[] =>
      emulator.requests.filter((r) => r.path.endsWith(salesId)).map((r) => r.method);

    it('never overwrites a change made meanwhile: stops with the three versions', async () => {
      let lost = false;
      const emulator: Emulator = await startTestEmulator({
        seed,
        dropResponse: ({ method }) => {
          if (method !== 'PUT' || lost) return false;
          lost = true;
          // Another admin renames it before the client learns anything.
          emulator.store.update(salesId, 'Sales (renamed in the UI)', null);
          return true;
        },
      });
      const result = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--yes']);
      expect(result.code).toBe(1);
      expect(result.err).toContain('was changed by someone else');
      expect(result.err).toContain('  before: name "Sales", description "EMEA, "field""\n');
      expect(result.err).toContain('  theirs: name "Sales (renamed in the UI)", description ""\n');
      expect(result.err).toContain('  ours:   name "Sales EMEA", description "EMEA, "field""\n');
      expect(result.out).not.toContain('verified');
      expect(emulator.store.get(salesId)?.name).toBe('Sales (renamed in the UI)');
      expect(methods(emulator)).toEqual(['GET', 'PUT', 'GET']);
    });

    it('does not send it again when the re-read shows it was applied', async () => {
      let lost = false;
      const emulator = await startTestEmulator({
        seed,
        dropResponse: ({ method }) => method === 'PUT' && !lost && (lost = true),
      });
      const result = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--yes']);
      expect(result.code).toBe(0);
      expect(result.out).toContain('verified');
      expect(emulator.store.get(salesId)?.name).toBe('Sales EMEA');
      expect(methods(emulator)).toEqual(['GET', 'PUT', 'GET', 'GET']);
    });

    it('sends it again only after a re-read shows the division unchanged', async () => {
      let armed = false;
      const emulator: Emulator = await startTestEmulator({
        seed,
        // The first PUT (right after the pre-write read) fails before it is carried out.
        onRequest: ({ method, path, fault }) => {
          if (method === 'GET' && path.endsWith(salesId) && !armed) {
            armed = true;
            emulator.setFaultRate(1);
          }
          if (fault !== undefined) emulator.setFaultRate(0);
        },
      });
      const result = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--yes']);
      expect(result.code).toBe(0);
      expect(result.out).toContain('verified');
      expect(emulator.store.get(salesId)?.name).toBe('Sales EMEA');
      const calls = emulator.requests
        .filter((r) => r.path.endsWith(salesId))
        .map((r) => `${r.method}${r.fault === undefined ? '' : ' (fault)'}`);
      expect(calls).toEqual(['GET', 'PUT (fault)', 'GET', 'PUT', 'GET']);
    });
  });

  describe('a division Terraform manages', () => {
    const salesId = '11111111-2222-4333-8444-000000000001';
    const config = {
      'main.tf': [
        'resource "genesyscloud_auth_division" "other" {',
        '  name = "Other"',
        '}',
        '',
        'resource "genesyscloud_auth_division" "sales" {',
        '  name        = "Sales"',
        '  description = "EMEA"',
        '}',
        '',
      ].join('\n'),
    };
    const state = JSON.stringify({
      version: 4,
      terraform_version: '1.11.0',
      resources: [
        {
          mode: 'managed',
          type: 'genesyscloud_auth_division',
          name: 'sales',
          instances: [{ attributes: { id: salesId, name: 'Sales' } }],
        },
      ],
    });

    it('is refused with its address and file:line unless --force', async () => {
      const emulator = await startTestEmulator({ seed });
      const cwd = await createTree({ ...config, 'terraform.tfstate': state });
      const refused = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--yes'], { cwd });
      expect(refused.code).toBe(1);
      expect(refused.err.split('\n')[0]).toBe(
        `gcadopt: division "Sales" (${salesId}) is managed by Terraform: genesyscloud_auth_division.sales (main.tf:5, in state); the next apply would revert this change`,
      );
      expect(refused.err).toContain('--force');
      expect(emulator.requests.some((r) => r.method === 'PUT')).toBe(false);

      const forced = await run(emulator, ['Sales', '--name', 'Sales EMEA', '--yes', '--force'], {
        cwd,
      });
      expect(forced.code).toBe(0);
      expect(forced.err).toContain('warning: division "Sales"');
      expect(forced.err).toContain('the next apply will revert this change');
      expect(emulator.store.get(salesId)?.name).toBe('Sales EMEA');
    });

    it('is found by name in the configuration of --dir, without state', async () => {
      const emulator = await startTestEmulator({ seed });
      const dir = await createTree(config);
      const refused = await run(emulator, ['Sales', '--description', 'x', '--yes', '--dir', dir]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `genesyscloud_auth_division.sales (${dir}/main.tf:5, in the configuration)`,
      );
      const other = await run(emulator, ['Support', '--description', 'x', '--yes', '--dir', dir]);
      expect(other.code).toBe(0);
      expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    });
  });
});
