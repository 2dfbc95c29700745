import { InputError } from '../errors.js';

/**
 * Anything Go's `unicode.IsPrint` rejects, which is what hclwrite escapes:
 * every code point that is not a letter, mark, number, punctuation or symbol,
 * apart from the ASCII space (so controls, U+2028/9, NBSP and the other
 * spaces, bidi overrides, zero-width and format characters, private use and
 * unassigned code points). Lone surrogates are caught separately.
 */
const invisible = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Most names are printable ASCII with nothing to escape. */
const plain = /^(?:[\x20\x21\x23\x26-\x5b\x5d-\x7e]|[$%](?!\{))*$/;

const simple: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeCodePoint(cp: number): string {
  // hclwrite writes these escapes with lowercase hex digits.
  return cp > 0xffff
    ? `\\U${cp.toString(16).padStart(8, '0')}`
    : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * The body of an HCL quoted string (without the quotes), as hclwrite writes
 * it: backslash escapes for `\ " LF CR TAB`, `${` -> `$${` and `%{` -> `%%{`
 * so templates stay literal, non-printable code points as `\uNNNN` or
 * `\UNNNNNNNN`. Iterates by code point; a lone surrogate has no HCL spelling
 * and is refused with an InputError.
 */
export function escapeHclString(value: string): string {
  if (plain.test(value)) return value;
  let out = '';
  let previous = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new InputError(
        `the string ${JSON.stringify(value.slice(0, 40))} holds a lone surrogate, which HCL cannot represent`,
      );
    }
    // `$` and `%` are doubled only when a `{` follows: write the second one then.
    if (ch === '{' && (previous === '$' || previous === '%')) out += previous;
    out += simple[ch] ?? (invisible.test(ch) ? escapeCodePoint(cp) : ch);
    previous = ch;
  }
  return out;
}

/** A complete HCL quoted string literal: `"` + {@link escapeHclString} + `"`. */
export function quoteHclString(value: string): string {
  return `"${escapeHclString(value)}"`;
}

const unescape: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

/**
 * Reads a quoted HCL string literal starting at `start` (which must be `"`),
 * returning its value and the index after the closing quote. Template
 * sequences other than the `$${`/`%%{` escapes are refused: an address key is
 * a literal. Errors are InputErrors giving the offset.
 */
export function readHclString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\') {
      const esc = text[i + 1] ?? '';
      const known = unescape[esc];
      if (known !== undefined) {
        value += known;
        i += 2;
        continue;
      }
      const width = esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
      const hex = text.slice(i + 2, i + 2 + width);
      const cp = width > 0 && /^[0-9a-fA-F]+$/.test(hex) ? Number.parseInt(hex, 16) : -1;
      if (hex.length !== width || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new InputError(`invalid escape sequence at offset ${i}`);
      }
      value += String.fromCodePoint(cp);
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
