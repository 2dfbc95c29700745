import { EvalError, Unknown, findUnknown, isObject, toStringValue, type Value } from './values.js';

type Fn = (args: readonly Value[]) => Value;

/** Carries an unknown argument out of a function body. */
class UnknownArgument extends Error {
  readonly unknown: Unknown;
  constructor(unknown: Unknown) {
    super(unknown.reason);
    this.unknown = unknown;
  }
}

const str = (v: Value, fn: string): string => {
  const s = toStringValue(v, `the argument of ${fn}`);
  if (s instanceof Unknown) throw new UnknownArgument(s);
  return s;
};
const list = (v: Value, fn: string): readonly Value[] => {
  if (Array.isArray(v)) return v as readonly Value[];
  throw new EvalError(`${fn} expects a list`);
};
const map = (v: Value, fn: string): { readonly [key: string]: Value } => {
  if (isObject(v)) return v;
  throw new EvalError(`${fn} expects a map`);
};

function format(spec: string, args: readonly Value[]): string {
  let i = 0;
  return spec.replace(
    /%(%|([-+# 0]*)(\d*)(?:\.(\d+))?([sdvqftxXobe]))/g,
    (
      _whole,
      all: string,
      flags: string | undefined,
      width: string | undefined,
      precision: string | undefined,
      kind: string | undefined,
    ) => {
      if (all === '%') return '%';
      const arg = args[i++];
      if (arg === undefined) throw new EvalError(`format: not enough arguments for "${spec}"`);
      let text: string;
      if (kind === 'd') text = String(Math.trunc(Number(arg)));
      else if (kind === 'f') text = Number(arg).toFixed(Number(precision ?? 6));
      else if (kind === 'q') text = JSON.stringify(str(arg, 'format'));
      else if (kind === 'x' || kind === 'X')
        text = Math.trunc(Number(arg)).toString(16)[kind === 'X' ? 'toUpperCase' : 'toLowerCase']();
      else if (kind === 'v' && typeof arg === 'object' && arg !== null) text = JSON.stringify(arg);
      else text = str(arg, 'format');
      const w = Number(width ?? 0);
      if (flags?.includes('-') === true) return text.padEnd(w);
      if (flags?.includes('0') === true && kind !== 's' && kind !== 'q')
        return text.startsWith('-')
          ? `-${text.slice(1).padStart(w - 1, '0')}`
          : text.padStart(w, '0');
      return text.padStart(w);
    },
  );
}

function replace(s: string, search: string, replacement: string): string {
  const regex = /^\/(.*)\/$/s.exec(search);
  if (regex?.[1] !== undefined) {
    // Terraform regexes are RE2; the common subset matches JavaScript's. $1 -> $1 works alike.
    return s.replace(new RegExp(regex[1], 'gu'), replacement.replace(/\$\{(\d+)\}/g, '$$$1'));
  }
  return s.split(search).join(replacement);
}

/** The functions gcadopt evaluates statically, by Terraform's rules. */
export const functions: Readonly<Record<string, Fn>> = {
  lower: ([s]) => str(s ?? null, 'lower').toLowerCase(),
  upper: ([s]) => str(s ?? null, 'upper').toUpperCase(),
  title: ([s]) =>
    str(s ?? null, 'title').replace(
      /(^|[^\p{L}\p{N}])(\p{L})/gu,
      (_m, a: string, b: string) => a + b.toUpperCase(),
    ),
  trimspace: ([s]) => str(s ?? null, 'trimspace').trim(),
  trim: ([s, cut]) => {
    const chars = [...str(cut ?? null, 'trim')];
    let t = str(s ?? null, 'trim');
    while (t !== '' && chars.includes(t[0] ?? '')) t = t.slice(1);
    while (t !== '' && chars.includes(t.at(-1) ?? '')) t = t.slice(0, -1);
    return t;
  },
  trimprefix: ([s, p]) => {
    const t = str(s ?? null, 'trimprefix');
    const prefix = str(p ?? null, 'trimprefix');
    return t.startsWith(prefix) ? t.slice(prefix.length) : t;
  },
  trimsuffix: ([s, p]) => {
    const t = str(s ?? null, 'trimsuffix');
    const suffix = str(p ?? null, 'trimsuffix');
    return suffix !== '' && t.endsWith(suffix) ? t.slice(0, -suffix.length) : t;
  },
  format: ([spec, ...rest]) => format(str(spec ?? null, 'format'), rest),
  join: ([sep, ...lists]) =>
    lists
      .flatMap((l) => list(l, 'join'))
      .map((v) => str(v, 'join'))
      .join(str(sep ?? null, 'join')),
  split: ([sep, s]) => str(s ?? null, 'split').split(str(sep ?? null, 'split')),
  replace: ([s, a, b]) =>
    replace(str(s ?? null, 'replace'), str(a ?? null, 'replace'), str(b ?? null, 'replace')),
  substr: ([s, o, l]) => {
    const chars = [...str(s ?? null, 'substr')];
    const offset = Number(o);
    const length = Number(l);
    const start = offset < 0 ? chars.length + offset : offset;
    return chars.slice(start, length < 0 ? undefined : start + length).join('');
  },
  concat: (args) => args.flatMap((l) => list(l, 'concat')),
  merge: (args) =>
    Object.assign({}, ...args.filter((a) => a !== null).map((a) => map(a, 'merge'))) as {
      [key: string]: Value;
    },
  tomap: ([m]) => map(m ?? null, 'tomap'),
  toset: ([l]) =>
    [...new Map(list(l ?? null, 'toset').map((v) => [JSON.stringify(v), v])).values()].sort(
      (a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1),
    ),
  tolist: ([l]) => list(l ?? null, 'tolist'),
  tostring: ([v]) => (v === null ? null : str(v ?? null, 'tostring')),
  tonumber: ([v]) => {
    const n = Number(v);
    if (v === null) return null;
    if (Number.isNaN(n)) throw new EvalError(`tonumber: cannot convert ${JSON.stringify(v)}`);
    return n;
  },
  tobool: ([v]) => (v === 'true' ? true : v === 'false' ? false : (v ?? null)),
  lookup: ([m, k, fallback]) => {
    const key = str(k ?? null, 'lookup');
    const found = map(m ?? null, 'lookup')[key];
    if (found !== undefined) return found;
    if (fallback === undefined) throw new EvalError(`lookup: no key "${key}" and no default`);
    return fallback;
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a !== null && a !== '') return a;
    }
    throw new EvalError('coalesce: no non-null, non-empty argument');
  },
  length: ([v]) =>
    typeof v === 'string'
      ? [...v].length
      : Array.isArray(v)
        ? v.length
        : Object.keys(map(v ?? null, 'length')).length,
  keys: ([m]) => Object.keys(map(m ?? null, 'keys')).sort(),
  values: ([m]) =>
    Object.entries(map(m ?? null, 'values'))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, v]) => v),
  contains: ([l, v]) =>
    list(l ?? null, 'contains').some((x) => JSON.stringify(x) === JSON.stringify(v)),
  distinct: ([l]) => [
    ...new Map(list(l ?? null, 'distinct').map((v) => [JSON.stringify(v), v])).values(),
  ],
  flatten: ([l]) => {
    const flat = (v: Value): Value[] => (Array.isArray(v) ? (v as Value[]).flatMap(flat) : [v]);
    return flat(l ?? []);
  },
  element: ([l, i]) => {
    const items = list(l ?? null, 'element');
    return items[Number(i) % items.length] ?? null;
  },
  zipmap: ([k, v]) =>
    Object.fromEntries(
      list(k ?? null, 'zipmap').map((key, i) => [
        str(key, 'zipmap'),
        list(v ?? null, 'zipmap')[i] ?? null,
      ]),
    ),
};

/** Calls `name`; unknown arguments make an unknown result. */
export function callFunction(name: string, args: readonly Value[]): Value {
  const fn = functions[name];
  if (fn === undefined) return new Unknown(`function "${name}" is not evaluated by gcadopt`);
  // coalesce and merge may still answer with unknown parts, others cannot.
  const unknown =
    name === 'coalesce' ? undefined : args.map(findUnknown).find((u) => u !== undefined);
  if (unknown !== undefined) return unknown;
  try {
    return fn(args);
  } catch (error) {
    if (error instanceof UnknownArgument) return error.unknown;
    throw error;
  }
}
