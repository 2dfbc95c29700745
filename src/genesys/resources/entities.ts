import { GcadoptError } from '../../errors.js';
import { ApiError } from '../api-error.js';
import { request, type HttpState } from '../http.js';
import { listByCursor } from './cursor.js';
import { listAll, paginate, type PagingOptions } from '../paging.js';
import { checkObject, checkOptionalString, checkString, type ShapeIssues } from './shape.js';

/** What every listed Genesys object has. */
export interface Entity {
  readonly id: string;
  readonly name: string;
  /** `deleted` marks a soft-deleted row that some listings still return. */
  readonly state?: string | undefined;
  readonly [field: string]: unknown;
}

/** The API family an object type belongs to: its path and how to page it. */
export interface EntityFamily {
  /** e.g. `/api/v2/routing/queues`. */
  readonly path: string;
  /** One object, in messages: `queue`. */
  readonly noun: string;
  /** Several, in messages and on the command line: `queues`. */
  readonly plural: string;
  /** Entities per page. @default 100 (the largest size known safe for every family) */
  readonly pageSize?: number | undefined;
  /** `cursor`: pages follow the `after` inside `nextUri` (skill groups). @default 'page' */
  readonly paging?: 'page' | 'cursor' | undefined;
  /** The id is the object's name (email domains: the domain); `name` may be absent. @default false */
  readonly idIsName?: boolean | undefined;
}

/** Options of a listing call. */
export type EntityListOptions = Pick<PagingOptions, 'signal' | 'pageSize' | 'query'> & {
  /** Keep soft-deleted rows (a deleted user's email still blocks a create). @default false */
  readonly keepDeleted?: boolean | undefined;
};

/** One criterion of a search body (UserSearchCriteria): `type` EXACT, STARTS_WITH, ... */
export interface SearchCriterion {
  readonly type: string;
  readonly fields: readonly string[];
  readonly value?: string | undefined;
  readonly values?: readonly string[] | undefined;
}

/** The first page of a listing: enough to tell what the whole listing costs. */
export interface FirstPage {
  readonly entities: Entity[];
  readonly total: number;
  readonly pageCount: number;
}

/** One object type's endpoints: list, get, create, update, delete. */
export interface EntityResource {
  readonly family: EntityFamily;
  /**
   * Every live object, from one consistent listing. Soft-deleted rows
   * (`state: "deleted"`) are dropped, as the provider drops them.
   */
  list(options?: EntityListOptions): Promise<Entity[]>;
  /** The objects one at a time; callers may stop early. */
  iterate(options?: EntityListOptions): AsyncGenerator<Entity>;
  /** Page 1 of the listing, soft-deleted rows included, with the listing's size. */
  firstPage(options?: EntityListOptions): Promise<FirstPage>;
  /**
   * Every object a `POST {path}/search` matches (all criteria must match), page
   * by page; soft-deleted rows are kept: a criterion asked for them.
   */
  search(
    query: readonly SearchCriterion[],
    options?: { signal?: AbortSignal | undefined },
  ): Promise<Entity[]>;
  /** One object, or undefined when the API answers 404. */
  find(id: string, options?: { signal?: AbortSignal | undefined }): Promise<Entity | undefined>;
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<Entity>;
  create(body: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<Entity>;
  update(
    id: string,
    body: Record<string, unknown>,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<Entity>;
  delete(id: string, options?: { signal?: AbortSignal | undefined }): Promise<void>;
}

/** Parses one listed object, failing with a clear error when it is not one. */
export function parseEntity(value: unknown, noun: string, idIsName = false): Entity {
  const issues: ShapeIssues = [];
  const object = checkObject(issues, value);
  const e = idIsName && object?.name === undefined ? { ...object, name: object?.id } : object;
  if (e !== undefined) {
    checkString(issues, e, 'id');
    checkString(issues, e, 'name');
    checkOptionalString(issues, e, 'state');
  }
  if (e === undefined || issues.length > 0) {
    throw new GcadoptError('api', `unexpected ${noun} in the API response: ${issues.join('; ')}`);
  }
  // Unknown fields pass, as the API adds fields over time.
  return { ...e } as unknown as Entity;
}

const live = (e: Entity): boolean => e.state?.toLowerCase() !== 'deleted';

/** Builds the resource of one object type over an HTTP state. */
export function createEntityResource(state: HttpState, family: EntityFamily): EntityResource {
  const byId = (id: string): string => `${family.path}/${encodeURIComponent(id)}`;
  const paging = ({ keepDeleted: _, ...options }: EntityListOptions): PagingOptions => ({
    ...options,
    pageSize: options.pageSize ?? family.pageSize ?? 100,
  });
  const kept = (options: EntityListOptions) => (e: Entity) =>
    options.keepDeleted === true || live(e);
  const parse = (value: unknown): Entity => parseEntity(value, family.noun, family.idIsName);
  return {
    family,
    async list(options = {}) {
      const items =
        family.paging === 'cursor'
          ? await listByCursor<{ id: string }>(state, family.path, {
              ...options,
              pageSize: options.pageSize ?? family.pageSize ?? 100,
            })
          : await listAll<{ id: string }>(state, family.path, paging(options));
      return items.map(parse).filter(kept(options));
    },
    async *iterate(options = {}) {
      if (family.paging === 'cursor') {
        yield* await this.list(options);
        return;
      }
      for await (const item of paginate<{ id: string }>(state, family.path, paging(options))) {
        const entity = parse(item);
        if (kept(options)(entity)) yield entity;
      }
    },
    async firstPage(options = {}) {
      const pageSize = options.pageSize ?? family.pageSize ?? 100;
      // A cursor listing's first page is the one without `after`; it has no page numbers.
      const query = {
        ...options.query,
        pageSize,
        ...(family.paging === 'cursor' ? {} : { pageNumber: 1 }),
      };
      const body = (
        await request<{ entities?: unknown[]; total?: number; pageCount?: number }>(
          state,
          'GET',
          family.path,
          { query, signal: options.signal },
        )
      ).body;
      const entities = (body.entities ?? []).map(parse);
      const total = body.total ?? entities.length;
      return { entities, total, pageCount: body.pageCount ?? Math.ceil(total / pageSize) };
    },
    async search(query, options = {}) {
      const found: Entity[] = [];
      // Search pages hold at most 100 results.
      for (let pageNumber = 1, pageCount = 1; pageNumber <= pageCount; pageNumber++) {
        const body = { query, pageSize: 100, pageNumber };
        const page = (
          await request<{ results?: unknown[]; pageCount?: number }>(
            state,
            'POST',
            `${family.path}/search`,
            { body, signal: options.signal },
          )
        ).body;
        found.push(...(page.results ?? []).map(parse));
        pageCount = page.pageCount ?? 1;
      }
      return found;
    },
    async find(id, options = {}) {
      try {
        return parse((await request(state, 'GET', byId(id), options)).body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      }
    },
    async get(id, options = {}) {
      return parse((await request(state, 'GET', byId(id), options)).body);
    },
    async create(body, options = {}) {
      return parse((await request(state, 'POST', family.path, { ...options, body })).body);
    },
    async update(id, body, options = {}) {
      return parse((await request(state, 'PUT', byId(id), { ...options, body })).body);
    },
    async delete(id, options = {}) {
      await request(state, 'DELETE', byId(id), options);
    },
  };
}
