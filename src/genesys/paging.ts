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
  /** Pages requested ahead of the reader after the first. @default 8 */
  readonly concurrency?: number | undefined;
  /** Extra query parameters (filters). */
  readonly query?: RequestOptions['query'];
  readonly signal?: AbortSignal | undefined;
  /** Whole-listing passes before giving up on a listing that keeps changing. @default 3 */
  readonly maxPasses?: number | undefined;
}

/** How a pass went, filled in when it ends. */
interface Verdict {
  consistent: boolean;
}

function pageCountOf(first: Page<unknown>, pageSize: number): number {
  const total = first.total ?? first.entities?.length ?? 0;
  return first.pageCount ?? Math.ceil(total / pageSize);
}

async function readPage<T>(
  state: HttpState,
  path: string,
  options: PagingOptions,
  pageNumber: number,
  signal: AbortSignal | undefined,
): Promise<Page<T>> {
  const query = { ...options.query, pageSize: options.pageSize ?? 100, pageNumber };
  return (await request<Page<T>>(state, 'GET', path, { query, signal })).body;
}

/** A page as read, or page 1 read again to confirm the listing held still. */
interface PageRead<T> {
  readonly page: Page<T>;
  readonly confirming: boolean;
}

/**
 * The pages of a listing in order: page 1, then the rest with up to
 * `concurrency` requests running ahead of the reader. Nothing past page 1 is
 * requested before the reader asks for page 2, and when the reader stops, the
 * requests still running are cancelled and no more are made.
 *
 * When the pages after page 1 take more than one wave, page 1 is read again
 * as the last request of the window (if `confirmAlong()` still holds when its
 * turn comes) and comes last, marked `confirming`.
 */
async function* readPages<T>(
  state: HttpState,
  path: string,
  options: PagingOptions,
  confirmAlong: () => boolean,
): AsyncGenerator<PageRead<T>> {
  const pageSize = options.pageSize ?? 100;
  const stop = new AbortController();
  const signal =
    options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const get = (pageNumber: number): Promise<Page<T>> =>
    readPage<T>(state, path, options, pageNumber, signal);
  const ahead = Math.max(1, options.concurrency ?? 8);
  const running: { page: Promise<Page<T>>; confirming: boolean }[] = [];
  try {
    const first = await get(1);
    const pageCount = pageCountOf(first, pageSize);
    let next = 2;
    let along = pageCount - 1 > ahead;
    yield { page: first, confirming: false };
    const start = (pageNumber: number, confirming: boolean): void => {
      const page = get(pageNumber);
      // Awaited below in order; until then a failure must not go unhandled.
      page.catch(() => undefined);
      running.push({ page, confirming });
    };
    const fill = (): void => {
      while (next <= pageCount && running.length < ahead) start(next++, false);
      if (along && next > pageCount && running.length < ahead) {
        along = false;
        if (confirmAlong()) start(1, true);
      }
    };
    fill();
    for (let read = running.shift(); read !== undefined; read = running.shift()) {
      const page = await read.page;
      fill();
      yield { page, confirming: read.confirming };
    }
  } finally {
    stop.abort();
  }
}

/**
 * Same total and the same ids: page 1 did not move. The order is not compared:
 * the platform does not promise one among equal sort keys.
 */
function isSamePage(a: Page<{ id: string }>, b: Page<{ id: string }>): boolean {
  const ids = (p: Page<{ id: string }>): string =>
    (p.entities ?? [])
      .map((e) => e.id)
      .sort()
      .join('\n');
  return a.total === b.total && ids(a) === ids(b);
}

/**
 * The entities of one pass over a listing, a page at a time as they arrive
 * (an await per entity would cost more than parsing the page). When the pass
 * ends, `verdict.consistent` says whether it saw the listing as it was at one
 * moment: every page reported the same total, the entities number exactly
 * that total with no id twice, and page 1, read again, has not changed. A
 * listing has no snapshot: an object deleted and another created between two
 * page reads keep the total, and only reading page 1 again shows that the
 * pages moved.
 *
 * When the pages after page 1 take several waves, the re-read rides with the
 * last one (see readPages): it is sent once every earlier page has been
 * answered, so a change that moves page 1 during those waves shows in it, at
 * no round trip of its own. What it can miss is a change landing in the
 * moment between the server answering it and answering a last-wave page sent
 * just before it. When they fit in one wave, page 1 is read again after them,
 * as sent alongside it would follow none of them.
 */
async function* readPass<T extends { id: string }>(
  state: HttpState,
  path: string,
  options: PagingOptions,
  verdict: Verdict,
): AsyncGenerator<readonly T[]> {
  let first: Page<T> | undefined;
  let again: Page<T> | undefined;
  let pages = 0;
  let sameTotal = true;
  let count = 0;
  const ids = new Set<string>();
  // Worth confirming only while nothing has shown a change yet.
  const unchangedSoFar = (): boolean => sameTotal && ids.size === count;
  for await (const { page, confirming } of readPages<T>(state, path, options, unchangedSoFar)) {
    if (confirming) {
      again = page;
      continue;
    }
    first ??= page;
    pages += 1;
    if (page.total !== first.total) sameTotal = false;
    const entities = page.entities ?? [];
    count += entities.length;
    for (const entity of entities) ids.add(entity.id);
    yield entities;
  }
  const total = first?.total ?? count;
  let consistent = sameTotal && count === total && ids.size === total;
  if (consistent && pages > 1 && first !== undefined) {
    again ??= await readPage<T>(state, path, options, 1, options.signal);
    consistent = isSamePage(first, again);
  }
  verdict.consistent = consistent;
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
    const verdict: Verdict = { consistent: false };
    const byId = new Map<string, T>();
    for await (const entities of readPass<T>(state, path, options, verdict))
      for (const entity of entities) byId.set(entity.id, entity);
    if (verdict.consistent) return [...byId.values()];
    state.log(`paging: ${path} changed during pass ${pass}; reading it again`);
  }
  throw changedError(path, maxPasses);
}

/**
 * The entities of a listing as an async generator, page by page as they
 * arrive: each entity once, even when the listing changes and is re-read (an
 * entity seen before a change stays seen). Callers may `break` early: paging
 * stops there.
 */
export async function* paginate<T extends { id: string }>(
  state: HttpState,
  path: string,
  options: PagingOptions = {},
): AsyncGenerator<T> {
  const maxPasses = options.maxPasses ?? 3;
  const yielded = new Set<string>();
  for (let pass = 1; pass <= maxPasses; pass++) {
    const verdict: Verdict = { consistent: false };
    for await (const entities of readPass<T>(state, path, options, verdict)) {
      for (const entity of entities) {
        if (yielded.has(entity.id)) continue;
        yielded.add(entity.id);
        yield entity;
      }
    }
    if (verdict.consistent) return;
    state.log(`paging: ${path} changed during pass ${pass}; reading it again`);
  }
  throw changedError(path, maxPasses);
}
