import { divisionId, field } from './attributes.js';
import { defineKind } from './define-kind.js';

/**
 * `genesyscloud_user`: unique by email, including deleted users, whose email
 * still blocks a create (the provider then restores the deleted user). An org
 * may hold 50,000 users: a check searches the configuration's emails instead
 * of listing them all when that is cheaper.
 */
export const userKind = defineKind({
  tfType: 'genesyscloud_user',
  family: { path: '/api/v2/users', noun: 'user', plural: 'users' },
  key: 'email',
  attributes: { name: field('name'), division_id: divisionId, state: field('state', 'active') },
  lookup: {
    field: 'email',
    also: [{ type: 'EXACT', fields: ['state'], values: ['active', 'inactive', 'deleted'] }],
  },
  listQuery: { state: 'any' },
  deletedHoldKey: true,
});
