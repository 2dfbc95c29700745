import { Unknown, findUnknown, isObject, type Value } from '../values.js';
import {
  asBool,
  asNumber,
  asString,
  fail,
  formatNumber,
  graphemes,
  nfc,
  UnknownResult,
  type Fn,
} from './support.js';

interface Verb {
  readonly raw: string;
  readonly arg: number;
  readonly mode: string;
  readonly flags: string;
  readonly width: number | undefined;
  readonly prec: number | undefined;
}

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

/** fmt's padding by grapheme count (cty's formatPadWidth). */
function padWidth(verb: Verb, text: string): string {
  if (verb.width === undefined) return text;
  const pad = verb.width - graphemes(text).length;
  if (pad <= 0) return text;
  const fill = (verb.flags.includes('0') ? '0' : ' ').repeat(pad);
  return verb.flags.includes('-') ? text + fill : fill + text;
}

const signOf = (negative: boolean, flags: string): string =>
  negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';

/** Go's big.Int Format. */
function formatInteger(verb: Verb, n: number): string {
  if (!Number.isInteger(n)) fail(`unsupported value for "${verb.raw}": an integer is required`);
  const radix = { b: 2, o: 8, d: 10, x: 16, X: 16 }[verb.mode] ?? 10;
  let digits = Math.abs(n).toString(radix);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  const sharp = verb.flags.includes('#');
  const prefix = !sharp
    ? ''
    : { b: '0b', o: '0', x: '0x', X: '0X', d: '' }[verb.mode as 'b' | 'o' | 'x' | 'X' | 'd'];
  const sign = signOf(n < 0, verb.flags);
  let zeros = 0;
  if (verb.prec !== undefined) {
    if (digits.length < verb.prec) zeros = verb.prec - digits.length;
    else if (digits === '0' && verb.prec === 0) return '';
  }
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (verb.width !== undefined && length < verb.width) {
    const d = verb.width - length;
    if (verb.flags.includes('-')) right = d;
    else if (verb.flags.includes('0') && verb.prec === undefined) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** Digits and decimal exponent of |n| at a number of significant digits (shortest when undefined). */
function decimal(n: number, significant: number | undefined): { digits: string; exp: number } {
  const text =
    significant === undefined
      ? Math.abs(n).toExponential()
      : Math.abs(n).toExponential(significant - 1);
  const [mant = '0', exp = '0'] = text.split('e');
  return { digits: mant.replace('.', ''), exp: Number(exp) + 1 };
}

function eForm(n: number, prec: number | undefined, upper: boolean): string {
  const text = prec === undefined ? Math.abs(n).toExponential() : Math.abs(n).toExponential(prec);
  const [mant = '', exp = '0'] = text.split('e');
  const e = Number(exp);
  const out = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

/** big.Float's %e %f %g without sign or padding. */
export function formatFloatDigits(n: number, mode: string, prec: number | undefined): string {
  if (mode === 'e' || mode === 'E') return eForm(n, prec ?? 6, mode === 'E');
  if (mode === 'f') return fixed(n, prec ?? 6);
  // %g: shortest unless a precision is given; %e when the exponent is < -4 or >= the precision.
  const shortest = prec === undefined;
  const d = decimal(n, shortest ? undefined : Math.max(prec, 1));
  let eprec = shortest ? 6 : Math.max(prec, 1);
  if (!shortest && eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
  const exp = d.exp - 1;
  const trimmed = d.digits.replace(/0+$/, '') || '0';
  if (n === 0) return '0';
  if (exp < -4 || exp >= eprec) {
    const mant = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : trimmed;
    const out = `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return mode === 'G' ? out.toUpperCase() : out;
  }
  return formatNumber(Number(`0.${trimmed}e${d.exp}`));
}

function fixed(n: number, prec: number): string {
  const abs = Math.abs(n);
  if (abs < 1e21) {
    // big.Float rounds an exact tie to even (2.5 -> "2"); toFixed rounds it up.
    const exact = abs.toFixed(Math.min(100, prec + 60));
    const cut = exact.length - (Math.min(100, prec + 60) - prec);
    if (/^50*$/.test(exact.slice(cut))) {
      const kept = exact.slice(0, prec === 0 ? cut - 1 : cut);
      const last = Number(kept.at(-1));
      if (last % 2 === 0) return kept;
    }
    return abs.toFixed(prec);
  }
  const whole = formatNumber(abs);
  return prec > 0 ? `${whole}.${'0'.repeat(prec)}` : whole;
}

/** Go's big.Float Format: sign, then '0' padding wins over '-'. */
function formatFloat(verb: Verb, n: number): string {
  const body = formatFloatDigits(n, verb.mode, verb.prec);
  const sign = signOf(n < 0 || Object.is(n, -0), verb.flags);
  const pad = Math.max(0, (verb.width ?? 0) - sign.length - body.length);
  if (verb.flags.includes('0')) return sign + '0'.repeat(pad) + body;
  if (verb.flags.includes('-')) return sign + body + ' '.repeat(pad);
  return ' '.repeat(pad) + sign + body;
}

function formatOne(verb: Verb, arg: Value): string {
  if (arg instanceof Unknown) throw new UnknownResult(arg);
  if (verb.mode !== 'v' && arg === null)
    fail(`unsupported value for "${verb.raw}": null value cannot be formatted`);
  const what = `the value for "${verb.raw}"`;
  switch (verb.mode) {
    case 'v':
      if (!verb.flags.includes('#') && typeof arg === 'string') return padWidth(verb, arg);
      if (!verb.flags.includes('#') && typeof arg === 'number')
        return padWidth(
          verb,
          formatFloatDigits(arg, 'g', undefined).replace(/^/, arg < 0 ? '-' : ''),
        );
      return padWidth(verb, ctyJson(arg));
    case 't':
      return String(asBool(arg, what));
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatInteger(verb, asNumber(arg, what));
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, asNumber(arg, what));
    case 's':
    case 'q': {
      let s = asString(arg, what);
      if (verb.prec !== undefined && verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
      return padWidth(verb, verb.mode === 's' ? s : goJsonString(s));
    }
    default:
      return fail(`unsupported format verb '${verb.mode}' in "${verb.raw}"`);
  }
}

const verbPattern = /%([-+# 0]*)([1-9]\d*)?(?:\.(\d*))?(?:\[([1-9]\d*)\])?([A-Za-z])?/y;

/** cty's format: Go verbs with flags, width, precision and `[n]` argument indexes. */
export function formatString(spec: string, args: readonly Value[]): string {
  let out = '';
  let next = 1;
  let highest = 0;
  for (let i = 0; i < spec.length;) {
    const c = spec[i] ?? '';
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    if (spec[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    verbPattern.lastIndex = i;
    const m = verbPattern.exec(spec);
    if (m?.[5] === undefined) return fail(`invalid format string starting at offset ${i}`);
    const [raw, flags = '', width, prec, index, mode] = m;
    const verb: Verb = {
      raw,
      arg: index === undefined ? next : Number(index),
      mode,
      flags,
      width: width === undefined ? undefined : Number(width),
      prec: prec === undefined ? undefined : Number(prec === '' ? 0 : prec),
    };
    if (verb.arg > args.length)
      fail(
        `not enough arguments for "${raw}" at ${i}: need index ${verb.arg} but have ${args.length} total`,
      );
    highest = Math.max(highest, verb.arg);
    out += formatOne(verb, args[verb.arg - 1] ?? null);
    next = verb.arg + 1;
    i += raw.length;
  }
  if (highest < args.length)
    fail(
      highest === 0
        ? 'too many arguments; no verbs in format string'
        : `too many arguments; only ${highest} used by format string`,
    );
  return nfc(out);
}

function formatList([spec, ...args]: readonly Value[]): Value {
  const fmt = asString(spec, 'formatlist format');
  let length = -1;
  args.forEach((a, i) => {
    if (a instanceof Unknown) throw new UnknownResult(a);
    if (!Array.isArray(a)) return;
    if (length !== -1 && a.length !== length)
      fail(
        `argument ${i + 1} has length ${a.length}, which is inconsistent with the others of length ${length}`,
      );
    length = a.length;
  });
  if (length === -1) length = 1;
  return Array.from({ length }, (_, n) => {
    const row = args.map((a) => (Array.isArray(a) ? ((a as Value[])[n] ?? null) : a));
    const unknown = row.map(findUnknown).find((u) => u !== undefined);
    return unknown ?? formatString(fmt, row);
  });
}

/** format and formatlist. */
export const formatFunctions: Readonly<Record<string, Fn>> = {
  format: ([spec, ...rest]) => formatString(asString(spec, 'format string'), rest),
  formatlist: (args) => formatList(args),
};
