import { EmulatorError } from './errors.js';

const encode = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function decode(cursor: string): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null)
    throw new EmulatorError(400, 'invalid.value', `The cursor ${cursor} is invalid.`, {
      details: [{ fieldName: 'after' }],
    });
  return Number(match[1]);
}

/**
 * One page of a cursor listing (`routing/skillgroups`, `teams`): body
 * `entities, nextUri, selfUri, previousUri`, no total; the next page's `after`
 * is a query parameter inside `nextUri`. Cursors are opaque to callers.
 */
export function renderCursorPage<T>(
  base: string,
  query: URLSearchParams,
  pageSizeMax: number,
  matches: readonly T[],
  render: (item: T) => unknown,
): Record<string, unknown> {
  const raw = query.get('pageSize');
  const pageSize = raw === null || raw === '' ? 25 : Number(raw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > pageSizeMax)
    throw new EmulatorError(
      400,
      'invalid.value',
      `The value ${raw} of pageSize is invalid: it must be a whole number from 1 to ${pageSizeMax}.`,
      { details: [{ fieldName: 'pageSize' }] },
    );
  const after = query.get('after');
  const before = query.get('before');
  const end = before === null ? undefined : decode(before);
  const start =
    after !== null ? decode(after) : end !== undefined ? Math.max(0, end - pageSize) : 0;
  const stop = Math.min(start + pageSize, end ?? matches.length);
  const uri = (key: 'after' | 'before' | undefined, offset: number): string => {
    const params = new URLSearchParams();
    for (const [k, v] of query)
      if (!['after', 'before', 'pageSize'].includes(k)) params.append(k, v);
    params.set('pageSize', String(pageSize));
    if (key !== undefined) params.set(key, encode(offset));
    return `${base}?${params.toString()}`;
  };
  return {
    entities: matches.slice(start, stop).map(render),
    ...(stop < matches.length ? { nextUri: uri('after', stop) } : {}),
    selfUri: uri(after === null ? undefined : 'after', start),
    ...(start > 0 ? { previousUri: uri('before', start) } : {}),
  };
}
