import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan, readPlan } from '../../src/terraform/plan.js';

/**
 * The plans and states under fixtures/ are recorded from real Terraform 1.11
 * with the local provider (fixtures/configs, test/provider/plan-recording.ts;
 * `npm run record-fixtures`). Hand-written, because Terraform never writes
 * them: truncated.json (a cut file), bad-shape.json (a plan with broken
 * entries), and the format_version 2.0 plan below (a major version Terraform
 * 1.11 cannot write: made from a recorded plan).
 */
const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const divisions = new Set(['genesyscloud_auth_division']);
const after = 'known only after apply';
/** Writes `text` to `name` in a temp folder removed after the test; returns its path. */
async function tempFile(name: string, text: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gcadopt-plan-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, name), text);
  return join(dir, name);
}

const division = (name: string) => `genesyscloud_auth_division.${name}`;
const newId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, 'a')}`;
const importedId = '00000000-0000-4000-8000-000000000011';
const adoptedId = '00000000-0000-4000-8000-000000000012';
const hqId = '00000000-0000-4000-8000-000000000013';
const homeId = '00000000-0000-4000-8000-000000000001';
const hq = 'module.bu["Zürich \\"HQ\\""]';
const team = (key: string) => `${hq}.module.teams[1].genesyscloud_auth_division.team["${key}"]`;
const support = 'Support $${tier} – 2\\té';

describe('readPlan: mixed.json', () => {
  it('reads every planned change of the requested types, in plan order', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    expect(plan.terraformVersion).toBe('1.11.4');
    expect(plan.desired.map((d) => [d.address, d.action, d.importId])).toEqual([
      [division('adopted'), 'update', adoptedId],
      [division('counted[0]'), 'create', undefined],
      [division('counted[1]'), 'create', undefined],
      // A `removed` block with destroy = false: Terraform's `forget`.
      [division('forgotten'), 'delete', undefined],
      [division('imported'), 'no-op', importedId],
      [division('kept'), 'no-op', undefined],
      // A `moved` block: the new address, nothing to do.
      [division('moved'), 'no-op', undefined],
      [division('plain'), 'create', undefined],
      [division('random_name'), 'create', undefined],
      [division('renamed'), 'update', undefined],
      [division('replaced'), 'replace', undefined],
      // create_before_destroy: actions [create, delete].
      [division('replaced_first'), 'replace', undefined],
      [division('retired'), 'delete', undefined],
      ['module.org["Zürich \\"HQ\\""].genesyscloud_auth_division.team', 'no-op', hqId],
      [
        'module.org["we \\"quote\\" $${x} – ü"].genesyscloud_auth_division.team',
        'create',
        undefined,
      ],
    ]);
  });

  it('says why a name is unknown, from the configuration', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const random = plan.desired.find((d) => d.address === division('random_name'));
    expect(random?.attributes).toEqual({
      name: { unknown: `${after} (depends on terraform_data.suffix.output)` },
      id: { unknown: after },
      description: 'd',
      home: false,
    });
  });

  it('marks unknown parts of nested values', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), {
      types: new Set(['terraform_data']),
    });
    expect(plan.desired.map((d) => d.address)).toEqual([
      'terraform_data.names',
      'terraform_data.suffix',
    ]);
    expect(plan.desired[0]?.attributes).toEqual({
      input: [{ unknown: `${after} (depends on terraform_data.suffix.output)` }, 'fixed'],
      triggers_replace: null,
      id: { unknown: after },
      output: { unknown: after },
    });
  });

  it('keeps before values, import ids and prior state', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const find = (name: string) => plan.desired.find((d) => d.address === division(name));
    expect(find('adopted')?.before?.description).toBe('');
    expect(find('adopted')?.attributes.description).toBe('now managed');
    expect(find('renamed')?.before?.name).toBe('Before');
    expect(find('renamed')?.attributes.name).toBe('After');
    expect(find('replaced')?.before?.home).toBe(false);
    expect(find('replaced')?.attributes).toMatchObject({ home: true, id: { unknown: after } });
    expect(find('plain')?.before).toBeUndefined();
    expect(find('retired')?.attributes).toEqual({});
    expect(find('retired')?.before?.name).toBe('Retired');
    // Real Terraform puts an object being imported in the prior state already,
    // beside the ones the state held; the data source read while planning is left out.
    // A moved object is there at its new address.
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([
      [division('adopted'), adoptedId],
      [division('forgotten'), newId(4)],
      [division('imported'), importedId],
      [division('kept'), newId(1)],
      [division('moved'), newId(2)],
      [division('renamed'), newId(3)],
      [division('replaced'), newId(5)],
      [division('replaced_first'), newId(6)],
      [division('retired'), newId(7)],
      ['module.org["Zürich \\"HQ\\""].genesyscloud_auth_division.team', hqId],
    ]);
  });

  it('reads every managed type without a filter, leaving data sources out', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'));
    expect(new Set(plan.desired.map((d) => d.type))).toEqual(
      new Set(['genesyscloud_auth_division', 'terraform_data']),
    );
    expect(plan.managed.every((m) => m.type === 'genesyscloud_auth_division')).toBe(true);
  });
});

describe('readPlan: modules.json', () => {
  it('reads for_each and count keys through nested modules', async () => {
    const plan = await readPlan(fixture('plans/modules.json'), { types: divisions });
    expect(plan.desired.map((d) => [d.address, d.action])).toEqual([
      [division('counted[0]'), 'no-op'],
      [division('counted[1]'), 'delete'],
      [division('home'), 'no-op'],
      [`${hq}.genesyscloud_auth_division.unit`, 'update'],
      [team('Legacy'), 'no-op'],
      [team('New'), 'create'],
      [team(support), 'delete'],
    ]);
  });

  it('explains unknowns inside nested modules and keeps known values', async () => {
    const plan = await readPlan(fixture('plans/modules.json'), { types: divisions });
    const find = (address: string) => plan.desired.find((d) => d.address === address);
    expect(find(`${hq}.genesyscloud_auth_division.unit`)?.attributes).toEqual({
      id: newId(3),
      name: 'Zürich "HQ"',
      description: 'Business unit',
      home: false,
    });
    expect(find(team('New'))?.attributes).toEqual({
      name: { unknown: `${after} (depends on var.prefix, var.suffix)` },
      id: { unknown: after },
      description: null,
      home: false,
    });
    expect(find(team(support))?.attributes).toEqual({});
    expect(find(team(support))?.before?.name).toBe('Zürich "HQ" 1 Support ${tier} – 2\té');
  });

  it('reads prior state through nested modules', async () => {
    const plan = await readPlan(fixture('plans/modules.json'));
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([
      [division('counted[0]'), newId(1)],
      [division('counted[1]'), newId(2)],
      [division('home'), homeId],
      [`${hq}.genesyscloud_auth_division.unit`, newId(3)],
      [team('Legacy'), newId(4)],
      [team(support), newId(5)],
    ]);
  });
});

describe('readPlan: no-changes.json', () => {
  it('reads a plan without changes as no-ops of what the state holds', async () => {
    const plan = await readPlan(fixture('plans/no-changes.json'));
    expect(plan.desired.map((d) => d.action)).toEqual(Array(6).fill('no-op'));
    expect(plan.desired.map((d) => d.address)).toEqual(plan.managed.map((m) => m.address));
    expect(plan.desired.map((d) => d.attributes)).toEqual(plan.desired.map((d) => d.before));
  });
});

describe('readPlan: deposed.json', () => {
  it('leaves out a deposed object and its delete', async () => {
    const plan = await readPlan(fixture('plans/deposed.json'), { types: divisions });
    expect(plan.desired.map((d) => [d.address, d.action, d.attributes.id])).toEqual([
      [division('busy'), 'no-op', homeId],
    ]);
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([[division('busy'), homeId]]);
  });
});

describe('readPlan refuses bad input with one clear line', () => {
  it.each([
    ['plans/truncated.json', /truncated\.json is not valid JSON \(.*line 1 column \d+/],
    [
      'states/modules.tfstate',
      /modules\.tfstate is a Terraform state file \(terraform\.tfstate\), not a plan: pass it as --state$/,
    ],
    [
      'states/modules.show.json',
      /modules\.show\.json is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state$/,
    ],
    ['plans/missing.json', /cannot read plan .*missing\.json: no such file/],
    ['plans', /plan .*plans is not a regular file \(a folder\)/],
  ])('%s', async (file, message) => {
    const error = await readPlan(fixture(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).message).not.toContain('\n');
  });

  it('lists every shape problem with its JSON path', async () => {
    const error = (await readPlan(fixture('plans/bad-shape.json')).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/bad-shape\.json is not a valid Terraform plan: /);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'resource_changes.1.change.actions',
      'resource_changes.2.address',
      'resource_changes.2.name',
      'resource_changes.2.change.actions',
    ]);
  });

  it.each([
    ['', /p\.json is empty/],
    ['\ufeff{"format_version": "1.2"', /p\.json is not valid JSON .*the file ends too early/],
    ['{\n  "format_version": "1.2",\n  "x": tru\n}', /p\.json is not valid JSON \(.*\)/],
  ])('text %j', async (text, message) => {
    const file = await tempFile('p.json', text);
    const error = (await readPlan(file).catch((e: unknown) => e)) as InputError;
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a recorded plan carrying format_version 2.0, which Terraform 1.x never writes', async () => {
    const plan = JSON.parse(await readFile(fixture('plans/mixed.json'), 'utf8')) as object;
    const file = await tempFile('p.json', JSON.stringify({ ...plan, format_version: '2.0' }));
    const error = (await readPlan(file).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/p\.json: format_version 2\.0 is not supported/);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    [
      { format_version: '1.2', resource_changes: [change('t.n', ['bogus'])] },
      /unknown actions \[bogus\] for t\.n/,
    ],
    [
      { format_version: '1.2', resource_changes: [change('t.n[x]', ['create'])] },
      /p\.json: invalid resource address "t\.n\[x\]"/,
    ],
    [{ format_version: 1 }, /format_version 1 is not supported/],
    [{ format_version: '10.0' }, /format_version 10\.0 is not supported/],
  ])('%j', (json, message) => {
    expect(() => parsePlan(json, 'p.json')).toThrow(message);
  });

  it('accepts a plan with no changes: planned_values and no resource_changes', () => {
    // What `terraform show -json` prints for a plan of a configuration with no resources.
    const empty = { format_version: '1.2', planned_values: { root_module: {} } };
    expect(parsePlan(empty, 'p.json')).toEqual({
      terraformVersion: undefined,
      desired: [],
      managed: [],
    });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an empty state shown as JSON',
      { format_version: '1.0' },
      /^p\.json is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state$/,
    ],
    [
      'a state shown as JSON',
      { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: {} } },
      /is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state$/,
    ],
    [
      'a raw state v4',
      { version: 4, terraform_version: '1.11.4', serial: 3, lineage: 'x', resources: [] },
      /is a Terraform state file \(terraform\.tfstate\), not a plan: pass it as --state$/,
    ],
    [
      'a package.json',
      { name: 'x', version: '1.0.0', scripts: { test: 'vitest' } },
      /is an npm package\.json, not a Terraform plan$/,
    ],
    [
      'a SARIF file',
      { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [] },
      /is a SARIF report, not a Terraform plan$/,
    ],
    [
      'a gcadopt report',
      { version: 1, summary: { blocking: 0 }, findings: [] },
      /is a gcadopt report \(check --format json\), not a Terraform plan$/,
    ],
    [
      'backend settings',
      { version: 3, terraform_version: '1.11.4', backend: { type: 's3', config: {} } },
      /is Terraform's backend settings \(\.terraform\/terraform\.tfstate\), not a Terraform plan$/,
    ],
    [
      'provider schemas',
      { format_version: '1.0', provider_schemas: {} },
      /is Terraform provider schemas \(terraform providers schema -json\), not a Terraform plan$/,
    ],
    ['an array', [1, 2], /is a JSON array, not a Terraform plan$/],
    ['a string', 'plan', /is a JSON string, not a Terraform plan$/],
    ['null', null, /is a JSON null, not a Terraform plan$/],
    [
      'another object',
      { alpha: 1, beta: 2, '\u001b[31m\u202ered': 3, delta: 4 },
      /is a JSON object with the keys "alpha", "beta", "\\u001b\[31m\?red", \.\.\., not a Terraform plan$/,
    ],
  ])('refuses %s, naming what it looks like', (_what, json, message) => {
    const error = (() => {
      try {
        parsePlan(json, 'p.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });

  it('refuses a saved plan file (the zip terraform plan -out writes) with the command that converts it', async () => {
    const file = await tempFile(
      'tfplan',
      Buffer.from('PK\u0003\u0004\u0014\u0000\u0008\u0000tfplan'),
    );
    const error = (await readPlan(file).catch((e: unknown) => e)) as InputError;
    expect(error.message).toMatch(/tfplan is a saved plan file \(a zip archive\), not JSON$/);
    expect(error.hint).toMatch(/terraform show -json .*tfplan > plan\.json/);
  });
});

function change(address: string, actions: string[]) {
  const [type = '', name = ''] = address.split('.');
  return { address, mode: 'managed', type, name, change: { actions } };
}
