import { describe, expect, it } from 'vitest';
import { unknown } from '../../src/provider/cty-value.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { dynamic, startProvider, valueOf } from './plugin-client.js';
import { emulatorCredentials } from './terraform-helpers.js';

const type_name = 'genesyscloud_routing_skill';
const spanishId = '00000000-0000-4000-8000-00000000000a';

async function setUp() {
  const emulator = await startTestEmulator({
    seed: { skills: [{ id: spanishId, name: 'Spanish' }] },
  });
  const call = await startProvider(emulatorCredentials(emulator));
  await call('ConfigureProvider', { config: dynamic(null) });
  return { call, emulator };
}

describe('genesyscloud_routing_skill over the plugin protocol', () => {
  it('creates with a bare POST: a taken name fails with the API message, a new one gets its id', async () => {
    const { call } = await setUp();
    const plan = await call('PlanResourceChange', {
      type_name,
      prior_state: dynamic(null),
      proposed_new_state: dynamic({ id: null, name: 'Spanish' }),
      config: dynamic({ id: null, name: 'Spanish' }),
    });
    expect(valueOf(plan.planned_state)).toEqual({ id: unknown, name: 'Spanish' });
    const taken = await call('ApplyResourceChange', {
      type_name,
      prior_state: dynamic(null),
      planned_state: plan.planned_state,
    });
    expect(valueOf(taken.new_state)).toBeNull();
    expect(taken.diagnostics).toEqual([
      expect.objectContaining({
        summary: 'Failed to create skill Spanish: A skill with the name Spanish already exists.',
      }),
    ]);

    const created = await call('ApplyResourceChange', {
      type_name,
      prior_state: dynamic(null),
      planned_state: dynamic({ id: unknown, name: 'French' }),
    });
    expect(created.diagnostics).toEqual([]);
    const state = valueOf(created.new_state);
    expect(state?.name).toBe('French');
    expect(typeof state?.id).toBe('string');
  });

  it('replaces on rename, reads by id, and a deleted skill is gone from state', async () => {
    const { call } = await setUp();
    const prior = { id: spanishId, name: 'Spanish' };
    const rename = await call('PlanResourceChange', {
      type_name,
      prior_state: dynamic(prior),
      proposed_new_state: dynamic({ ...prior, name: 'Castilian' }),
      config: dynamic({ id: null, name: 'Castilian' }),
    });
    expect(rename.requires_replace).toEqual([
      { steps: [{ attribute_name: 'name', selector: 'attribute_name' }] },
    ]);
    const read = await call('ReadResource', {
      type_name,
      current_state: dynamic({ id: spanishId, name: null }),
    });
    expect(valueOf(read.new_state)).toEqual(prior);

    const deleted = await call('ApplyResourceChange', {
      type_name,
      prior_state: dynamic(prior),
      planned_state: dynamic(null),
    });
    expect(deleted.diagnostics).toEqual([]);
    const gone = await call('ReadResource', { type_name, current_state: dynamic(prior) });
    expect(valueOf(gone.new_state)).toBeNull();
  });
});
