import { requirePermissions } from './auth.js';
import type { EntityCollection, EntityRefusal, StoredEntity } from './collection.js';
import type { ApiRequest, DuplicateStatus, Reply } from './divisions.js';
import { resolveDuplicate, type DuplicateAnswers } from './duplicates.js';
import { EmulatorError, badRequest, notFound } from './errors.js';
import type { EmulatedFamily, FamilyContext } from './families.js';
import { renderCursorPage } from './cursor-page.js';
import { readList, renderPage } from './page.js';
import { findFamily, parentOf, underParent, type CollectionView, type FamilyAt } from './nested.js';

/** What the router needs of the org. */
export interface EntityScope {
  readonly collection: (family: EmulatedFamily) => EntityCollection;
  readonly context: FamilyContext;
  readonly pageSizeMax: number;
  /** The emulator-wide status, for types `duplicates` leaves out. */
  readonly duplicateStatus: DuplicateStatus;
  readonly duplicates: DuplicateAnswers;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Routes a request of one of `families`; undefined when the path is none of theirs. */
export function routeEntities(
  families: readonly EmulatedFamily[],
  scope: EntityScope,
  request: ApiRequest,
): Reply | undefined {
  const found = findFamily(families, request.path);
  if (found === undefined) return undefined;
  // `family` as the request sees it: a nested family's path holds its parent's id.
  const family = found.at;
  const collection = viewOf(families, scope, found);
  const rest = request.path.slice(family.path.length + 1);
  const allow = (methods: readonly string[]): void => {
    if (!methods.includes(request.method))
      throw new EmulatorError(
        405,
        'method.not.allowed',
        `Method ${request.method} is not allowed here.`,
      );
  };
  const need = (permission: string | undefined): void => {
    if (permission !== undefined) requirePermissions(request.client, [permission]);
  };
  if (rest === '') {
    allow(['GET', 'POST']);
    if (request.method === 'GET') {
      need(family.permissions.view);
      return { status: 200, body: list(family, collection, scope, request.query) };
    }
    need(family.permissions.add);
    const fields = readFields(family, scope.context, request.body);
    const created = collection.create(fields);
    if ('ok' in created)
      family.afterCreate?.(created.ok, (key) => scope.collection(familyOf(families, key)));
    return write(family, scope, created, family.createStatus ?? 200, fields);
  }
  if (rest === 'search' && family.search !== undefined) {
    allow(['POST']);
    need(family.permissions.view);
    return { status: 200, body: search(family, collection, scope, request.body) };
  }
  if (rest.includes('/')) throw notFound();
  if (family.idFromBody === undefined && !guid.test(rest))
    throw badRequest(`The id ${rest} is not a valid ${family.noun} id.`, 'invalid.id');
  // `update`: how a family's objects change (skills and languages have no PUT);
  // `updateMethod`: the verb of a full update where there is one (users PATCH).
  const mode = family.update ?? 'put';
  const update = mode === 'put' ? (family.updateMethod ?? 'PUT') : undefined;
  const patchDivision = mode === 'patch-division' ? ['PATCH'] : [];
  allow(['GET', 'DELETE', ...(update === undefined ? patchDivision : [update])]);
  if (request.method === 'GET') {
    need(family.permissions.view);
    const entity = collection.get(rest);
    if (entity === undefined) throw notFound(`The ${family.noun} ${rest} was not found.`);
    return { status: 200, body: render(family, entity) };
  }
  if (update !== undefined && request.method === update) {
    need(family.permissions.edit);
    const current = collection.get(rest);
    // A PATCH may leave the name out: it keeps the current one.
    const body =
      update === 'PATCH' && isObject(request.body) && current !== undefined
        ? { name: current.name, ...request.body }
        : request.body;
    const fields = readFields(family, scope.context, body, current);
    return write(family, scope, collection.update(rest, fields), 200, fields);
  }
  if (request.method === 'PATCH') {
    need(family.permissions.edit);
    const current = collection.get(rest);
    const fields = { ...moveDivision(scope.context, request.body), name: current?.name ?? '' };
    return write(family, scope, collection.update(rest, fields), 200, fields);
  }
  need(family.permissions.delete);
  const result = collection.delete(rest);
  if ('refused' in result) throw refusal(family, scope, result.refused, '');
  return { status: 204 };
}

/** The rows a request sees: the family's collection, or its rows under the parent named. */
function viewOf(
  families: readonly EmulatedFamily[],
  scope: EntityScope,
  found: FamilyAt,
): CollectionView {
  const collection = scope.collection(found.family);
  const parent = found.family.parent;
  if (parent === undefined || found.parentId === undefined) return collection;
  const parentFamily = familyOf(families, parent.key);
  const row = parentOf(scope.collection(parentFamily), found.parentId, parentFamily.noun);
  return underParent(collection, parent.field, row, parentFamily.path);
}

function familyOf(families: readonly EmulatedFamily[], key: string): EmulatedFamily {
  const family = families.find((f) => f.key === key);
  if (family === undefined) throw new Error(`no family ${key}`);
  return family;
}

function list(
  family: EmulatedFamily,
  collection: CollectionView,
  scope: EntityScope,
  query: URLSearchParams,
): Record<string, unknown> {
  const ids = readList(query, 'id');
  const name = query.get('name') ?? '';
  const filters = Object.entries(family.filters ?? {}).map(([key, read]) => ({
    read,
    wanted: readList(query, key),
  }));
  const listed = family.listFilter?.(query) ?? (() => true);
  const wanted = filters.filter((f) => f.wanted.size > 0);
  // One pass: a 50,000-row listing is read once per page request.
  const matches = collection
    .list()
    .filter(
      (e) =>
        listed(e) &&
        (ids.size === 0 || ids.has(e.id)) &&
        (name === '' || matchesName(family, e.name, name)) &&
        wanted.every((f) => [f.read(e) ?? []].flat().some((v) => f.wanted.has(v.toLowerCase()))),
    );
  const paged = family.paging === 'cursor' ? renderCursorPage : renderPage;
  return paged(family.path, query, scope.pageSizeMax, matches, (e) => render(family, e));
}

// Server-side name filters are not exact (genesys-kinds.md, rule 5): queues take
// `*` at either end, the others match a case-insensitive prefix.
function matchesName(family: EmulatedFamily, name: string, term: string): boolean {
  const have = name.toLowerCase();
  if (family.nameFilter === 'prefix') return have.startsWith(term.toLowerCase());
  if (family.nameFilter === 'none') return true;
  const starts = term.startsWith('*');
  const ends = term.endsWith('*') && term.length > 1;
  const core = term.slice(starts ? 1 : 0, ends ? -1 : undefined).toLowerCase();
  if (starts && ends) return have.includes(core);
  if (starts) return have.endsWith(core);
  if (ends) return have.startsWith(core);
  return have === core;
}

function readFields(
  family: EmulatedFamily,
  ctx: FamilyContext,
  body: unknown,
  current?: StoredEntity,
): Record<string, unknown> & { name: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  const fields = body as Record<string, unknown>;
  if (family.idFromBody !== undefined) {
    const id = current?.id ?? family.idFromBody(fields);
    const name = typeof fields.name === 'string' ? fields.name : (current?.name ?? id);
    return { ...family.fields(fields, ctx, current), id, name };
  }
  if (typeof fields.name !== 'string' || fields.name.trim() === '')
    throw new EmulatorError(400, 'invalid.value', `The ${family.noun} name is required.`, {
      details: [{ fieldName: 'name' }],
    });
  return { ...family.fields(fields, ctx, current), name: fields.name };
}

/** The body of `PATCH /api/v2/routing/skills/{id}`: `{divisionId}` (UpdateSkillDivisionRequest). */
function moveDivision(ctx: FamilyContext, body: unknown): Record<string, unknown> {
  const id = (body as { divisionId?: unknown } | null | undefined)?.divisionId;
  const found = typeof id === 'string' ? ctx.division(id) : undefined;
  if (found === undefined)
    throw new EmulatorError(400, 'invalid.value', 'The division does not exist.', {
      details: [{ fieldName: 'divisionId' }],
    });
  return { division: found };
}

/**
 * A search in the body shape of the search endpoints: `total, pageCount,
 * pageSize, pageNumber, types, results` (UsersSearchResponse).
 */
function search(
  family: EmulatedFamily,
  collection: CollectionView,
  scope: EntityScope,
  body: unknown,
): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object.');
  const matches = (family.search as NonNullable<EmulatedFamily['search']>)(body);
  const query = new URLSearchParams();
  for (const key of ['pageSize', 'pageNumber']) {
    const value = body[key];
    if (typeof value === 'number' || typeof value === 'string') query.set(key, String(value));
  }
  const all = searchable(collection, body).filter(matches);
  const page = renderPage(family.path, query, Math.min(scope.pageSizeMax, 100), all, (e) =>
    render(family, e),
  );
  return {
    total: page.total,
    pageCount: page.pageCount,
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    types: [family.key],
    results: page.entities,
  };
}

