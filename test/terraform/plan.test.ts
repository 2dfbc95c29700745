import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan, readPlan } from '../../src/terraform/plan.js';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const divisions = new Set(['genesyscloud_auth_division']);
const after = 'known only after apply';

describe('readPlan: mixed.json', () => {
  it('reads every planned change of the requested types, in plan order', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    expect(plan.terraformVersion).toBe('1.9.8');
    expect(plan.desired.map((d) => [d.address, d.action])).toEqual([
      ['genesyscloud_auth_division.plain', 'create'],
      ['module.org["emea"].genesyscloud_auth_division.team["we \\"quote\\" $${x} – ü"]', 'create'],
      ['genesyscloud_auth_division.counted[0]', 'create'],
      ['genesyscloud_auth_division.counted[1]', 'create'],
      ['genesyscloud_auth_division.replaced', 'replace'],
      ['genesyscloud_auth_division.random_name', 'create'],
      ['genesyscloud_auth_division.imported', 'no-op'],
      ['genesyscloud_auth_division.renamed', 'update'],
    ]);
  });

  it('says why a name is unknown, from the configuration', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const random = plan.desired.find((d) => d.address.endsWith('random_name'));
    expect(random?.attributes).toEqual({
      name: { unknown: `${after} (depends on random_id.suffix.hex)` },
      id: { unknown: after },
      description: 'd',
      home: null,
    });
  });

  it('keeps before values, import ids and prior state', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const imported = plan.desired.find((d) => d.address.endsWith('.imported'));
    expect(imported?.importId).toBe('11111111-0000-4000-8000-000000000002');
    const renamed = plan.desired.find((d) => d.address.endsWith('.renamed'));
    expect(renamed?.before?.name).toBe('Before');
    expect(renamed?.attributes.name).toBe('After');
    expect(plan.desired[0]?.before).toBeUndefined();
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([
      ['genesyscloud_auth_division.replaced', '11111111-0000-4000-8000-000000000001'],
      ['genesyscloud_auth_division.renamed', '11111111-0000-4000-8000-000000000003'],
    ]);
  });
});

describe('readPlan: modules.json', () => {
  it('folds actions; skips data sources and deposed objects', async () => {
    const plan = await readPlan(fixture('plans/modules.json'), { types: divisions });
    expect(plan.terraformVersion).toBe('1.10.5');
    expect(plan.desired.map((d) => [d.address, d.action, d.importId])).toEqual([
      ['module.bu["Zürich \\"HQ\\""].genesyscloud_auth_division.unit', 'create', undefined],
      [
        'module.bu["Zürich \\"HQ\\""].module.teams[1].genesyscloud_auth_division.team["Support $${tier} – 2"]',
        'create',
        undefined,
      ],
      [
        'module.bu["Zürich \\"HQ\\""].module.teams[1].genesyscloud_auth_division.team["Legacy"]',
        'no-op',
        undefined,
      ],
      ['genesyscloud_auth_division.cbd', 'replace', undefined],
      ['genesyscloud_auth_division.gone', 'delete', undefined],
      ['genesyscloud_auth_division.kept', 'delete', undefined],
      ['genesyscloud_auth_division.adopted', 'update', '5d3c8a2e-1f4b-4c6d-9e8f-0a1b2c3d4e06'],
    ]);
  });

  it('explains unknowns inside nested modules and keeps known values', async () => {
    const plan = await readPlan(fixture('plans/modules.json'), { types: divisions });
    expect(plan.desired[0]?.attributes.name).toBe('Zürich "HQ"');
    expect(plan.desired[1]?.attributes).toEqual({
      name: { unknown: `${after} (depends on var.suffix)` },
      id: { unknown: after },
      description: null,
      home: null,
    });
    expect(plan.desired[4]?.attributes).toEqual({});
    expect(plan.desired[4]?.before?.name).toBe('Retired');
  });

  it('marks unknown parts of nested values', async () => {
    const plan = await readPlan(fixture('plans/modules.json'), {
      types: new Set(['terraform_data']),
    });
    expect(plan.desired).toHaveLength(1);
    expect(plan.desired[0]?.attributes).toEqual({
      input: [{ unknown: `${after} (depends on random_pet.suffix.id)` }, 'fixed'],
      triggers_replace: null,
      id: { unknown: after },
      output: { unknown: after },
    });
  });

  it('reads prior state through nested modules, without data sources or deposed objects', async () => {
    const plan = await readPlan(fixture('plans/modules.json'));
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([
      ['genesyscloud_auth_division.cbd', '5d3c8a2e-1f4b-4c6d-9e8f-0a1b2c3d4e02'],
      ['genesyscloud_auth_division.gone', '5d3c8a2e-1f4b-4c6d-9e8f-0a1b2c3d4e04'],
      [
        'module.bu["Zürich \\"HQ\\""].module.teams[1].genesyscloud_auth_division.team["Legacy"]',
        '5d3c8a2e-1f4b-4c6d-9e8f-0a1b2c3d4e01',
      ],
    ]);
  });

  it('reads every managed type without a filter', async () => {
    const plan = await readPlan(fixture('plans/modules.json'));
    expect(new Set(plan.desired.map((d) => d.type))).toEqual(
      new Set(['genesyscloud_auth_division', 'terraform_data', 'random_pet']),
    );
  });
});

describe('readPlan refuses bad input with one clear line', () => {
  it.each([
    ['plans/format-2.json', /format-2\.json: format_version 2\.0 is not supported/],
    ['plans/truncated.json', /truncated\.json is not valid JSON \(.*line 1 column \d+/],
    [
      'states/v4.tfstate',
      /v4\.tfstate is a Terraform state file \(terraform\.tfstate\), not a plan: pass it as --state$/,
    ],
    [
      'states/show.json',
      /show\.json is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state$/,
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
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-plan-'));
    await writeFile(join(dir, 'p.json'), text);
    const error = (await readPlan(join(dir, 'p.json')).catch((e: unknown) => e)) as InputError;
    expect(error.message).toMatch(message);
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
    const dir = await mkdtemp(join(tmpdir(), 'gcadopt-plan-'));
    await writeFile(
      join(dir, 'tfplan'),
      Buffer.from('PK\u0003\u0004\u0014\u0000\u0008\u0000tfplan'),
    );
    const error = (await readPlan(join(dir, 'tfplan')).catch((e: unknown) => e)) as InputError;
    expect(error.message).toMatch(/tfplan is a saved plan file \(a zip archive\), not JSON$/);
    expect(error.hint).toMatch(/terraform show -json .*tfplan > plan\.json/);
  });
});

function change(address: string, actions: string[]) {
  const [type = '', name = ''] = address.split('.');
  return { address, mode: 'managed', type, name, change: { actions } };
}
