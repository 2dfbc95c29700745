import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { checkJson, planOf, plannedCreate, readHcl, runCli as run } from '../helpers/kind-cli.js';

const id = (n: number) => `66666666-0000-4000-8000-${String(n).padStart(12, '0')}`;
const builtInId = '0a1b2c3d-0000-4000-8000-00000000f001';
const [hq, annex, floor, gone] = [id(1), id(2), id(3), id(4)];

/** HQ and Annex at the top, Floor 1 under Annex, a deleted "Old Site". */
const locations = [
  { id: builtInId, name: 'Default PCV Location', path: [], state: 'active' },
  { id: hq, name: 'HQ', notes: 'main office', path: [], state: 'active' },
  { id: annex, name: 'Annex', path: [], state: 'active' },
  { id: floor, name: 'Floor 1', path: [annex], state: 'active' },
  { id: gone, name: 'Old Site', path: [], state: 'deleted' },
];

const config = `
resource "genesyscloud_location" "hq" {
  name  = "HQ"
  notes = "main office"
}
resource "genesyscloud_location" "pcv" {
  name = "Default PCV Location"
}
resource "genesyscloud_location" "floor" {
  name = "Floor 1"
  path = ["${hq}"]
}
resource "genesyscloud_location" "old" {
  name = "Old Site"
}
`;

const create = (label: string, after: object) =>
  plannedCreate('genesyscloud_location', label, after);

const plan = planOf([
  create('hq', { name: 'HQ', notes: 'main office', path: [] }),
  create('pcv', { name: 'Default PCV Location', path: [] }),
  create('floor', { name: 'Floor 1', path: [hq] }),
  create('old', { name: 'Old Site', path: [] }),
]);

describe('genesyscloud_location', () => {
  it.each(['hcl', 'plan'])(
    'from %s: a taken name, the built-in location, a name under another parent',
    async (mode) => {
      const emulator = await startTestEmulator({ seed: { locations } });
      const dir = await createTree({ 'main.tf': config, 'plan.json': plan });
      const { code, findings } = await checkJson(dir, mode, emulatorEnv(emulator));
      expect(code).toBe(2);
      expect(findings.map((f) => [f.address, f.kind, f.severity, f.fix])).toEqual([
        ['genesyscloud_location.floor', 'elsewhere', 'warning', undefined],
        [
          'genesyscloud_location.hq',
          'conflict',
          'error',
          { import: { to: 'genesyscloud_location.hq', id: hq } },
        ],
        // A deleted location still listed: whether its name blocks is unverified.
        ['genesyscloud_location.old', 'deleted-name', 'warning', undefined],
        [
          'genesyscloud_location.pcv',
          'built-in',
          'error',
          {
            data: {
              type: 'genesyscloud_location',
              label: 'Default_PCV_Location',
              name: 'Default PCV Location',
            },
          },
        ],
      ]);
    },
  );

  it('a name under the same parent is a conflict', async () => {
    const emulator = await startTestEmulator({ seed: { locations } });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_location" "floor" {\n  name = "Floor 1"\n  path = ["${annex}"]\n}\n`,
    });
    const { findings } = await checkJson(dir, 'hcl', emulatorEnv(emulator));
    expect(findings.map((f) => [f.kind, f.fix])).toEqual([
      ['conflict', { import: { to: 'genesyscloud_location.floor', id: floor } }],
    ]);
  });

  it.each([
    [
      'text',
      'data "genesyscloud_location" "Default_PCV_Location" { name = "Default PCV Location" }',
    ],
    ['markdown', 'data "genesyscloud\\_location" "Default\\_PCV\\_Location"'],
    ['github', 'data "genesyscloud_location" "Default_PCV_Location"'],
    ['sarif', 'Fix: data "genesyscloud\\_location" "Default\\_PCV\\_Location"'],
  ])('the %s report shows the data block to use', async (format, shown) => {
    const emulator = await startTestEmulator({ seed: { locations } });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_location" "pcv" {\n  name = "Default PCV Location"\n}\n`,
    });
    const result = await run(['check', dir, '--format', format], emulatorEnv(emulator));
    expect(result.code).toBe(2);
    // SARIF messages are Markdown inside JSON.
    const text =
      format === 'sarif'
        ? (
            JSON.parse(result.out) as { runs: { results: { message: { text: string } }[] }[] }
          ).runs[0]!.results.map((r) => r.message.text).join('\n')
        : result.out;
    expect(text).toContain(shown);
  });

  it('looks a few names up by search instead of reading every page', async () => {
    const fillers = Array.from({ length: 250 }, (_, i) => ({
      id: id(100 + i),
      name: `Branch ${String(i).padStart(3, '0')}`,
      path: [],
    }));
    const emulator = await startTestEmulator({ seed: { locations: [...locations, ...fillers] } });
    const dir = await createTree({
      'main.tf': `resource "genesyscloud_location" "hq" {\n  name = "HQ"\n  notes = "main office"\n}\n`,
    });
    const result = await run(['check', dir, '--format', 'json'], emulatorEnv(emulator));
    expect(result.code).toBe(2);
    const calls = emulator.requests
      .filter((r) => r.path.startsWith('/api/v2/locations'))
      .map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual(['GET /api/v2/locations', 'POST /api/v2/locations/search']);
  });

  it('import writes the block; generate writes a data block for the built-in location', async () => {
    const emulator = await startTestEmulator({ seed: { locations } });
    const dir = await createTree({ 'main.tf': config });
    expect((await run(['import', dir], emulatorEnv(emulator))).code).toBe(2);
    const imports = (await readHcl(join(dir, 'imports.tf'))).hcl;
    expect(imports.import).toEqual([{ to: '${genesyscloud_location.hq}', id: hq }]);

    const empty = await createTree({ 'main.tf': '' });
    const args = ['generate', empty, '--kinds', 'locations'];
    expect((await run(args, emulatorEnv(emulator))).code).toBe(0);
    const { text, hcl: generated } = await readHcl(join(empty, 'generated.tf'));
    expect(generated.data).toEqual({
      genesyscloud_location: { Default_PCV_Location: [{ name: 'Default PCV Location' }] },
    });
    expect(generated.resource?.genesyscloud_location).toEqual({
      Annex: [{ name: 'Annex' }],
      Annex_Floor_1: [{ name: 'Floor 1', path: [annex] }],
      HQ: [{ name: 'HQ', notes: 'main office' }],
    });
    expect(generated.import?.map((i) => i.id).sort()).toEqual([hq, annex, floor].sort());
    // A rerun finds every object written already.
    const again = await run(args, emulatorEnv(emulator));
    expect(again.err).toContain('nothing to generate');
    expect((await readHcl(join(empty, 'generated.tf'))).text).toBe(text);
  });

  it('list shows the locations, without deleted ones', async () => {
    const emulator = await startTestEmulator({ seed: { locations } });
    const result = await run(['list', 'locations', '--format', 'json'], emulatorEnv(emulator));
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string }[];
    expect(rows.map((r) => r.name).sort()).toEqual([
      'Annex',
      'Default PCV Location',
      'Floor 1',
      'HQ',
    ]);
  });
});
