import { description, divisionId } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_routing_queue`: `name` takes `*` at either end as a server-side filter. */
export const queueKind = defineKind({
  tfType: 'genesyscloud_routing_queue',
  family: { path: '/api/v2/routing/queues', noun: 'queue', plural: 'queues' },
  attributes: { description, division_id: divisionId },
});
