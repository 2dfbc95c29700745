import { isObject, type Value } from '../values.js';
import { formatNumber, UnknownResult } from './support.js';

const yamlEscapes: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '\u0085': 'N',
  '\u2028': 'L',
  '\u2029': 'P',
};

/** libyaml's double-quoted style. */
function quote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (yamlEscapes[c] !== undefined) out += `\\${yamlEscapes[c]}`;
    else if (
      code >= 0x20 &&
      code !== 0x7f &&
      code !== 0xfeff &&
      !(code >= 0x80 && code < 0xa0) &&
      code !== 0x2028 &&
      code !== 0x2029
    )
      out += c;
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

function scalar(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw new Error('not a scalar');
  // Long or multi-line strings: libyaml folds them by its own width rules, not reproduced here.
  if (v.includes('\n') || v.length > 60)
    throw new UnknownResult(
      'yamlencode of a long or multi-line string is not reproduced by gcadopt',
    );
  return quote(v);
}

function lines(v: Value, indent: string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return ['[]'];
    return (v as Value[]).flatMap((item) => {
      const inner = lines(item, `${indent}  `);
      return [`- ${inner[0] ?? ''}`, ...inner.slice(1).map((l) => `  ${l}`)];
    });
  }
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return ['{}'];
    return keys.flatMap((k) => {
      const item = v[k] ?? null;
      const head = `${scalar(k)}:`;
      if (Array.isArray(item) && item.length > 0) return [head, ...lines(item, indent)];
      if (isObject(item) && Object.keys(item).length > 0)
        return [head, ...lines(item, indent).map((l) => `  ${l}`)];
      return [`${head} ${lines(item, indent)[0] ?? ''}`];
    });
  }
  return [scalar(v)];
}

/** yamlencode: block style, double-quoted strings, keys sorted (go-cty-yaml's choices). */
export function encodeYaml(v: Value): string {
  return `${lines(v, '').join('\n')}\n`;
}
