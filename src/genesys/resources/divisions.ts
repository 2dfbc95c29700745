import { GcadoptError } from '../../errors.js';
import { request, type HttpState } from '../http.js';
import { listAll, paginate, type PagingOptions } from '../paging.js';
import {
  checkObject,
  checkOptionalBoolean,
  checkOptionalNumberRecord,
  checkOptionalString,
  checkString,
  type ShapeIssues,
} from './shape.js';

/** A division as the API returns it (loosely validated: unknown fields pass). */
export interface Division {
  readonly id: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly homeDivision: boolean;
  readonly objectCounts?: Readonly<Record<string, number>> | undefined;
  readonly selfUri?: string | undefined;
}

/** The writable fields of a division: all a PUT or POST sends. */
export interface DivisionInput {
  readonly name: string;
  readonly description?: string | null | undefined;
}

const base = '/api/v2/authorization/divisions';

/** Parses one API division, failing with a clear error if the shape is not a division. */
export function parseDivision(value: unknown): Division {
  const issues: ShapeIssues = [];
  const d = checkObject(issues, value);
  if (d !== undefined) {
    checkString(issues, d, 'id');
    checkString(issues, d, 'name');
    checkOptionalString(issues, d, 'description', true);
    checkOptionalBoolean(issues, d, 'homeDivision');
    checkOptionalNumberRecord(issues, d, 'objectCounts');
    checkOptionalString(issues, d, 'selfUri');
  }
  if (d === undefined || issues.length > 0) {
    throw new GcadoptError('api', `unexpected division in the API response: ${issues.join('; ')}`);
  }
  return {
    id: d.id as string,
    name: d.name as string,
    description: (d.description as string | null | undefined) ?? undefined,
    homeDivision: d.homeDivision === true,
    objectCounts: d.objectCounts as Readonly<Record<string, number>> | undefined,
    selfUri: d.selfUri as string | undefined,
  };
}

/** Options of a listing call. */
export interface ListOptions extends Pick<PagingOptions, 'signal' | 'pageSize' | 'concurrency'> {
  /** Only these ids (sent in chunks). */
  readonly ids?: readonly string[] | undefined;
}

/** /api/v2/authorization/divisions. */
export interface DivisionsResource {
  /** Every division (or those with `ids`), from one consistent listing. */
  list(options?: ListOptions): Promise<Division[]>;
  /** The divisions one at a time. */
  iterate(options?: Omit<ListOptions, 'ids'>): AsyncGenerator<Division>;
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<Division>;
  home(options?: { signal?: AbortSignal | undefined }): Promise<Division>;
  /** The most divisions the org may hold. */
  limit(options?: { signal?: AbortSignal | undefined }): Promise<number>;
  create(input: DivisionInput, options?: { signal?: AbortSignal | undefined }): Promise<Division>;
  update(
    id: string,
    input: DivisionInput,
    options?: {
      signal?: AbortSignal | undefined;
      /**
       * false sends the PUT once, whatever the retry policy: for a caller that
       * re-reads before writing again, since a lost answer may hide an applied write.
       * @default true
       */
      retry?: boolean | undefined;
    },
  ): Promise<Division>;
  delete(id: string, options?: { signal?: AbortSignal | undefined }): Promise<void>;
}

const idChunk = 50;

/** Builds the divisions resource over an HTTP state. */
export function createDivisions(state: HttpState): DivisionsResource {
  const path = (id: string): string => `${base}/${encodeURIComponent(id)}`;
  const body = (input: DivisionInput): Record<string, unknown> => ({
    name: input.name,
    description: input.description ?? '',
  });
  return {
    async list(options = {}) {
      if (options.ids === undefined)
        return (await listAll<{ id: string }>(state, base, options)).map(parseDivision);
      const unique = [...new Set(options.ids)];
      const chunks = Array.from({ length: Math.ceil(unique.length / idChunk) }, (_, i) =>
        unique.slice(i * idChunk, (i + 1) * idChunk),
      );
      const lists = await Promise.all(
        chunks.map((ids) =>
          listAll<{ id: string }>(state, base, { ...options, query: { id: ids } }),
        ),
      );
      return lists.flat().map(parseDivision);
    },
    async *iterate(options = {}) {
      for await (const item of paginate<{ id: string }>(state, base, options))
        yield parseDivision(item);
    },
    async get(id, options = {}) {
      return parseDivision((await request(state, 'GET', path(id), options)).body);
    },
    async home(options = {}) {
      return parseDivision((await request(state, 'GET', `${base}/home`, options)).body);
    },
    async limit(options = {}) {
      const { body: value } = await request<unknown>(state, 'GET', `${base}/limit`, options);
      if (typeof value !== 'number')
        throw new GcadoptError('api', 'unexpected answer from the division limit endpoint');
      return value;
    },
    async create(input, options = {}) {
      return parseDivision(
        (await request(state, 'POST', base, { ...options, body: body(input) })).body,
      );
    },
    async update(id, input, { retry = true, ...options } = {}) {
      const once = retry ? state : { ...state, policy: { ...state.policy, maxAttempts: 1 } };
      return parseDivision(
        (await request(once, 'PUT', path(id), { ...options, body: body(input) })).body,
      );
    },
    async delete(id, options = {}) {
      await request(state, 'DELETE', path(id), options);
    },
  };
}
