import type { EntityFamily } from './entities.js';

// The API families of the object types gcadopt checks beyond divisions
// (genesys-kinds.md). Each is paged by pageNumber/pageSize; the page size is
// the one the provider itself asks for where it is known to work.

/** `/api/v2/routing/queues`: `name` takes `*` at either end. */
export const routingQueues: EntityFamily = {
  path: '/api/v2/routing/queues',
  noun: 'queue',
  plural: 'queues',
  pageSize: 100,
};

/** `/api/v2/routing/skills`: `name` is a prefix filter; deleted rows are listed. */
export const routingSkills: EntityFamily = {
  path: '/api/v2/routing/skills',
  noun: 'skill',
  plural: 'skills',
  pageSize: 100,
};

/** `/api/v2/routing/wrapupcodes`. */
export const routingWrapupcodes: EntityFamily = {
  path: '/api/v2/routing/wrapupcodes',
  noun: 'wrap-up code',
  plural: 'wrap-up codes',
  pageSize: 100,
};

/** `/api/v2/routing/languages`: deleted rows are listed. */
export const routingLanguages: EntityFamily = {
  path: '/api/v2/routing/languages',
  noun: 'language',
  plural: 'languages',
  pageSize: 100,
};

/** `/api/v2/groups`. */
export const groups: EntityFamily = {
  path: '/api/v2/groups',
  noun: 'group',
  plural: 'groups',
  pageSize: 100,
};

/** `/api/v2/authorization/roles`: built-in roles carry `defaultRoleId`. */
export const authorizationRoles: EntityFamily = {
  path: '/api/v2/authorization/roles',
  noun: 'role',
  plural: 'roles',
  pageSize: 100,
};

/** `/api/v2/authorization/divisions`. */
export const authorizationDivisions: EntityFamily = {
  path: '/api/v2/authorization/divisions',
  noun: 'division',
  plural: 'divisions',
  pageSize: 100,
};
