import { requirePermissions } from './auth.js';
import { resolveDuplicate } from './duplicates.js';
import { EmulatorError, badRequest, notFound } from './errors.js';
import { readList, renderPage } from './page.js';
import type { SeedClient } from './seed.js';
import type { OrgStore, StoreRefusal, StoreResult, StoredDivision } from './store.js';

/** A reply the server writes: status, JSON body (undefined for 204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

/** One authenticated API request. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly client: SeedClient;
}

/** How the emulator answers a duplicate name (the real answer is unverified). */
export type DuplicateStatus = 409 | 400;

type Duplicate = ReturnType<typeof resolveDuplicate>;

const base = '/api/v2/authorization/divisions';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const view = 'authorization:division:view';

/** Routes /api/v2/authorization/divisions[...] requests; undefined when the path is not ours. */
export function routeDivisions(
  store: OrgStore,
  request: ApiRequest,
  duplicateStatus: DuplicateStatus,
): Reply | undefined {
  const { method, path } = request;
  if (path !== base && !path.startsWith(`${base}/`)) return undefined;
  const rest = path.slice(base.length + 1);
  const dup = resolveDuplicate('divisions', store.limits.duplicates, duplicateStatus);
  const allow = (methods: string[]): void => {
    if (!methods.includes(method)) {
      throw new EmulatorError(405, 'method.not.allowed', `Method ${method} is not allowed here.`);
    }
  };
  if (path === base) {
    allow(['GET', 'POST']);
    if (method === 'GET') return list(store, request);
    requirePermissions(request.client, ['authorization:division:add', 'authorization:grant:add']);
    const { name, description } = readBody(request.body);
    return write(store.create(name, description), 201, dup, name);
  }
  if (rest === 'home' || rest === 'limit') {
    allow(['GET']);
    requirePermissions(request.client, [view]);
    if (rest === 'limit') return { status: 200, body: store.limits.maxDivisions };
    return { status: 200, body: render(store.home(), false) };
  }
  if (rest.includes('/')) throw notFound();
  if (!guid.test(rest))
    throw badRequest(`The id ${rest} is not a valid division id.`, 'invalid.id');
  allow(['GET', 'PUT', 'DELETE']);
  return byId(store, request, rest, dup);
}

function byId(store: OrgStore, request: ApiRequest, id: string, dup: Duplicate): Reply {
  if (request.method === 'GET') {
    requirePermissions(request.client, [view]);
    const division = store.get(id);
    if (division === undefined) throw notFound(`Division ${id} was not found.`);
    return { status: 200, body: render(division, request.query.get('objectCount') === 'true') };
  }
  if (request.method === 'PUT') {
    requirePermissions(request.client, ['authorization:division:edit']);
    const { name, description } = readBody(request.body);
    return write(store.update(id, name, description), 200, dup, name);
  }
  requirePermissions(request.client, ['authorization:division:delete']);
  const result = store.delete(id);
  if ('refused' in result) throw refusal(result.refused, dup, '');
  return { status: 204 };
}

function write(result: StoreResult, status: number, dup: Duplicate, name: string): Reply {
  if ('refused' in result) throw refusal(result.refused, dup, name);
  return { status, body: render(result.ok, false) };
}

function refusal(refused: StoreRefusal, dup: Duplicate, name: string): EmulatorError {
  switch (refused.reason) {
    case 'duplicate':
      return new EmulatorError(
        dup.status,
        dup.code,
        'A division with the name {name} already exists.',
        {
          params: { name },
          details: [{ entityId: refused.holder.id, entityName: refused.holder.name }],
        },
      );
    case 'not-found':
      return notFound('The division was not found.');
    case 'home':
      return badRequest('The home division cannot be deleted.');
    case 'not-empty':
      return badRequest(
        `The division cannot be deleted: it still holds ${refused.count} object(s).`,
      );
    case 'limit':
      return badRequest(`The organization has reached its limit of ${refused.limit} divisions.`);
  }
}

function readBody(body: unknown): { name: string; description: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const { name, description } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new EmulatorError(400, 'invalid.value', 'The division name is required.', {
      details: [{ fieldName: 'name' }],
    });
  }
  if (description !== undefined && description !== null && typeof description !== 'string') {
    throw new EmulatorError(400, 'invalid.value', 'The division description must be a string.', {
      details: [{ fieldName: 'description' }],
    });
  }
  return {
    name,
    description: description === undefined || description === '' ? null : description,
  };
}

/** The division object of the API: nothing the real one lacks, nulls omitted. */
export function render(d: StoredDivision, withCounts: boolean): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    ...(d.description === null ? {} : { description: d.description }),
    homeDivision: d.home,
    ...(withCounts ? { objectCounts: { ...d.objectCounts } } : {}),
    selfUri: `${base}/${d.id}`,
  };
}

function list(store: OrgStore, request: ApiRequest): Reply {
  requirePermissions(request.client, [view]);
  const { query } = request;
  const ids = readList(query, 'id');
  // `name` is a search term, not an exact match (genesys-api.md).
  const term = query.get('name')?.trim().toLowerCase();
  const all = store.list();
  const matches =
    ids.size === 0 && (term === undefined || term === '')
      ? all
      : all
          .filter((d) => ids.size === 0 || ids.has(d.id))
          .filter((d) => term === undefined || term === '' || d.name.toLowerCase().includes(term));
  const withCounts = query.get('objectCount') === 'true';
  const body = renderPage(base, query, store.limits.pageSizeMax, matches, (d) =>
    render(d, withCounts),
  );
  return { status: 200, body };
}
