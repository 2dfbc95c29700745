import type { StoredEntity } from '../collection.js';
import { EmulatorError } from '../errors.js';

// The search endpoints' bodies (UserSearchRequest, LocationSearchRequest):
// `{query: [{type, fields, value | values}]}`, every criterion must match.

const invalid = (field: string, message: string): EmulatorError =>
  new EmulatorError(400, 'invalid.value', message, { details: [{ fieldName: field }] });

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
 * A search body (users, locations). Every criterion must match. Deleted users are found
 * only by a criterion on `state` (the provider finds the user it restores
 * with `state` EXACT `deleted`).
 */
export function search(body: unknown): (entity: StoredEntity) => boolean {
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
