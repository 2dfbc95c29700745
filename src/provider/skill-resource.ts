import { ApiError } from '../genesys/api-error.js';
import { skillKind } from '../kinds/skill.js';

const routingSkills = skillKind.family;
import { GcadoptError } from '../errors.js';
import { stringOf, unknown } from './cty-value.js';
import type { ResourceType } from './resource-type.js';
import { createSchema } from './schema.js';

/**
 * genesyscloud_routing_skill as mypurecloud/genesyscloud defines it (schema
 * version 1): `name` required and ForceNew (a skill is never renamed), `id`
 * computed. Create is a bare POST, like a division's.
 */
export const skillResource: ResourceType = {
  typeName: 'genesyscloud_routing_skill',
  noun: 'skill',
  schema: createSchema(
    'Genesys Cloud routing skill',
    [
      { name: 'id', type: 'string', computed: true, description: 'skill id' },
      {
        name: 'name',
        type: 'string',
        required: true,
        description: 'skill name (forces replacement)',
      },
    ],
    1,
  ),
  plan(prior, proposed) {
    if (prior === null) return { planned: { ...proposed, id: unknown }, requiresReplace: [] };
    return { planned: proposed, requiresReplace: prior.name === proposed.name ? [] : ['name'] };
  },
  async apply(client, prior, planned) {
    const skills = client.entities(routingSkills);
    if (planned === null) {
      const id = stringOf(prior, 'id');
      if (id !== undefined) await skills.delete(id);
      return null;
    }
    if (prior !== null) return planned;
    const created = await skills.create({ name: stringOf(planned, 'name') ?? '' });
    return { ...planned, id: created.id };
  },
  async read(client, state) {
    const id = stringOf(state, 'id');
    if (id === undefined) throw new GcadoptError('input', 'the state of this skill has no id');
    try {
      const live = await client.entities(routingSkills).get(id);
      // A deleted skill is still answered, with state "deleted": it is gone all the same.
      if (live.state?.toLowerCase() === 'deleted') return null;
      return { id: live.id, name: live.name };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
};
