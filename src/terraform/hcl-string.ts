import { InputError } from '../errors.js';

/**
 * Code points hclwrite writes as escapes rather than raw: controls, the
 * line/paragraph separators, bidi overrides and isolates, zero-width and
 * other invisible formatting characters, and non-breaking spaces.
 */
function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0xa0) ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb)
  );
}

function escapeCodePoint(cp: number): string {
  return cp > 0xffff
    ? `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`
    : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The body of an HCL quoted string (without the quotes): backslash escapes
 * for `\ " LF CR TAB`, `${` -> `$${` and `%{` -> `%%{` so templates stay
 * literal, invisible code points as `\uNNNN`. Iterates by code point; a lone
 * surrogate cannot be written in HCL and is refused.
 */
export function escapeHclString(value: string): string {
  // Most names are plain printable ASCII with nothing to escape.
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]|[$%]\{/.test(value)) return value;
  let out = '';
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new InputError('a string holds a lone surrogate, which HCL cannot represent');
    }
    const next = chars[i + 1];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && next === '{') out += `${ch}${ch}`;
    else if (isInvisible(cp)) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out;
}

/** A complete HCL quoted string literal. */
export function quoteHclString(value: string): string {
  return `"${escapeHclString(value)}"`;
}

/**
 * Reads a quoted HCL string literal starting at `start` (which must be `"`),
 * returning its value and the index after the closing quote. Template
 * sequences other than the `$${`/`%%{` escapes are refused: an address key or
 * an import id is a literal.
 */
export function readHclString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\') {
      const esc = text[i + 1];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (esc !== undefined && esc in simple) {
        value += simple[esc];
        i += 2;
        continue;
      }
      const width = esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
      const hex = text.slice(i + 2, i + 2 + width);
      if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
        throw new InputError(`invalid escape sequence at offset ${i}`);
      }
      value += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 2 + width;
      continue;
    }
    if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      value += `${ch}{`;
      i += 3;
      continue;
    }
    if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      throw new InputError(`a template sequence ${ch}{ is not allowed in a literal at offset ${i}`);
    }
    value += ch;
    i += 1;
  }
  throw new InputError('unterminated string');
}
