import { GcadoptError } from '../../errors.js';
import { request, type HttpState } from '../http.js';
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
}

/** Options of a listing call. */
export type EntityListOptions = Pick<PagingOptions, 'signal' | 'pageSize' | 'query'>;

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
export function parseEntity(value: unknown, noun: string): Entity {
  const issues: ShapeIssues = [];
  const e = checkObject(issues, value);
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
  const paging = (options: EntityListOptions): PagingOptions => ({
    ...options,
    pageSize: options.pageSize ?? family.pageSize ?? 100,
  });
  const parse = (value: unknown): Entity => parseEntity(value, family.noun);
  return {
    family,
    async list(options = {}) {
      const items = await listAll<{ id: string }>(state, family.path, paging(options));
      return items.map(parse).filter(live);
    },
    async *iterate(options = {}) {
      for await (const item of paginate<{ id: string }>(state, family.path, paging(options))) {
        const entity = parse(item);
        if (live(entity)) yield entity;
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
