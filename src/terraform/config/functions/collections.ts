import { Unknown, decimalArithmetic, isObject, type Value } from '../values.js';
import {
  asBool,
  asInteger,
  asList,
  asMap,
  asNumber,
  asString,
  asStrings,
  canonical,
  compareSetItems,
  equal,
  fail,
  graphemes,
  toSet,
  unify,
  UnknownResult,
  type Fn,
  type ObjectValue,
} from './support.js';

const sortedKeys = (m: ObjectValue): string[] => Object.keys(m).sort();

function length(v: Value | undefined): number {
  if (v instanceof Unknown) throw new UnknownResult(v);
  if (typeof v === 'string') return graphemes(v).length;
  if (Array.isArray(v)) return v.length;
  if (v !== undefined && isObject(v)) return Object.keys(v).length;
  return fail(
    v === null || v === undefined
      ? 'argument must not be null'
      : 'argument must be a string, a collection type, or a structural type',
  );
}

function range(args: readonly Value[]): number[] {
  if (args.length < 1 || args.length > 3) fail('must have one, two, or three arguments');
  const nums = args.map((a, i) => asNumber(a, `range argument ${i + 1}`));
  const [first = 0, second = 0, third] = nums;
  const [start, end, step] =
    nums.length === 1
      ? [0, first, first < 0 ? -1 : 1]
      : [first, second, third ?? (second < first ? -1 : 1)];
  // cty compares the step with zero by identity, which never matches a computed
  // zero: a zero step runs into the 1024-value limit instead.
  const down = step < 0;
  if (down && end > start) fail('end must be less than start when step is negative');
  if (!down && end < start) fail('end must be greater than start when step is positive');
  const out: number[] = [];
  for (let v = start; down ? v > end : v < end; v += step) {
    if (out.length >= 1024)
      fail(
        'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
      );
    out.push(v);
  }
  return out;
}

function flatten(v: Value): Value[] {
  if (v instanceof Unknown) throw new UnknownResult(v);
  return Array.isArray(v) ? (v as Value[]).flatMap(flatten) : [v];
}

function setProduct(sets: readonly Value[]): Value[] {
  if (sets.length < 2) fail('at least two arguments are required');
  let rows: Value[][] = [[]];
  for (const [i, s] of sets.entries()) {
    const items = asList(s, `setproduct argument ${i + 1}`);
    rows = rows.flatMap((row) => items.map((item) => [...row, item]));
  }
  return rows;
}

function transpose(m: ObjectValue): ObjectValue {
  const out = new Map<string, string[]>();
  for (const key of sortedKeys(m))
    for (const value of asStrings(m[key], `transpose value "${key}"`))
      out.set(value, [...(out.get(value) ?? []), key]);
  return Object.fromEntries([...out].map(([k, v]) => [k, v.sort()]));
}

function slice(
  l: readonly Value[],
  startArg: Value | undefined,
  endArg: Value | undefined,
): Value[] {
  const start = asInteger(startArg, 'slice start_index');
  const end = asInteger(endArg, 'slice end_index');
  if (start < 0) fail('the start index must be greater than or equal to 0');
  if (end > l.length) fail('end index must not be greater than the length of the list');
  if (start > end) fail('the start index must be less than or equal to the end index');
  return l.slice(start, end);
}

