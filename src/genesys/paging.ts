import { GcadoptError } from '../errors.js';
import { request, type HttpState, type RequestOptions } from './http.js';

/** A Genesys listing page (only the fields paging relies on). */
interface Page<T> {
  readonly entities?: readonly T[];
  readonly total?: number;
  readonly pageCount?: number;
}

/** How to page. */
export interface PagingOptions {
  /** Entities per page. @default 100 (the largest size known safe) */
  readonly pageSize?: number | undefined;
  /** Pages fetched at once after the first. @default 8 */
  readonly concurrency?: number | undefined;
  /** Extra query parameters (filters). */
  readonly query?: RequestOptions['query'];
  readonly signal?: AbortSignal | undefined;
  /** Whole-listing passes before giving up on a listing that keeps changing. @default 3 */
  readonly maxPasses?: number | undefined;
}

interface Pass<T> {
  readonly items: T[];
  readonly consistent: boolean;
}

/**
 * Reads every page once: page 1 tells pageCount, the rest are fetched
 * concurrently. The pass is consistent when every page reported the same
 * total and the de-duplicated ids number exactly that total; otherwise the
 * listing changed under us (entities shift between pages) and must be re-read.
 */
async function readPass<T extends { id: string }>(
  state: HttpState,
  path: string,
  options: PagingOptions,
): Promise<Pass<T>> {
  const pageSize = options.pageSize ?? 100;
  const get = async (pageNumber: number): Promise<Page<T>> =>
    (
      await request<Page<T>>(state, 'GET', path, {
        query: { ...options.query, pageSize, pageNumber },
        signal: options.signal,
      })
    ).body;
  const first = await get(1);
  const total = first.total ?? first.entities?.length ?? 0;
  const pageCount = first.pageCount ?? Math.ceil(total / pageSize);
  const rest: Page<T>[] = new Array<Page<T>>(Math.max(0, pageCount - 1));
  let next = 2;
  const worker = async (): Promise<void> => {
    while (next <= pageCount) {
      const n = next++;
      rest[n - 2] = await get(n);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 8, Math.max(0, pageCount - 1)) }, worker),
  );
  const byId = new Map<string, T>();
  let sameTotal = true;
  for (const page of [first, ...rest]) {
    if ((page.total ?? total) !== total) sameTotal = false;
    for (const entity of page.entities ?? []) byId.set(entity.id, entity);
  }
  return { items: [...byId.values()], consistent: sameTotal && byId.size === total };
}

function changedError(path: string, passes: number): GcadoptError {
  return new GcadoptError(
    'api',
    `the listing of ${path} kept changing while it was read (${passes} attempts); no partial result is used`,
    {
      hint: 'someone is creating or deleting objects right now: run again in a moment',
    },
  );
}

/** Every entity of a listing, from one consistent pass. */
export async function listAll<T extends { id: string }>(
  state: HttpState,
  path: string,
  options: PagingOptions = {},
): Promise<T[]> {
  const maxPasses = options.maxPasses ?? 3;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const result = await readPass<T>(state, path, options);
    if (result.consistent) return result.items;
    state.log(`paging: ${path} changed during pass ${pass}; reading it again`);
  }
  throw changedError(path, maxPasses);
}

/**
 * The entities of a listing as an async generator: each entity once, even when
 * the listing changes and is re-read. Callers may `break` early.
 */
export async function* paginate<T extends { id: string }>(
  state: HttpState,
  path: string,
  options: PagingOptions = {},
): AsyncGenerator<T> {
  const maxPasses = options.maxPasses ?? 3;
  const yielded = new Set<string>();
  for (let pass = 1; pass <= maxPasses; pass++) {
    const result = await readPass<T>(state, path, options);
    for (const item of result.items) {
      if (yielded.has(item.id)) continue;
      yielded.add(item.id);
      yield item;
    }
    if (result.consistent) return;
  }
  throw changedError(path, maxPasses);
}
