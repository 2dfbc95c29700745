import { description, field } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_group`: `type` (ForceNew) and `visibility` default to official and public. */
export const groupKind = defineKind({
  tfType: 'genesyscloud_group',
  family: { path: '/api/v2/groups', noun: 'group', plural: 'groups' },
  attributes: {
    description,
    type: field('type', 'official'),
    visibility: field('visibility', 'public'),
  },
});
