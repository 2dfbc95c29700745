import { defineKind } from './define-kind.js';

/**
 * `genesyscloud_routing_skill`: the name is its only attribute (and ForceNew);
 * deleted skills stay in the listing with `state: "deleted"`.
 */
export const skillKind = defineKind({
  tfType: 'genesyscloud_routing_skill',
  family: { path: '/api/v2/routing/skills', noun: 'skill', plural: 'skills' },
});
