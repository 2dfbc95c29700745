import { Unknown, isObject, type Value } from '../values.js';
import { formatNumber, UnknownResult } from './support.js';

/** A JSON string as Go's encoding/json writes it (HTML characters escaped). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** JSON as cty marshals a value (jsonencode, %v of a collection). */
export function ctyJson(v: Value): string {
  if (v instanceof Unknown) throw new UnknownResult(v);
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as Value[]).map(ctyJson).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${goJsonString(k)}:${ctyJson(v[k] ?? null)}`)
      .join(',')}}`;
  return 'null';
}
