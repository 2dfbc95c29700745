import { defineKind } from './define-kind.js';

/** `genesyscloud_routing_language`: the name is its only attribute (and ForceNew). */
export const languageKind = defineKind({
  family: { path: '/api/v2/routing/languages', noun: 'language', plural: 'languages' },
  tfType: 'genesyscloud_routing_language',
});
