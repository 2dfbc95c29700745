import { authorizationRoles, groups } from '../genesys/resources/families.js';
import { description, field } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_group`: `type` (ForceNew) and `visibility` default to official and public. */
export const groupKind = defineKind({
  tfType: 'genesyscloud_group',
  family: groups,
  attributes: {
    description,
    type: field('type', 'official'),
    visibility: field('visibility', 'public'),
  },
});

/**
 * `genesyscloud_auth_role`. Every org has built-in roles, each with a
 * `defaultRoleId`: the provider adopts one when `default_role_id` is set, and
 * a block without it would be replaced on the next plan (the `home` trap).
 */
export const roleKind = defineKind({
  tfType: 'genesyscloud_auth_role',
  family: authorizationRoles,
  attributes: { description },
  builtIn: {
    attribute: 'default_role_id',
    value: (r) => (typeof r.defaultRoleId === 'string' ? r.defaultRoleId : undefined),
    finding: 'built-in',
    describe: (live) => `"${live.name}" is a built-in role`,
  },
});
