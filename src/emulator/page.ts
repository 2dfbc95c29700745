import { EmulatorError } from './errors.js';

/**
 * One page of a pageNumber/pageSize listing in the API's body shape:
 * `entities, pageSize, pageNumber, total, firstUri, selfUri, previousUri
 * (not on page 1), nextUri (not on the last page), lastUri, pageCount`.
 */
export function renderPage<T>(
  base: string,
  query: URLSearchParams,
  pageSizeMax: number,
  matches: readonly T[],
  render: (item: T) => unknown,
): Record<string, unknown> {
  const pageSize = readInt(query, 'pageSize', 25, 1, pageSizeMax);
  const pageNumber = readInt(query, 'pageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  const total = matches.length;
  const pageCount = Math.ceil(total / pageSize);
  const start = (pageNumber - 1) * pageSize;
  const uri = (n: number): string => pageUri(base, query, pageSize, n);
  return {
    entities: matches.slice(start, start + pageSize).map(render),
    pageSize,
    pageNumber,
    total,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    ...(pageNumber > 1
      ? { previousUri: uri(Math.min(pageNumber - 1, Math.max(pageCount, 1))) }
      : {}),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    lastUri: uri(Math.max(pageCount, 1)),
    pageCount,
  };
}

/** Values of a repeated query parameter; `id=a,b` and `id=a&id=b` both work (the SDKs send either). */
export function readList(query: URLSearchParams, key: string): Set<string> {
  return new Set(
    query
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean),
  );
}

function pageUri(
  base: string,
  query: URLSearchParams,
  pageSize: number,
  pageNumber: number,
): string {
  const params = new URLSearchParams({
    pageSize: String(pageSize),
    pageNumber: String(pageNumber),
  });
  for (const [key, value] of query) {
    if (key !== 'pageSize' && key !== 'pageNumber') params.append(key, value);
  }
  return `${base}?${params.toString()}`;
}

function readInt(
  query: URLSearchParams,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EmulatorError(
      400,
      'invalid.value',
      `The value ${raw} of ${key} is invalid: it must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}.`,
      { details: [{ fieldName: key }] },
    );
  }
  return value;
}
