import { writes } from '../family-permissions.js';
import type { StoredEntity } from '../collection.js';
import { EmulatorError } from '../errors.js';
import type { EmulatedFamily, FamilyContext } from '../families.js';

// Users are unique by email, whatever the case, and a deleted user keeps its
// email: the real API refuses a create with it (genesys-kinds.md, rule 1).
const emailKey = (e: Record<string, unknown>): string =>
  typeof e.email === 'string' ? e.email.trim().toLowerCase() : '';

const invalid = (field: string, message: string): EmulatorError =>
  new EmulatorError(400, 'invalid.value', message, { details: [{ fieldName: field }] });

const text = (body: Record<string, unknown>, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(field, `The field ${field} must be a string.`);
  return value;
};

const userStates = ['active', 'inactive'] as const;
const listStates = ['active', 'inactive', 'deleted', 'any'] as const;

/** CreateUser takes `divisionId`; the object carries `division: {id, name, selfUri}`. */
function divisionOf(
  body: Record<string, unknown>,
  ctx: FamilyContext,
  current?: StoredEntity,
): unknown {
  const id = text(body, 'divisionId');
  if (id === undefined) return current?.division ?? ctx.home();
  const found = ctx.division(id);
  if (found === undefined) throw invalid('divisionId', 'The division does not exist.');
  return found;
}

function fields(
  body: Record<string, unknown>,
  ctx: FamilyContext,
  current?: StoredEntity,
): Record<string, unknown> {
  const email = text(body, 'email') ?? (current?.email as string | undefined);
  if (email === undefined || !email.includes('@'))
    throw invalid('email', 'The field email must be an email address.');
  const state = text(body, 'state') ?? current?.state ?? 'active';
  if (!(userStates as readonly string[]).includes(state))
    throw invalid('state', `The field state must be one of ${userStates.join(', ')}.`);
  const optional = (field: string): Record<string, unknown> => {
    const value = text(body, field) ?? current?.[field];
    return value === undefined ? {} : { [field]: value };
  };
  return {
    email,
    username: email,
    state,
    division: divisionOf(body, ctx, current),
    ...optional('department'),
    ...optional('title'),
    version: Number(current?.version ?? 0) + 1,
  };
}

/** The field a search criterion names, as the index holds it. */
function searchable(entity: StoredEntity, field: string): string | undefined {
  const value = field === 'division.id' ? (entity.division as { id?: unknown })?.id : entity[field];
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

const criterionTypes = ['EXACT', 'STARTS_WITH', 'CONTAINS'] as const;

/** One UserSearchCriteria: `type`, `fields`, and `value` or `values`. */
function readCriterion(raw: unknown): (entity: StoredEntity) => boolean {
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const type = c.type;
  if (typeof type !== 'string' || !(criterionTypes as readonly string[]).includes(type))
    throw invalid('query.type', `The search type must be one of ${criterionTypes.join(', ')}.`);
  const fieldList = Array.isArray(c.fields) ? c.fields.filter((f) => typeof f === 'string') : [];
  if (fieldList.length === 0) throw invalid('query.fields', 'A search criterion needs fields.');
  const values = [
    ...(typeof c.value === 'string' ? [c.value] : []),
    ...(Array.isArray(c.values) ? c.values.filter((v) => typeof v === 'string') : []),
  ].map((v) => v.toLowerCase());
  if (values.length === 0) throw invalid('query.value', 'A search criterion needs a value.');
  const test = (have: string, want: string): boolean =>
    type === 'EXACT'
      ? have === want
      : type === 'STARTS_WITH'
        ? have.startsWith(want)
        : have.includes(want);
  return (entity) =>
    fieldList.some((field) => {
      const have = searchable(entity, field);
      return have !== undefined && values.some((want) => test(have, want));
    });
}

/**
 * A users search body. Every criterion must match. Deleted users are found
 * only by a criterion on `state` (the provider finds the user it restores
 * with `state` EXACT `deleted`).
 */
function search(body: unknown): (entity: StoredEntity) => boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (!Array.isArray(query) || query.length === 0)
    throw invalid('query', 'The search request needs a query.');
  const tests = query.map(readCriterion);
  const byState = query.some(
    (c) =>
      Array.isArray((c as { fields?: unknown }).fields) &&
      (c as { fields: unknown[] }).fields.includes('state'),
  );
  return (entity) => (byState || entity.state !== 'deleted') && tests.every((t) => t(entity));
}

/** `GET /api/v2/users?state=`: active unless told (`any` is every state). */
function listFilter(query: URLSearchParams): (entity: StoredEntity) => boolean {
  const state = query.get('state') ?? 'active';
  if (!(listStates as readonly string[]).includes(state))
    throw invalid('state', `The value ${state} of state must be one of ${listStates.join(', ')}.`);
  return (entity) => state === 'any' || entity.state === state;
}

/** The one duplicate body on record (genesys-kinds.md, rule 1). */
function duplicateError(fieldsOf: Record<string, unknown>): EmulatorError {
  const email = typeof fieldsOf.email === 'string' ? fieldsOf.email : '';
  return new EmulatorError(
    400,
    'general.conflict',
    `Duplicate value for "person" contactInfo.email_main="${email}"`,
    { params: { fieldName: 'contactInfo.email_main', errorCode: 'GENERAL_CONFLICT' } },
  );
}

/** `genesyscloud_user`'s family: `/api/v2/users`. */
export const usersFamily: EmulatedFamily = {
  key: 'users',
  path: '/api/v2/users',
  noun: 'user',
  permissions: writes('directory:user'),
  nameFilter: 'none',
  softDelete: true,
  fields,
  sample: (i) => ({ email: `user${i}@example.com` }),
  uniqueKey: emailKey,
  deletedKeysBlock: true,
  updateMethod: 'PATCH',
  listFilter,
  duplicateError,
  search,
};
