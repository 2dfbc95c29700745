import { description, divisionId } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_routing_skill_group`: listed by cursor (`after` from `nextUri`). */
export const skillGroupKind = defineKind({
  family: {
    path: '/api/v2/routing/skillgroups',
    paging: 'cursor',
    noun: 'skill group',
    plural: 'skill groups',
  },
  tfType: 'genesyscloud_routing_skill_group',
  attributes: { description, division_id: divisionId },
});
