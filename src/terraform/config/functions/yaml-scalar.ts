import type { Value } from '../values.js';
import { fail, parseNumber } from './support.js';

/** The long form of the YAML core tags (`!!str` is `tag:yaml.org,2002:str`). */
export const tagPrefix = 'tag:yaml.org,2002:';
const resolvable = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary']);
const words = new Map<string, boolean | null | number>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  words.set(w, true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  words.set(w, false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) words.set(w, null);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) words.set(w, Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) words.set(w, -Infinity);

/** go-cty-yaml's timestamp forms, printed as RFC 3339 (UTC offset kept). */
function parseTimestamp(s: string): string | undefined {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?))?$/.exec(
      s,
    );
  if (m === null) return undefined;
  const [, y, mo, d, th, tmi, ts, , zone = 'Z', sh, smi, ss] = m;
  const p = (v: string | undefined): string => (v ?? '0').padStart(2, '0');
  // Go's time.RFC3339 layout drops fractional seconds and writes a zero offset as Z.
  const offset = zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  return `${y}-${p(mo)}-${p(d)}T${p(th ?? sh)}:${p(tmi ?? smi)}:${p(ts ?? ss)}${offset}`;
}

function number(src: string): number | undefined {
  const plain = src.replaceAll('_', '');
  const n = parseNumber(plain);
  if (n !== undefined) return n;
  const m = /^([-+]?)0(x[0-9a-fA-F]+|o[0-7]+|[0-7]+)$/.exec(plain);
  if (m === null) return undefined;
  const body = m[2] ?? '';
  const value = body.startsWith('x')
    ? parseInt(body.slice(1), 16)
    : parseInt(body.replace(/^o/, ''), 8);
  return m[1] === '-' ? -value : value;
}

/** go-cty-yaml's resolveScalar: YAML 1.1 words (yes/on/off…), timestamps as strings, no NaN. */
export function resolveScalar(tagArg: string, src: string, quoted: boolean): Value {
  const tag = tagArg.startsWith(tagPrefix)
    ? tagArg.slice(tagPrefix.length)
    : tagArg === ''
      ? ''
      : `!${tagArg}`;
  if (!resolvable.has(tag)) return fail(`unsupported tag "${tagArg}"`);
  let resolved = tag;
  const hint =
    src === ''
      ? 'N'
      : /[-+0-9]/.test(src[0] ?? '')
        ? 'D'
        : /[yYnNtTfFoO~.]/.test(src[0] ?? '')
          ? 'M'
          : '';
  if (hint !== '' && tag !== 'str' && tag !== 'binary') {
    if (quoted) return src;
    const word = words.get(src);
    if (word !== undefined) return word;
    if (tag === '' && ['.nan', '.NaN', '.NAN'].includes(src))
      fail('floating point NaN is not supported');
    if (src.startsWith('.') && parseNumber(src) !== undefined) return parseNumber(src) ?? null;
    if (hint === 'D' && (tag === '' || tag === 'timestamp')) {
      const t = parseTimestamp(src);
      if (t !== undefined) return t;
    }
    if (hint === 'D' && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(src)) resolved = 'int';
    else if (hint === 'D' && /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(src))
      resolved = 'float';
  }
  switch (resolved) {
    case 'str':
    case '':
      return src;
    case 'binary':
      if (
        !/^[A-Za-z0-9+/]*={0,2}$/.test(src.replace(/\s/g, '')) ||
        src.replace(/\s/g, '').length % 4 !== 0
      )
        fail(`cannot parse "${src}" as !!binary: not valid base64`);
      return src;
    case 'bool':
      if (typeof words.get(src) !== 'boolean') fail(`cannot parse "${src}" as !!bool`);
      return words.get(src) ?? null;
    case 'int':
    case 'float': {
      const n = number(src);
      return n === undefined ? fail(`cannot parse "${src}" as !!${resolved}`) : n;
    }
    case 'timestamp':
      return parseTimestamp(src) ?? fail(`cannot parse "${src}" as !!timestamp`);
    default:
      return null;
  }
}
