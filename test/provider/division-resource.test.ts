import { describe, expect, it } from 'vitest';
import { unknown, type ObjectValue } from '../../src/provider/cty-value.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { emulatorCredentials } from './terraform-helpers.js';
import { dynamic, startProvider, valueOf, type Call } from './plugin-client.js';

const type_name = 'genesyscloud_auth_division';
const homeId = '00000000-0000-4000-8000-000000000001';
const salesId = '00000000-0000-4000-8000-000000000002';
const seed = {
  divisions: [
    { id: homeId, name: 'Home', description: '', home: true },
    { id: salesId, name: 'Sales', description: '' },
  ],
};

const noConfig = {
  oauthclient_id: null,
  oauthclient_secret: null,
  aws_region: null,
  access_token: null,
  sdk_debug: null,
};

async function setUp(): Promise<{
  call: Call;
  emulator: Awaited<ReturnType<typeof startTestEmulator>>;
}> {
  const emulator = await startTestEmulator({ seed });
  const call = await startProvider(emulatorCredentials(emulator));
  const configured = await call('ConfigureProvider', { config: dynamic(noConfig) });
  expect(configured.diagnostics).toEqual([]);
  return { call, emulator };
}

const division = (values: Partial<ObjectValue>): ObjectValue => ({
  id: null,
  name: null,
  description: null,
  home: null,
  ...values,
});

/** Plans and applies as Terraform does: the planned state goes to apply. */
async function planAndApply(call: Call, prior: ObjectValue | null, config: ObjectValue | null) {
  const plan = await call('PlanResourceChange', {
    type_name,
    prior_state: dynamic(prior),
    proposed_new_state: dynamic(config),
    config: dynamic(config),
  });
  const applied = await call('ApplyResourceChange', {
    type_name,
    prior_state: dynamic(prior),
    planned_state: plan.planned_state,
    config: dynamic(config),
  });
  return { plan, planned: valueOf(plan.planned_state), applied, state: valueOf(applied.new_state) };
}

describe('genesyscloud_auth_division over the plugin protocol (mutual TLS, real gRPC)', () => {
  it('declares the real provider schema: name required, description and home optional, id computed', async () => {
    const { call } = await setUp();
    const schema = (await call('GetProviderSchema', {})) as {
      resource_schemas: Record<string, { block: { attributes: Record<string, unknown>[] } }>;
    };
    const attributes = schema.resource_schemas[type_name]?.block.attributes.map((a) => ({
      name: a.name,
      type: Buffer.from(a.type as Uint8Array).toString(),
      required: a.required,
      optional: a.optional,
      computed: a.computed,
    }));
    expect(attributes).toEqual([
      { name: 'id', type: '"string"', required: false, optional: false, computed: true },
      { name: 'name', type: '"string"', required: true, optional: false, computed: false },
      { name: 'description', type: '"string"', required: false, optional: true, computed: false },
      { name: 'home', type: '"bool"', required: false, optional: true, computed: false },
    ]);
  });

  it('create with home = true adopts the home division and PUTs name and description; no POST', async () => {
    const { call, emulator } = await setUp();
    const { planned, state, applied } = await planAndApply(
      call,
      null,
      division({ name: 'Head Office', description: 'hq', home: true }),
    );
    expect(planned?.id).toBe(unknown);
    expect(applied.diagnostics).toEqual([]);
    expect(state).toEqual({ id: homeId, name: 'Head Office', description: 'hq', home: true });
    expect(emulator.store.list().map((d) => [d.id, d.name, d.description])).toEqual([
      [homeId, 'Head Office', 'hq'],
      [salesId, 'Sales', ''],
    ]);
  });

  it('a create whose name is taken fails with the API message and creates nothing', async () => {
    const { call, emulator } = await setUp();
    const { applied, state } = await planAndApply(call, null, division({ name: 'Sales' }));
    expect(state).toBeNull();
    expect(applied.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'ERROR',
        summary: 'Failed to create division Sales: A division with the name Sales already exists.',
      }),
    ]);
    expect(emulator.store.list()).toHaveLength(2);
  });

  it('import by id then read fills the state; the home division is never deleted, others are', async () => {
    const { call, emulator } = await setUp();
    const imported = await call('ImportResourceState', { type_name, id: salesId });
    const [resource] = imported.imported_resources as { state: unknown }[];
    expect(valueOf(resource?.state)).toEqual(division({ id: salesId }));
    const read = await call('ReadResource', { type_name, current_state: resource?.state });
    const sales = valueOf(read.new_state);
    expect(sales).toEqual({ id: salesId, name: 'Sales', description: '', home: false });

    const home = division({ id: homeId, name: 'Home', description: '', home: true });
    expect((await planAndApply(call, home, null)).state).toBeNull();
    expect((await planAndApply(call, sales, null)).state).toBeNull();
    expect(emulator.store.list().map((d) => d.id)).toEqual([homeId]);

    // Gone from the org: read answers null, so Terraform drops it from state.
    const gone = await call('ReadResource', { type_name, current_state: dynamic(sales) });
    expect(valueOf(gone.new_state)).toBeNull();
    expect(gone.diagnostics).toEqual([]);
  });

  it('plans no change for null against "" or false (legacy SDK), an in-place rename, and replacement when home changes', async () => {
    const { call, emulator } = await setUp();
    const prior = division({ id: salesId, name: 'Sales', description: '', home: false });
    const same = await planAndApply(call, prior, division({ id: salesId, name: 'Sales' }));
    expect(same.planned).toEqual(prior);
    expect(same.plan.requires_replace).toEqual([]);

    const renamed = await planAndApply(call, prior, division({ id: salesId, name: 'Revenue' }));
    expect(renamed.plan.requires_replace).toEqual([]);
    expect(renamed.state).toEqual({ ...prior, name: 'Revenue' });
    expect(emulator.store.get(salesId)?.name).toBe('Revenue');

    const homePlan = await call('PlanResourceChange', {
      type_name,
      prior_state: dynamic(prior),
      proposed_new_state: dynamic({ ...prior, home: true }),
      config: dynamic(division({ name: 'Sales', home: true })),
    });
    expect(homePlan.requires_replace).toEqual([
      { steps: [{ attribute_name: 'home', selector: 'attribute_name' }] },
    ]);
  });
});
