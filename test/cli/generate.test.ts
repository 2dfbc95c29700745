import { parse } from '@cdktn/hcl2json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const org = [
  { id: '11111111-0000-4000-8000-000000000001', name: 'Sales!' },
  { id: '11111111-0000-4000-8000-000000000002', name: 'Sales?' },
  { id: '11111111-0000-4000-8000-000000000003', name: '2024 Pilot', description: 'x ${y}' },
  { id: '11111111-0000-4000-8000-000000000004', name: 'Zürich' },
  { id: '11111111-0000-4000-8000-000000000005', name: 'Headquarters', home: true },
];

async function generate(seed: object[], files: Record<string, string> = { 'main.tf': '' }) {
  const emulator = await startTestEmulator({ seed: { divisions: seed } });
  const dir = await createTree(files);
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(['generate', dir], io);
  return { code, text: await readFile(join(dir, 'generated.tf'), 'utf8'), err: io.err() };
}

describe('gcadopt generate', () => {
  it('writes resources and imports with valid, unique labels, identical whatever the listing order', async () => {
    const first = await generate(org);
    const second = await generate([...org].reverse());
    expect(first.code).toBe(0);
    expect(second.text).toBe(first.text);
    const parsed = (await parse('generated.tf', first.text)) as {
      resource: Record<string, Record<string, { name: string; home?: boolean }[]>>;
      import: { to: string; id: string }[];
    };
    const labels = Object.keys(parsed.resource.genesyscloud_auth_division ?? {});
    expect(labels).toEqual(['Headquarters', 'Sales_', 'Sales__2', 'Zurich', '_2024_Pilot']);
    for (const label of labels) expect(label).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(parsed.resource.genesyscloud_auth_division?.Headquarters?.[0]?.home).toBe(true);
    // The home division is adopted by home = true, not imported.
    expect(parsed.import.map((i) => i.id)).not.toContain('11111111-0000-4000-8000-000000000005');
    expect(parsed.import).toHaveLength(4);
    expect(first.text).toContain('description = "x $${y}"');
  });

  it('skips what the configuration already manages or plans, and avoids its labels', async () => {
    const result = await generate(org, {
      'main.tf':
        'resource "genesyscloud_auth_division" "Zurich" {\n  name = "Zürich"\n}\nresource "genesyscloud_auth_division" "Sales_" {\n  name = "Other"\n}\n',
    });
    expect(result.text).not.toContain('name = "Zürich"');
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Sales__2"');
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Sales__3"');
  });

  it('copes with resources whose instances are unknown', async () => {
    const result = await generate(org, {
      'main.tf':
        'resource "genesyscloud_auth_division" "Zurich" {\n  for_each = data.x.y.names\n  name = each.key\n}\n',
    });
    expect(result.code).toBe(0);
    expect(result.text).toContain('resource "genesyscloud_auth_division" "Zurich_2"');
  });

  it('says so when there is nothing to generate', async () => {
    const emulator = await startExampleOrg();
    const dir = await copyExample();
    const io = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['generate', dir, '--kinds', 'division', '--dry-run'], io)).toBe(0);
    expect(io.out()).toContain('resource "genesyscloud_auth_division" "IT_Service_Desk"');
    const bad = createTestIo({ env: emulatorEnv(emulator) });
    expect(await main(['generate', dir, '--kinds', 'queue'], bad)).toBe(1);
    expect(bad.err()).toContain('unknown kind "queue"');
  });
});
