import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlan } from '../../src/terraform/plan.js';
import { readState } from '../../src/terraform/state.js';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
const divisions = new Set(['genesyscloud_auth_division']);

describe('readPlan', () => {
  it('reads every planned change of the requested types', async () => {
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

  it('marks unknown values with the reason from the configuration', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const random = plan.desired.find((d) => d.address.endsWith('random_name'));
    expect(random?.attributes.name).toEqual({
      unknown: 'known only after apply (depends on random_id.suffix.hex, random_id.suffix)',
    });
    expect(random?.attributes.id).toEqual({ unknown: 'known only after apply' });
    expect(random?.attributes.description).toBe('d');
  });

  it('keeps before values, import ids and prior state', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'), { types: divisions });
    const imported = plan.desired.find((d) => d.address.endsWith('.imported'));
    expect(imported?.importId).toBe('11111111-0000-4000-8000-000000000002');
    const renamed = plan.desired.find((d) => d.address.endsWith('.renamed'));
    expect(renamed?.before?.name).toBe('Before');
    expect(renamed?.attributes.name).toBe('After');
    expect(plan.managed.map((m) => [m.address, m.id])).toEqual([
      ['genesyscloud_auth_division.replaced', '11111111-0000-4000-8000-000000000001'],
      ['genesyscloud_auth_division.renamed', '11111111-0000-4000-8000-000000000003'],
    ]);
  });

  it('reads all types without a filter', async () => {
    const plan = await readPlan(fixture('plans/mixed.json'));
    expect(plan.desired.some((d) => d.type === 'random_id')).toBe(true);
  });

  it.each([
    ['plans/format-2.json', /format_version 2\.0 is not supported/],
    ['plans/truncated.json', /truncated\.json is not valid JSON/],
    ['states/v4.tfstate', /is not a Terraform plan/],
    ['plans/missing.json', /cannot read plan .*missing\.json: no such file/],
  ])('refuses %s with one clear line', async (file, message) => {
    await expect(readPlan(fixture(file))).rejects.toThrow(message);
  });
});

describe('readState', () => {
  it('reads v4 state with modules and index keys, skipping data sources', async () => {
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
    expect(managed[0]?.attributes.home).toBe(true);
  });

  it('reads terraform show -json state, nested modules included', async () => {
    const managed = await readState(fixture('states/show.json'), { types: divisions });
    expect(managed.map((m) => m.address)).toEqual([
      'genesyscloud_auth_division.home',
      'module.org["emea"].genesyscloud_auth_division.team["Sales"]',
      'module.org["emea"].module.inner[0].genesyscloud_auth_division.deep',
    ]);
  });

  it.each([
    ['states/v3.tfstate', /state version 3 is not supported/],
    ['plans/truncated.json', /not valid JSON/],
  ])('refuses %s', async (file, message) => {
    await expect(readState(fixture(file))).rejects.toThrow(message);
  });
});
