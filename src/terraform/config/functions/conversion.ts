import { Unknown, isObject, type Value } from '../values.js';
import {
  asBool,
  asNumber,
  asString,
  fail,
  parseNumber,
  toSet,
  unify,
  UnknownResult,
  type Fn,
} from './support.js';

function toList(v: Value | undefined, fn: string): Value {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v))
    return fail(`${fn}: cannot convert ${isObject(v) ? 'a map' : typeof v} to a list`);
  return unify(v as Value[], fn);
}

/** Type conversion functions. */
export const conversionFunctions: Readonly<Record<string, Fn>> = {
  tostring: ([v]) => (v === null ? null : asString(v, 'tostring')),
  tonumber: ([v]) => {
    if (v === null) return null;
    if (typeof v === 'string' && parseNumber(v) === undefined)
      fail(
        `cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`,
      );
    if (typeof v === 'boolean') fail('cannot convert bool to number');
    return asNumber(v, 'tonumber');
  },
  tobool: ([v]) => {
    if (v === null) return null;
    if (typeof v === 'number') fail('cannot convert number to bool');
    if (typeof v === 'string' && v !== 'true' && v !== 'false')
      fail(
        `cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed`,
      );
    return asBool(v, 'tobool');
  },
  tolist: ([v]) => toList(v, 'tolist'),
  toset: ([v]) => {
    const list = toList(v, 'toset');
    return Array.isArray(list) ? toSet(list as Value[]) : list;
  },
  tomap: ([v]) => {
    if (v === null || v === undefined) return null;
    if (!isObject(v))
      return fail(`tomap: cannot convert ${Array.isArray(v) ? 'a list' : typeof v} to a map`);
    const keys = Object.keys(v);
    const values = unify(
      keys.map((k) => v[k] ?? null),
      'tomap',
    );
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));
  },
  // gcadopt reads names, not secrets: sensitivity marks change no value.
  sensitive: ([v]) => v ?? null,
  nonsensitive: ([v]) => v ?? null,
  ephemeralasnull: ([v]) => v ?? null,
  issensitive: () => {
    throw new UnknownResult(new Unknown('issensitive(): gcadopt does not track sensitivity'));
  },
  type: () => fail('the "type" function is only available in terraform console'),
};
