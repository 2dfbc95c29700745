import { GcadoptError } from '../../errors.js';
import { request, type HttpState, type RequestOptions } from '../http.js';

/** Most pages a cursor listing may take before it is taken for a loop. */
const maxPages = 10_000;

/**
 * Every entity of a cursor listing (`routing/skillgroups`): the next page's
 * `after` is the query parameter of the same name inside `nextUri`. Pages
 * are read one after the other: a cursor cannot be guessed ahead.
 */
export async function listByCursor<T>(
  state: HttpState,
  path: string,
  options: {
    readonly pageSize: number;
    readonly query?: RequestOptions['query'];
    readonly signal?: AbortSignal | undefined;
  },
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = {
      ...options.query,
      pageSize: options.pageSize,
      ...(after === undefined ? {} : { after }),
    };
    const body = (
      await request<{ entities?: T[]; nextUri?: string }>(state, 'GET', path, {
        query,
        signal: options.signal,
      })
    ).body;
    items.push(...(body.entities ?? []));
    const next =
      typeof body.nextUri === 'string'
        ? new URL(body.nextUri, 'http://api').searchParams.get('after')
        : null;
    if (next === null || next === '') return items;
    if (seen.has(next))
      throw new GcadoptError('api', `the listing of ${path} repeated the cursor ${next}`);
    seen.add(next);
    after = next;
  }
  throw new GcadoptError('api', `the listing of ${path} did not end after ${maxPages} pages`);
}