/**
 * The rows a search body can match: those its EXACT criteria on plain fields
 * narrow to by index (an EXACT match is equal at most ignoring case); every
 * row when none does. The family's own test then decides.
 */
function searchable(
  collection: CollectionView & Partial<Pick<EntityCollection, 'narrow'>>,
  body: Record<string, unknown>,
): StoredEntity[] {
  // A nested family's view has no index: its rows are few.
  if (collection.narrow === undefined) return collection.list();
  const exact = (Array.isArray(body.query) ? (body.query as unknown[]) : []).flatMap((c) => {
    if (!isObject(c) || c.type !== 'EXACT' || !Array.isArray(c.fields)) return [];
    const fields = c.fields as unknown[];
    if (fields.length === 0 || !fields.every((f) => typeof f === 'string' && !f.includes('.')))
      return [];
    const values = [c.value, ...(Array.isArray(c.values) ? (c.values as unknown[]) : [])]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.toLowerCase());
    return values.length === 0 ? [] : [{ fields: fields as string[], values }];
  });
  return collection.narrow(exact);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function write(
  family: EmulatedFamily,
  scope: EntityScope,
  result: ReturnType<EntityCollection['create']>,
  status: number,
  fields: Record<string, unknown> & { name: string },
): Reply {
  if ('refused' in result) {
    if (result.refused.reason === 'duplicate' && family.duplicateError !== undefined)
      throw family.duplicateError(fields, result.refused.holder);
    throw refusal(family, scope, result.refused, fields.name);
  }
  return { status, body: render(family, result.ok) };
}

function refusal(
  family: EmulatedFamily,
  scope: EntityScope,
  refused: EntityRefusal,
  name: string,
): EmulatorError {
  switch (refused.reason) {
    case 'duplicate': {
      const { status, code } = resolveDuplicate(
        family.key,
        scope.duplicates,
        scope.duplicateStatus,
      );
      return new EmulatorError(
        status,
        code,
        `A ${family.noun} with the name {name} already exists.`,
        {
          params: { name },
          details: [{ entityId: refused.holder.id, entityName: refused.holder.name }],
        },
      );
    }
    case 'not-found':
      return notFound(`The ${family.noun} was not found.`);
    case 'built-in':
      return badRequest(`The ${family.noun} is built in and cannot be deleted.`);
  }
}

/** The object as the API returns it: stored fields plus `selfUri`. */
function render(family: EmulatedFamily, entity: StoredEntity): Record<string, unknown> {
  return { ...entity, selfUri: `${family.path}/${entity.id}` };
}
