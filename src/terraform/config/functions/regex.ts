import type { Value } from '../values.js';
import { compileRe2, type TranslatedRegex } from './re2.js';
import { asString, fail, nfc, type Fn } from './support.js';

/**
 * Every match as Go's FindAll reports it: an empty match right after the
 * previous match is skipped (JavaScript's matchAll keeps it).
 */
function findAll(re: TranslatedRegex, s: string): RegExpExecArray[] {
  const regex = new RegExp(re.regex.source, re.regex.flags);
  const out: RegExpExecArray[] = [];
  let lastEnd = -1;
  for (let m = regex.exec(s); m !== null; m = regex.exec(s)) {
    const end = m.index + m[0].length;
    if (m[0] === '') {
      const next = s.codePointAt(end);
      regex.lastIndex = end + (next !== undefined && next > 0xffff ? 2 : 1);
      if (m.index === lastEnd) continue;
    }
    out.push(m);
    lastEnd = end;
    if (regex.lastIndex > s.length) break;
  }
  return out;
}

/** cty's result shape: the match, a list of unnamed captures, or an object of named ones. */
function resultOf(re: TranslatedRegex, m: RegExpExecArray): Value {
  const named = re.groups.filter((g) => g !== '');
  if (re.groups.length === 0) return m[0];
  if (named.length > 0 && named.length < re.groups.length)
    fail('invalid regexp pattern: cannot mix both named and unnamed capture groups');
  if (named.length === 0) return re.groups.map((_, i) => m[i + 1] ?? null);
  return Object.fromEntries(named.map((name) => [name, m.groups?.[name] ?? null]));
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a longest-name rule, unlike JavaScript's. */
function expand(template: string, re: TranslatedRegex, m: RegExpExecArray): string {
  return template.replace(
    /\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))?/g,
    (whole, braced: string | undefined, bare: string | undefined) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare;
      if (name === undefined) return '$';
      if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
      return re.groups.includes(name) ? (m.groups?.[name] ?? '') : '';
    },
  );
}

function replaceRegex(s: string, pattern: string, replacement: string): string {
  const re = compileRe2(pattern);
  let out = '';
  let at = 0;
  for (const m of findAll(re, s)) {
    out += s.slice(at, m.index) + expand(replacement, re, m);
    at = m.index + m[0].length;
  }
  return out + s.slice(at);
}

/** Terraform's replace: a `/…/` search string is a regular expression. */
export function replace(s: string, search: string, replacement: string): string {
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/'))
    return nfc(replaceRegex(s, search.slice(1, -1), replacement));
  // Go's strings.Replace: an empty search matches before every character and at the end.
  if (search === '')
    return nfc(s === '' ? replacement : replacement + [...s].join(replacement) + replacement);
  return nfc(s.split(search).join(replacement));
}

/** regex, regexall and replace. */
export const regexFunctions: Readonly<Record<string, Fn>> = {
  regex: ([p, s]) => {
    const re = compileRe2(asString(p, 'regex pattern'));
    const text = asString(s, 'regex string');
    const first = findAll(re, text)[0];
    if (first === undefined) return fail('pattern did not match any part of the given string');
    return resultOf(re, first);
  },
  regexall: ([p, s]) => {
    const re = compileRe2(asString(p, 'regexall pattern'));
    return findAll(re, asString(s, 'regexall string')).map((m) => resultOf(re, m));
  },
  replace: ([s, a, b]) =>
    replace(
      asString(s, 'replace'),
      asString(a, 'replace substring'),
      asString(b, 'replace replacement'),
    ),
};