/** Collection functions, with cty's rules and error messages. */
export const collectionFunctions: Readonly<Record<string, Fn>> = {
  alltrue: ([l]) => asList(l, 'alltrue').every((v) => v !== null && asBool(v, 'alltrue element')),
  anytrue: ([l]) => asList(l, 'anytrue').some((v) => v !== null && asBool(v, 'anytrue element')),
  chunklist: ([l, n]) => {
    const items = asList(l, 'chunklist');
    const size = asInteger(n, 'chunklist size');
    if (size < 0) fail('the size argument must be positive');
    if (size === 0) return [items];
    return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
      items.slice(i * size, (i + 1) * size),
    );
  },
  coalesce: (args) => {
    // The arguments unify to one type first: mixed primitives make a string.
    const kinds = new Set(
      args.filter((a) => a !== null && !(a instanceof Unknown)).map((a) => typeof a),
    );
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a !== null && a !== '')
        return kinds.size > 1 && typeof a !== 'object' ? asString(a, 'coalesce') : a;
    }
    return fail('no non-null, non-empty-string arguments');
  },
  coalescelist: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a !== null && asList(a, 'coalescelist argument').length > 0) return a;
    }
    return fail('no non-null arguments');
  },
  compact: ([l]) =>
    asList(l, 'compact').filter((v) => v !== null && asString(v, 'compact element') !== ''),
  concat: (args) => args.flatMap((l, i) => asList(l, `concat argument ${i + 1}`)),
  contains: ([l, v]) => asList(l, 'contains').some((x) => equal(x, v ?? null)),
  distinct: ([l]) => [
    ...new Map(unify(asList(l, 'distinct'), 'distinct').map((v) => [canonical(v), v])).values(),
  ],
  element: ([l, i]) => {
    const items = asList(l, 'element');
    const index = asInteger(i, 'element index');
    if (items.length === 0) fail('cannot use element function with an empty list');
    // A negative index counts from the end (cty's element).
    return items[((index % items.length) + items.length) % items.length] ?? null;
  },
  flatten: ([l]) => flatten(asList(l, 'flatten')),
  index: ([l, v]) => {
    const at = asList(l, 'index').findIndex((x) => equal(x, v ?? null));
    return at === -1 ? fail('item not found') : at;
  },
  keys: ([m]) => sortedKeys(asMap(m, 'keys')),
  length: ([v]) => length(v),
  list: () => fail('the "list" function was removed in Terraform v0.15; use tolist([ ... ])'),
  map: () => fail('the "map" function was removed in Terraform v0.15; use tomap({ ... })'),
  lookup: ([m, k, fallback]) => {
    const key = asString(k, 'lookup key');
    const found = asMap(m, 'lookup')[key];
    if (found !== undefined) return found;
    if (fallback === undefined) fail(`the given object has no attribute ${JSON.stringify(key)}`);
    return fallback;
  },
  matchkeys: ([vals, ks, search]) => {
    const values = asList(vals, 'matchkeys values');
    const keyList = asList(ks, 'matchkeys keys');
    if (values.length !== keyList.length) fail('length of keys and values should be equal');
    const wanted = asList(search, 'matchkeys searchset');
    return values.filter((_, i) => wanted.some((w) => equal(w, keyList[i] ?? null)));
  },
  merge: (args) => {
    const out: Record<string, Value> = {};
    for (const [i, a] of args.entries())
      if (a !== null) Object.assign(out, asMap(a, `merge argument ${i + 1}`));
    return out;
  },
  one: ([l]) => {
    if (l === null) return null;
    const items = asList(l, 'one');
    if (items.length > 1)
      fail('must be a list, set, or tuple value with either zero or one elements');
    return items[0] ?? null;
  },
  range: (args) => range(args),
  reverse: ([l]) => [...asList(l, 'reverse')].reverse(),
  setintersection: ([first, ...rest]) =>
    toSet(
      asList(first, 'setintersection').filter((v) =>
        rest.every((s) => asList(s, 'setintersection').some((x) => equal(x, v))),
      ),
    ),
  setproduct: (sets) => setProduct(sets),
  setsubtract: ([a, b]) =>
    toSet(
      asList(a, 'setsubtract').filter((v) => !asList(b, 'setsubtract').some((x) => equal(x, v))),
    ),
  setunion: (sets) =>
    toSet(
      unify(
        sets.flatMap((s) => asList(s, 'setunion')),
        'setunion',
      ),
    ),
  slice: ([l, s, e]) => slice(asList(l, 'slice'), s, e),
  sort: ([l]) => {
    const items = asList(l, 'sort');
    if (items.some((v) => v === null)) fail('a null string cannot be sorted');
    return asStrings(items, 'sort').sort(compareSetItems);
  },
  sum: ([l]) => {
    const items = asList(l, 'sum');
    if (items.length === 0) fail('cannot sum an empty list');
    return items.reduce<number>(
      (t, v, i) => decimalArithmetic('+', t, asNumber(v, `sum element ${i}`)),
      0,
    );
  },
  transpose: ([m]) => transpose(asMap(m, 'transpose')),
  values: ([m]) => {
    const map = asMap(m, 'values');
    return sortedKeys(map).map((k) => map[k] ?? null);
  },
  zipmap: ([k, v]) => {
    const keys = asStrings(k, 'zipmap keys');
    const values = asList(v, 'zipmap values');
    if (keys.length !== values.length)
      fail(`number of keys (${keys.length}) does not match number of values (${values.length})`);
    return Object.fromEntries(keys.map((key, i) => [key, values[i] ?? null]));
  },
};
