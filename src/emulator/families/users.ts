import { writes } from '../family-permissions.js';
import type { StoredEntity } from '../collection.js';
import { EmulatorError } from '../errors.js';
import type { EmulatedFamily, FamilyContext } from '../families.js';
import { search } from './search.js';

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
