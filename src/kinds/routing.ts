import {
  routingLanguages,
  routingQueues,
  routingSkills,
  routingWrapupcodes,
} from '../genesys/resources/families.js';
import { description, divisionId } from './attributes.js';
import { defineKind } from './define-kind.js';

// Routing objects: each is created by the provider with a bare POST.

/** `genesyscloud_routing_queue`. */
export const queueKind = defineKind({
  tfType: 'genesyscloud_routing_queue',
  family: routingQueues,
  attributes: { description, division_id: divisionId },
});

/** `genesyscloud_routing_skill`: the name is its only attribute (and ForceNew). */
export const skillKind = defineKind({
  tfType: 'genesyscloud_routing_skill',
  family: routingSkills,
});

/** `genesyscloud_routing_wrapupcode`. */
export const wrapupcodeKind = defineKind({
  tfType: 'genesyscloud_routing_wrapupcode',
  family: routingWrapupcodes,
  attributes: { description, division_id: divisionId },
});

/** `genesyscloud_routing_language`: the name is its only attribute (and ForceNew). */
export const languageKind = defineKind({
  tfType: 'genesyscloud_routing_language',
  family: routingLanguages,
});
