import { crud } from '../family-permissions.js';
import type { EmulatedFamily } from '../families.js';
import { readBody } from './fields.js';

/**
 * `genesyscloud_routing_skill_group`: `/api/v2/routing/skillgroups`, paged by
 * cursor, `name` a case-insensitive prefix, updated with PATCH.
 */
export const skillGroupsFamily: EmulatedFamily = {
  key: 'skillgroups',
  path: '/api/v2/routing/skillgroups',
  noun: 'skill group',
  permissions: crud('routing:skillGroup'),
  nameFilter: 'prefix',
  softDelete: false,
  paging: 'cursor',
  updateMethod: 'PATCH',
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    return {
      ...read.text('description'),
      ...read.division(),
      skillConditions: read.list('skillConditions').skillConditions ?? [],
      memberCount: current?.memberCount ?? 0,
    };
  },
};
