import { Unknown, findUnknown, type Value } from '../values.js';
import { ctyJson, goJsonString } from './json.js';
import { formatFloat, formatFloatDigits, formatInteger, type Verb } from './format-number.js';
import {
  asBool,
  asNumber,
  asString,
  fail,
  graphemes,
  nfc,
  UnknownResult,
  type Fn,
} from './support.js';

/** fmt's padding by grapheme count (cty's formatPadWidth). */
function padWidth(verb: Verb, text: string): string {
  if (verb.width === undefined) return text;
  const pad = verb.width - graphemes(text).length;
  if (pad <= 0) return text;
  const fill = (verb.flags.includes('0') ? '0' : ' ').repeat(pad);
  return verb.flags.includes('-') ? text + fill : fill + text;
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

/**
 * A format string read once: literal text, verbs with the argument each
 * takes, and where it stops being a format string (an error when reached,
 * after the verbs before it, as when read as it is formatted).
 */
type FormatPart = string | Verb | { readonly invalidAt: number };

/**
 * Format strings read so far: a resource with `count` calls format with the
 * same string for every instance. Bounded: a long-lived process (the run task
 * service) reads one configuration after another.
 */
const plans = new Map<string, readonly FormatPart[]>();

function planOf(spec: string): readonly FormatPart[] {
  let plan = plans.get(spec);
  if (plan === undefined) {
    plan = readFormat(spec);
    if (plans.size < 20_000) plans.set(spec, plan);
  }
  return plan;
}

function readFormat(spec: string): FormatPart[] {
  const parts: FormatPart[] = [];
  let next = 1;
  for (let i = 0; i < spec.length;) {
    if (spec.charCodeAt(i) !== 37) {
      // The text up to the next verb, in one piece.
      const verbAt = spec.indexOf('%', i);
      const end = verbAt < 0 ? spec.length : verbAt;
      parts.push(spec.slice(i, end));
      i = end;
      continue;
    }
    if (spec[i + 1] === '%') {
      parts.push('%');
      i += 2;
      continue;
    }
    verbPattern.lastIndex = i;
    const m = verbPattern.exec(spec);
    if (m?.[5] === undefined) {
      parts.push({ invalidAt: i });
      break;
    }
    const [raw, flags = '', width, prec, index, mode] = m;
    const verb: Verb = {
      raw,
      arg: index === undefined ? next : Number(index),
      mode,
      flags,
      width: width === undefined ? undefined : Number(width),
      prec: prec === undefined ? undefined : Number(prec === '' ? 0 : prec),
      at: i,
    };
    parts.push(verb);
    next = verb.arg + 1;
    i += raw.length;
  }
  return parts;
}

/** cty's format: Go verbs with flags, width, precision and `[n]` argument indexes. */
export function formatString(spec: string, args: readonly Value[]): string {
  let out = '';
  let highest = 0;
  for (const part of planOf(spec)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if ('invalidAt' in part) fail(`invalid format string starting at offset ${part.invalidAt}`);
    if (part.arg > args.length)
      fail(
        `not enough arguments for "${part.raw}" at ${part.at ?? 0}: need index ${part.arg} but have ${args.length} total`,
      );
    highest = Math.max(highest, part.arg);
    out += formatOne(part, args[part.arg - 1] ?? null);
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
  // Indexes, not a rest pattern: that walks an iterator on every call.
  format: (args) => formatString(asString(args[0], 'format string'), args.slice(1)),
  formatlist: (args) => formatList(args),
};
