import { description, divisionId } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_routing_wrapupcode`: in a division, like queues. */
export const wrapupcodeKind = defineKind({
  tfType: 'genesyscloud_routing_wrapupcode',
  attributes: { description, division_id: divisionId },
  family: { path: '/api/v2/routing/wrapupcodes', noun: 'wrap-up code', plural: 'wrap-up codes' },
});
