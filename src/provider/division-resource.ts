import { ApiError } from '../genesys/api-error.js';
import type { GenesysClient } from '../genesys/client.js';
import { GcadoptError } from '../errors.js';
import { stringOf, unknown, type ObjectValue } from './cty-value.js';
import { createSchema } from './schema.js';
import type { PlannedChange, ResourceType } from './resource-type.js';

/**
 * genesyscloud_auth_division as mypurecloud/genesyscloud defines it: `name`
 * required (a change is an in-place PUT), `description` optional, `home`
 * optional with default false and ForceNew, `id` computed.
 */
export const divisionResource: ResourceType = {
  typeName: 'genesyscloud_auth_division',
  noun: 'division',
  schema: createSchema('Genesys Cloud division', [
    { name: 'id', type: 'string', computed: true, description: 'division id' },
    { name: 'name', type: 'string', required: true, description: 'division name' },
    { name: 'description', type: 'string', optional: true, description: 'division description' },
    {
      name: 'home',
      type: 'bool',
      optional: true,
      description: 'adopt the home division instead of creating one (forces replacement)',
    },
  ]),
  plan: planDivision,
  apply: applyDivision,
  read: readDivision,
};

// The real provider is built on Terraform's legacy SDK, where null and the zero
// value of an optional attribute are the same thing: an imported division whose
// description is "" and a block without description agree, and so do home=false
// and no home. Planning keeps the prior value in those cases.
function sameAsZero(planned: unknown, prior: unknown, zero: string | boolean): boolean {
  return (planned === null || planned === zero) && (prior === null || prior === zero);
}

function planDivision(prior: ObjectValue | null, proposed: ObjectValue): PlannedChange {
  const home = proposed.home ?? false;
  const planned: ObjectValue = { ...proposed, home };
  if (prior === null) return { planned: { ...planned, id: unknown }, requiresReplace: [] };
  if (sameAsZero(proposed.description, prior.description, ''))
    planned.description = prior.description ?? null;
  const priorHome = prior.home ?? false;
  return { planned, requiresReplace: priorHome === home ? [] : ['home'] };
}

async function applyDivision(
  client: GenesysClient,
  prior: ObjectValue | null,
  planned: ObjectValue | null,
): Promise<ObjectValue | null> {
  if (planned === null) {
    // The home division can never be deleted: dropping it from state is all there is to do.
    const id = stringOf(prior, 'id');
    if (id !== undefined && prior?.home !== true) await client.divisions.delete(id);
    return null;
  }
  const input = {
    name: stringOf(planned, 'name') ?? '',
    description: stringOf(planned, 'description') ?? '',
  };
  if (prior !== null) {
    const id = stringOf(prior, 'id') ?? '';
    await client.divisions.update(id, input);
    return { ...planned, id };
  }
  if (planned.home === true) {
    // Creating with home = true adopts the org's home division: no POST.
    const home = await client.divisions.home();
    await client.divisions.update(home.id, input);
    return { ...planned, id: home.id };
  }
  // A bare POST with no existence check, as the real provider does: a live
  // division of the same name fails the apply. That is the failure gcadopt predicts.
  const created = await client.divisions.create(input);
  return { ...planned, id: created.id };
}

async function readDivision(
  client: GenesysClient,
  state: ObjectValue,
): Promise<ObjectValue | null> {
  const id = stringOf(state, 'id');
  if (id === undefined) throw new GcadoptError('input', 'the state of this division has no id');
  try {
    const live = await client.divisions.get(id);
    return {
      id: live.id,
      name: live.name,
      description: live.description ?? null,
      home: live.homeDivision,
    };
  } catch (error) {
    // Gone from the org: Terraform drops it from state (and plans a create).
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
