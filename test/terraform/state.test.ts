import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../src/errors.js';
import { parseState, readState } from '../../src/terraform/state.js';

/**
 * The states under fixtures/states are recorded from real Terraform 1.11 with
 * the local provider (fixtures/configs, test/provider/plan-recording.ts;
 * `npm run record-fixtures`), but v3.tfstate: Terraform 0.11 wrote that
 * version, Terraform 1.11 cannot. The `attributes_flat` case is made from a
 * recorded state for the same reason.
 */
const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const divisions = new Set(['genesyscloud_auth_division']);
const division = (name: string) => `genesyscloud_auth_division.${name}`;
const newId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, 'a')}`;
const homeId = '00000000-0000-4000-8000-000000000001';
const hq = 'module.bu["Zürich \\"HQ\\""]';
const team = (key: string) => `${hq}.module.teams[1].genesyscloud_auth_division.team["${key}"]`;

/** What nested modules, for_each and count leave in state (the modules configuration). */
const modulesState = [
  [division('counted[0]'), newId(1)],
  [division('counted[1]'), newId(2)],
  [division('home'), homeId],
  [`${hq}.genesyscloud_auth_division.unit`, newId(3)],
  [team('Legacy'), newId(4)],
  [team('Support $${tier} – 2\\té'), newId(5)],
];

describe.each([
  ['a v4 state file', 'modules.tfstate', 'deposed.tfstate'],
  ['terraform show -json', 'modules.show.json', 'deposed.show.json'],
])('readState: %s', (_what, modules, deposed) => {
  it('reads nested modules with for_each and count keys quoted as Terraform prints them', async () => {
    const managed = await readState(fixture(`states/${modules}`), { types: divisions });
    expect(managed.map((m) => [m.address, m.id])).toEqual(modulesState);
    expect(managed[2]?.attributes).toEqual({
      id: homeId,
      name: 'Home',
      description: null,
      home: true,
    });
  });

  it('leaves out data sources, deposed objects and types not asked for', async () => {
    const all = await readState(fixture(`states/${deposed}`));
    expect(all.map((m) => [m.address, m.id])).toEqual([
      [division('busy'), homeId],
      ['terraform_data.marker', expect.any(String)],
    ]);
    const wanted = await readState(fixture(`states/${deposed}`), { types: divisions });
    expect(wanted.map((m) => m.address)).toEqual([division('busy')]);
  });
});

describe('readState: attributes_flat', () => {
  it('reads the top-level values of an instance not rewritten since Terraform 0.11', async () => {
    const state = JSON.parse(await readFile(fixture('states/modules.tfstate'), 'utf8')) as {
      resources: { instances: Record<string, unknown>[] }[];
    };
    const [instance] = state.resources[0]?.instances ?? [];
    if (instance === undefined) throw new Error('the recorded state has no instance');
    delete instance.attributes;
    instance.attributes_flat = { id: newId(1), name: 'Flat', 'tags.%': '1', 'tags.a': 'b' };
    const managed = parseState(state, 's.json', { types: divisions });
    expect(managed[0]).toEqual({
      type: 'genesyscloud_auth_division',
      address: division('counted[0]'),
      id: newId(1),
      attributes: { id: newId(1), name: 'Flat' },
    });
    expect(managed).toHaveLength(modulesState.length);
  });
});

describe('readState: edge cases', () => {
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
