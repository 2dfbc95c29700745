import type { Value } from '../values.js';
import { asInteger, asList, asString, fail, graphemes, nfc, type Fn } from './support.js';

// Go maps case rune by rune (unicode.ToUpper/ToLower/ToTitle): no 'ß' -> 'SS',
// no final sigma. JavaScript's full mappings that grow a character are refused.
const mapRunes = (s: string, map: (c: string) => string): string =>
  Array.from(s, (c) => {
    const m = map(c);
    return [...m].length === 1 ? m : c;
  }).join('');

const upperRune = (c: string): string => c.toUpperCase();
const lowerRune = (c: string): string => (c === '\u0130' ? 'i' : c.toLowerCase());
const titleForms: Record<string, string> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
};
const titleRune = (c: string): string => titleForms[c] ?? c.toUpperCase();

/** Go's unicode.IsSpace. */
const isSpace = (c: string): boolean => /^[\t\n\v\f\r \u0085\u00a0\p{Zs}\u2028\u2029]$/u.test(c);

/** Go's strings.Title separator rule. */
function isSeparator(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  if (code <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return isSpace(c);
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? mapRunes(c, titleRune) : c;
    prev = c;
  }
  return out;
}

function trimRunes(s: string, drop: (c: string) => boolean, left: boolean, right: boolean): string {
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (left && start < end && drop(runes[start] ?? '')) start++;
  while (right && end > start && drop(runes[end - 1] ?? '')) end--;
  return runes.slice(start, end).join('');
}

function substr(s: string, offsetArg: Value | undefined, lengthArg: Value | undefined): string {
  const chars = graphemes(s);
  let offset = asInteger(offsetArg, 'substr offset');
  const length = asInteger(lengthArg, 'substr length');
  // Mirrors cty: a zero length is "" only for a non-negative offset.
  if (offset < 0) offset = Math.max(0, offset + chars.length);
  else if (length === 0) return '';
  if (offset >= chars.length) return '';
  const rest = chars.slice(offset);
  return (length <= 0 ? rest : rest.slice(0, length)).join('');
}

function join([sep, ...lists]: readonly Value[]): string {
  if (lists.length === 0) fail('at least one list is required');
  const separator = asString(sep, 'join separator');
  const items: string[] = [];
  lists.forEach((l, li) =>
    asList(l, 'join list').forEach((v, i) => {
      if (v === null)
        fail(`element ${i} of list ${li + 1} is null; cannot concatenate null values`);
      items.push(asString(v, 'join element'));
    }),
  );
  return items.join(separator);
}

/** The string functions that need no regular expression. */
export const stringFunctions: Readonly<Record<string, Fn>> = {
  chomp: ([s]) => asString(s, 'chomp').replace(/(?:\r\n?|\n)*$/, ''),
  endswith: ([s, x]) => asString(s, 'endswith').endsWith(asString(x, 'endswith suffix')),
  startswith: ([s, x]) => asString(s, 'startswith').startsWith(asString(x, 'startswith prefix')),
  strcontains: ([s, x]) => asString(s, 'strcontains').includes(asString(x, 'strcontains substr')),
  indent: ([n, s]) =>
    asString(s, 'indent').replaceAll(
      '\n',
      `\n${' '.repeat(Math.max(0, asInteger(n, 'indent spaces')))}`,
    ),
  join: (args) => join(args),
  lower: ([s]) => nfc(mapRunes(asString(s, 'lower'), lowerRune)),
  upper: ([s]) => nfc(mapRunes(asString(s, 'upper'), upperRune)),
  title: ([s]) => nfc(title(asString(s, 'title'))),
  split: ([sep, s]) => {
    const text = asString(s, 'split');
    const separator = asString(sep, 'split separator');
    // Go's strings.Split with "" splits into UTF-8 sequences (runes).
    return separator === '' ? [...text] : text.split(separator);
  },
  strrev: ([s]) => nfc(graphemes(asString(s, 'strrev')).reverse().join('')),
  substr: ([s, o, l]) => substr(asString(s, 'substr'), o, l),
  trim: ([s, cut]) => {
    const cutset = new Set(asString(cut, 'trim cutset'));
    return trimRunes(asString(s, 'trim'), (c) => cutset.has(c), true, true);
  },
  trimprefix: ([s, p]) => {
    const t = asString(s, 'trimprefix');
    const prefix = asString(p, 'trimprefix prefix');
    return t.startsWith(prefix) ? t.slice(prefix.length) : t;
  },
  trimsuffix: ([s, p]) => {
    const t = asString(s, 'trimsuffix');
    const suffix = asString(p, 'trimsuffix suffix');
    return suffix !== '' && t.endsWith(suffix) ? t.slice(0, -suffix.length) : t;
  },
  trimspace: ([s]) => trimRunes(asString(s, 'trimspace'), isSpace, true, true),
};
