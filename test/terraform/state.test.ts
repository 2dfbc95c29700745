import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseState, readState } from '../../src/terraform/state.js';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const divisions = new Set(['genesyscloud_auth_division']);

describe('readState: v4 state files', () => {
  it('reads modules and index keys, skipping data sources and other types', async () => {
    const managed = await readState(fixture('states/v4.tfstate'), { types: divisions });
    expect(managed.map((m) => [m.address, m.id])).toEqual([
      ['genesyscloud_auth_division.home', '22222222-0000-4000-8000-000000000001'],
      [
        'module.org["emea"].genesyscloud_auth_division.team["Sales"]',
        '22222222-0000-4000-8000-000000000002',
      ],
      [
        'module.org["emea"].genesyscloud_auth_division.team["a \\"q\\""]',
        '22222222-0000-4000-8000-000000000003',
      ],
      ['genesyscloud_auth_division.counted[0]', '22222222-0000-4000-8000-000000000004'],
      ['genesyscloud_auth_division.counted[1]', '22222222-0000-4000-8000-000000000005'],
    ]);
    expect(managed[0]?.attributes).toEqual({
      id: '22222222-0000-4000-8000-000000000001',
      name: 'Home',
      description: '',
      home: true,
    });
  });

  it('quotes keys the way Terraform prints them; leaves deposed objects out', async () => {
    const managed = await readState(fixture('states/modules.tfstate'), { types: divisions });
    expect(managed.map((m) => [m.address, m.id])).toEqual([
      [
        'module.bu["Zürich \\"HQ\\""].module.teams[1].genesyscloud_auth_division.team["Support $${tier} – 2\\té"]',
        '6e4d9b3f-2a5c-4d7e-8f90-1b2c3d4e5f01',
      ],
      [
        'module.bu["Zürich \\"HQ\\""].module.teams[1].genesyscloud_auth_division.team["Legacy"]',
        '6e4d9b3f-2a5c-4d7e-8f90-1b2c3d4e5f02',
      ],
      ['genesyscloud_auth_division.legacy_flat', '6e4d9b3f-2a5c-4d7e-8f90-1b2c3d4e5f04'],
    ]);
    expect(managed[2]?.attributes).toEqual({
      id: '6e4d9b3f-2a5c-4d7e-8f90-1b2c3d4e5f04',
      name: 'Flat',
    });
  });

  it('reads every managed type without a filter', async () => {
    const managed = await readState(fixture('states/modules.tfstate'));
    expect(managed.map((m) => m.type)).toContain('random_pet');
    expect(managed.some((m) => m.address.includes('data.'))).toBe(false);
  });
});

describe('readState: terraform show -json', () => {
  it('reads nested child modules', async () => {
    const managed = await readState(fixture('states/show.json'), { types: divisions });
    expect(managed.map((m) => [m.address, m.id])).toEqual([
      ['genesyscloud_auth_division.home', '22222222-0000-4000-8000-000000000001'],
      [
        'module.org["emea"].genesyscloud_auth_division.team["Sales"]',
        '22222222-0000-4000-8000-000000000002',
      ],
      [
        'module.org["emea"].module.inner[0].genesyscloud_auth_division.deep',
        '22222222-0000-4000-8000-000000000009',
      ],
    ]);
  });

  it('reads an empty state', () => {
    expect(parseState({ format_version: '1.0' }, 's.json')).toEqual([]);
    expect(parseState({ format_version: '1.0', values: { root_module: {} } }, 's.json')).toEqual(
      [],
    );
    expect(parseState({ version: 4, resources: [] }, 's.json')).toEqual([]);
  });

  it('gives an empty id when the values hold none', () => {
    const state = {
      format_version: '1.0',
      values: { root_module: { resources: [{ address: 't.n', mode: 'managed', type: 't' }] } },
    };
    expect(parseState(state, 's.json')).toEqual([
      { type: 't', address: 't.n', id: '', attributes: {} },
    ]);
  });
});

describe('readState refuses bad input with one clear line', () => {
  it.each([
    ['states/v3.tfstate', /v3\.tfstate: state version 3 is not supported/],
    [
      'plans/mixed.json',
      /mixed\.json is a Terraform plan \(terraform show -json of a plan\), not a state: pass it as --plan$/,
    ],
    ['plans/truncated.json', /truncated\.json is not valid JSON/],
    ['states/missing.tfstate', /cannot read state file .*missing\.tfstate: no such file/],
  ])('%s', async (file, message) => {
    const error = await readState(fixture(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });

  it.each<[unknown, RegExp]>([
    [[], /s\.json is a JSON array, not a Terraform state$/],
    [{ serial: 1 }, /s\.json is a JSON object with the keys "serial", not a Terraform state$/],
    [{ version: 3, backend: { type: 'local' } }, /is Terraform's backend settings/],
    [{ name: 'x', version: '4', main: 'i.js' }, /is an npm package\.json, not a Terraform state$/],
    [{ format_version: '2.0' }, /format_version 2\.0 is not supported/],
    [
      {
        version: 4,
        resources: [{ mode: 'managed', type: 't', name: 'n', module: 'module.a[', instances: [] }],
      },
      /s\.json: invalid module path "module\.a\[": expected a quoted key or an index at column 10/,
    ],
    [
      {
        version: 4,
        resources: [{ mode: 'managed', type: 't', name: 'n', instances: [{ index_key: -1 }] }],
      },
      /s\.json is not a valid Terraform state: resources\.0\.instances\.0\.index_key/,
    ],
    [
      {
        format_version: '1.0',
        values: { root_module: { resources: [{ address: 'x', mode: 'managed', type: 't' }] } },
      },
      /s\.json: invalid resource address "x"/,
    ],
  ])('%j', (json, message) => {
    expect(() => parseState(json, 's.json')).toThrow(message);
  });
});
