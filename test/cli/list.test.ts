import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));
const sales = '11111111-2222-4333-8444-000000000001';

const seed = {
  divisions: [{ id: sales, name: 'Sales', description: 'EMEA, "field"' }],
  queues: [
    { id: '22222222-0000-4000-8000-000000000002', name: 'Support', division: { id: sales } },
    {
      id: '22222222-0000-4000-8000-000000000001',
      name: 'Billing',
      description: 'line\nbreak',
      division: { id: sales },
    },
  ],
  skills: [
    { id: '33333333-0000-4000-8000-000000000001', name: '=HYPERLINK("x")', state: 'active' },
    { id: '33333333-0000-4000-8000-000000000002', name: 'French', state: 'deleted' },
    { id: '33333333-0000-4000-8000-000000000003', name: 'English', state: 'active' },
  ],
};

async function list(emulator: Emulator, args: string[]) {
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(['list', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gcadopt list', () => {
  it('prints a kind as an aligned table with its managed attributes, by name', async () => {
    const emulator = await startTestEmulator({ seed });
    const { code, out } = await list(emulator, ['queues']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+DESCRIPTION\s+DIVISION ID$/);
    expect(lines.slice(1, 3).map((l) => l.split(/\s{2,}/)[1])).toEqual(['Billing', 'Support']);
    expect(lines[1]).toContain('line\\u000abreak');
    expect(lines[2]!.indexOf(sales)).toBe(lines[0]!.indexOf('DIVISION ID'));
    expect(lines.at(-1)).toBe('2 queue(s)');
  });

  it('drops deleted rows and defuses formulas in CSV', async () => {
    const emulator = await startTestEmulator({ seed });
    const { code, out } = await list(emulator, ['skills', '--format', 'csv']);
    expect(code).toBe(0);
    expect(out).toBe(
      'id,name\r\n' +
        '33333333-0000-4000-8000-000000000001,"\'=HYPERLINK(""x"")"\r\n' +
        '33333333-0000-4000-8000-000000000003,English\r\n',
    );
  });

  it('prints JSON with built-in roles first, whatever the kind is called', async () => {
    const emulator = await startTestEmulator({
      seed: {
        roles: [
          { name: 'Accounts', description: 'Queue agents' },
          { name: 'employee', defaultRoleId: 'employee', default: true },
          { name: 'admin', defaultRoleId: 'admin', default: true },
        ],
      },
    });
    for (const name of ['roles', 'role', 'genesyscloud_auth_role']) {
      const { code, out } = await list(emulator, [name, '--format', 'json']);
      expect(code).toBe(0);
      const rows = JSON.parse(out) as Record<string, unknown>[];
      expect(rows.map((r) => [r.name, r.default_role_id])).toEqual([
        ['admin', 'admin'],
        ['employee', 'employee'],
        ['Accounts', null],
      ]);
      expect(Object.keys(rows[2] ?? {})).toEqual(['id', 'name', 'description', 'default_role_id']);
    }
  });

  it('lists divisions exactly as divisions list does', async () => {
    const emulator = await startTestEmulator({ seed });
    for (const format of ['table', 'json', 'csv']) {
      const generic = await list(emulator, ['divisions', '--format', format]);
      const io = createTestIo({ env: emulatorEnv(emulator) });
      expect(await main(['divisions', 'list', '--format', format], io)).toBe(0);
      expect(generic.code).toBe(0);
      expect(generic.out).toBe(io.out());
    }
  });

  it('refuses an unknown kind with one line and the kinds it knows', async () => {
    const emulator = await startTestEmulator({ seed });
    const { code, out, err } = await list(emulator, ['widgets']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^gcadopt: unknown kind "widgets"\nhint: use one of: divisions, queues, skills, wrapupcodes, languages, groups, roles(, [a-z]+)*\n$/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('runs from the built bin', async () => {
    const emulator = await startTestEmulator({ seed });
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...emulatorEnv(emulator) };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'list', 'skills', '--format', 'json'],
      { env, timeout: 20_000 },
    );
    expect((JSON.parse(stdout) as { name: string }[]).map((s) => s.name)).toEqual([
      '=HYPERLINK("x")',
      'English',
    ]);
  });
});
