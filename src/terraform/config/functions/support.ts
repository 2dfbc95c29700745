import { graphemeSegments } from '../../graphemes.js';
import { toNfc } from '../../hcl/template.js';
import { EvalError, Unknown, formatNumber, isObject, type Value } from '../values.js';

/** A map value. */
export type ObjectValue = { readonly [key: string]: Value };

/**
 * Thrown inside a function body for a result Terraform knows only at apply
 * (or that gcadopt cannot reproduce); the caller turns it into that Unknown.
 */
export class UnknownResult extends Error {
  readonly unknown: Unknown;
  constructor(reason: string | Unknown) {
    const unknown = reason instanceof Unknown ? reason : new Unknown(reason);
    super(unknown.reason);
    this.unknown = unknown;
  }
}

/** Terraform rejects the call: the evaluator reports it with the function's name. */
export function fail(message: string): never {
  throw new EvalError(message);
}

/** Unwraps an argument that must be known. */
function known(v: Value | undefined): Value {
  if (v === undefined) return null;
  if (v instanceof Unknown) throw new UnknownResult(v);
  return v;
}

const kindOf = (v: Value): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'list'
      : typeof v === 'object'
        ? 'map'
        : typeof v === 'boolean'
          ? 'bool'
          : typeof v;

export { formatNumber };

/** Converts to a string as Terraform does for a string parameter. */
export function asString(v: Value | undefined, what: string): string {
  const value = known(v);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return fail(`${what} must be a string, not ${kindOf(value)}`);
}

/** Parses a number the way cty converts a string (decimal, optional exponent). */
export function parseNumber(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** Converts to a number as Terraform does for a number parameter. */
export function asNumber(v: Value | undefined, what: string): number {
  const value = known(v);
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = parseNumber(value);
    if (n !== undefined) return n;
    return fail(`${what}: a number is required, not ${JSON.stringify(value)}`);
  }
  return fail(`${what} must be a number, not ${kindOf(value)}`);
}

/** A whole number (Terraform's gocty conversion to int refuses fractions). */
export function asInteger(v: Value | undefined, what: string): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) fail(`${what} must be a whole number, not ${formatNumber(n)}`);
  return n;
}

/** Converts to a bool as cty does ("true"/"false"/"1"/"0" strings included). */
export function asBool(v: Value | undefined, what: string): boolean {
  const value = known(v);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fail(`${what}: a bool is required`);
}

/** A list, set or tuple. */
export function asList(v: Value | undefined, what: string): readonly Value[] {
  const value = known(v);
  if (Array.isArray(value)) return value as readonly Value[];
  return fail(`${what} must be a list, not ${kindOf(value)}`);
}

/** A map or object. */
export function asMap(v: Value | undefined, what: string): ObjectValue {
  const value = known(v);
  if (isObject(value)) return value;
  return fail(`${what} must be a map, not ${kindOf(value)}`);
}

/** A list whose elements are all strings (numbers and bools convert). */
export function asStrings(v: Value | undefined, what: string): string[] {
  return asList(v, what).map((item, i) => asString(item, `element ${i} of ${what}`));
}

/** User-perceived characters: Terraform counts and slices strings by grapheme cluster. */
export function graphemes(s: string): string[] {
  return Array.from(graphemeSegments(s), (g) => g.segment);
}

/** Strings are NFC-normalized whenever cty makes one. */
export const nfc = toNfc;

/** Equality as cty compares values (structural; 1 and "1" differ). */
export function equal(a: Value, b: Value): boolean {
  return canonical(a) === canonical(b);
}

/** A stable text of a value: equal values, equal text. */
export function canonical(v: Value): string {
  if (v instanceof Unknown) return '?';
  if (Array.isArray(v)) return `[${(v as Value[]).map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k] ?? null)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Set order as cty iterates it: numbers ascending, strings lexically, others by their text. */
export function compareSetItems(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = canonical(a);
  const y = canonical(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A set: distinct items in cty's order. */
export function toSet(items: readonly Value[]): Value[] {
  const seen = new Map<string, Value>();
  for (const item of items) seen.set(canonical(item), item);
  return [...seen.values()].sort(compareSetItems);
}

/**
 * Elements unified to one type as cty does for a list, set or map: mixed
 * primitives become strings; anything else must already agree.
 */
export function unify(items: readonly Value[], what: string): Value[] {
  const kinds = new Set(
    items
      .filter((v) => v !== null && !(v instanceof Unknown))
      .map((v) => (Array.isArray(v) ? 'list' : typeof v)),
  );
  if (kinds.size <= 1) return [...items];
  if ([...kinds].every((k) => k === 'string' || k === 'number' || k === 'boolean'))
    return items.map((v) => (v === null || v instanceof Unknown ? v : asString(v, what)));
  return fail(`${what}: all elements must have the same type`);
}

/** The function table entry: arguments already evaluated. */
export type Fn = (args: readonly Value[], ctx: CallContext) => Value;

/** What a function call may need beyond its arguments. */
export interface CallContext {
  /** Reads a file relative to the folder terraform runs in; undefined where files cannot be read. */
  readonly files: FileAccess | undefined;
  /** Renders a parsed template with only `vars` in scope (templatefile, templatestring). */
  readonly render: (template: string, name: string, vars: ObjectValue) => Value;
}

/** File access for the filesystem functions, rooted where terraform runs. */
export interface FileAccess {
  /** Absolute folder terraform runs in (the root module): relative paths start there. */
  readonly cwd: string;
  /** The bytes of a regular file; throws EvalError with Terraform's reason when it cannot. */
  read(path: string): Buffer;
  /** True for a regular file, false when absent; throws for a folder or special file. */
  exists(path: string): boolean;
  /** Regular files under `dir` matching a doublestar pattern, relative, `/`-separated. */
  glob(dir: string, pattern: string): string[];
}
