import { parse } from '@cdktn/hcl2json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const ids = {
  division: '11111111-0000-4000-8000-000000000001',
  queue: '22222222-0000-4000-8000-000000000001',
  skill: '33333333-0000-4000-8000-000000000001',
};

const config = {
  'main.tf': [
    'resource "genesyscloud_auth_division" "sales" {\n  name = "Sales"\n}',
    'resource "genesyscloud_routing_queue" "billing" {\n  name = "Billing"\n}',
    'resource "genesyscloud_routing_skill" "french" {\n  name = "French"\n}',
    '',
  ].join('\n'),
};

async function startOrg(): Promise<Emulator> {
  return startTestEmulator({
    seed: {
      divisions: [{ id: ids.division, name: 'Sales' }],
      queues: [{ id: ids.queue, name: 'Billing' }],
      skills: [{ id: ids.skill, name: 'French', state: 'active' }],
    },
  });
}

async function run(emulator: Emulator, args: string[]) {
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const listed = (emulator: Emulator): string[] =>
  [...new Set(emulator.requests.map((r) => r.path.split('?')[0]))]
    // Listings only: every run also asks which org it checks.
    .filter((p) => p?.startsWith('/api/') === true && p !== '/api/v2/organizations/me')
    .sort() as string[];

describe('--kinds on check and import', () => {
  it('check handles every known kind; --kinds lists and checks only those named', async () => {
    const emulator = await startOrg();
    const dir = await createTree(config);
    const all = await run(emulator, ['check', dir, '--format', 'json']);
    expect(all.code).toBe(2);
    expect((JSON.parse(all.out) as { findings: { address: string }[] }).findings).toHaveLength(3);
    expect(listed(emulator)).toHaveLength(3);
    const before = emulator.requests.length;
    const { code, out } = await run(emulator, [
      'check',
      dir,
      '--format',
      'json',
      '--kinds',
      'queue,genesyscloud_routing_skill',
    ]);
    expect(code).toBe(2);
    const result = JSON.parse(out) as {
      summary: { checked: number };
      findings: { address: string }[];
    };
    expect(result.findings.map((f) => f.address)).toEqual([
      'genesyscloud_routing_queue.billing',
      'genesyscloud_routing_skill.french',
    ]);
    expect(result.summary.checked).toBe(2);
    const paths = emulator.requests.slice(before).map((r) => r.path.split('?')[0]);
    expect(
      [...new Set(paths)]
        .filter((p) => p?.startsWith('/api/') && p !== '/api/v2/organizations/me')
        .sort(),
    ).toEqual(['/api/v2/routing/queues', '/api/v2/routing/skills']);
  });

  it('import --kinds writes import blocks for those kinds alone', async () => {
    const emulator = await startOrg();
    const dir = await createTree(config);
    const { code } = await run(emulator, ['import', dir, '--kinds', 'skills']);
    expect(code).toBe(0);
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    const parsed = (await parse('imports.tf', text)) as { import: { to: string; id: string }[] };
    expect(parsed.import).toEqual([{ to: '${genesyscloud_routing_skill.french}', id: ids.skill }]);
    expect(listed(emulator)).toEqual(['/api/v2/routing/skills']);
  });

  it('refuses an unknown kind before reading anything', async () => {
    const emulator = await startOrg();
    const dir = await createTree(config);
    for (const command of ['check', 'import']) {
      const { code, out, err } = await run(emulator, [command, dir, '--kinds', 'queues,widgets']);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.split('\n')[0]).toBe('gcadopt: unknown kind "widgets"');
    }
    expect(emulator.requests).toHaveLength(0);
  });
});
