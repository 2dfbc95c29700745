import { description } from './attributes.js';
import { defineKind } from './define-kind.js';

/**
 * `genesyscloud_auth_role`. Every org has built-in roles, each with a
 * `defaultRoleId`: the provider adopts one when `default_role_id` is set, and
 * a block without it would be replaced on the next plan (the `home` trap).
 */
export const roleKind = defineKind({
  tfType: 'genesyscloud_auth_role',
  family: { path: '/api/v2/authorization/roles', noun: 'role', plural: 'roles' },
  builtIn: {
    finding: 'built-in',
    describe: (live) => `"${live.name}" is a built-in role`,
    attribute: 'default_role_id',
    value: (r) => (typeof r.defaultRoleId === 'string' ? r.defaultRoleId : undefined),
  },
  attributes: { description },
});
