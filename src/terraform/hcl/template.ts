import type { Expr, TemplatePart } from './ast.js';
import type { Cursor } from './cursor.js';
import { graphemeSegments } from '../graphemes.js';

/** Parses an expression at the cursor (the parser's, injected to avoid a cycle). */
export type ExprParser = (cursor: Cursor) => Expr;

type Item =
  | TemplatePart
  | {
      k: 'directive';
      word: string;
      cond?: Expr;
      keyVar?: string;
      valVar?: string;
      coll?: Expr;
      at: number;
    };

const simpleEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

// Go's unicode.IsSpace, which HCL's strip markers and `<<-` use: JavaScript's \s
// without U+FEFF, plus U+0085.
const spaces =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const leadingSpaces = new RegExp(`^[${spaces}]+`, 'u');
const trailingSpaces = new RegExp(`[${spaces}]+$`, 'u');

/** Text as HashiCorp's parser hands it on: cty strings are Unicode NFC. */
export function toNfc(text: string): string {
  // Nothing below U+0300 changes under NFC, nor composes with what precedes it.
  return /[\u0300-\uffff]/.test(text) ? text.normalize('NFC') : text;
}

/**
 * Reads template items up to `"` (quoted) or `end` (heredoc body, JSON
 * string), as hclsyntax's scanner cuts literal tokens: at `$` and `%`, and in
 * a heredoc after each newline. The `~` strip markers act on the one literal
 * token next to them, as HCL's do. Quoted templates take backslash escapes;
 * heredocs do not.
 */
function readItems(
  cursor: Cursor,
  quoted: boolean,
  expr: ExprParser,
  end: number,
  heredoc?: { readonly marker: string; readonly opening: number },
): Item[] {
  const marker = heredoc?.marker;
  const items: Item[] = [];
  const src = cursor.src;
  let trimNext = false;
  let lastIsText = false;
  let lineStart = true;
  const pushText = (text: string): void => {
    items.push({ k: 'text', text: trimNext ? text.replace(leadingSpaces, '') : text });
    trimNext = false;
    lastIsText = true;
    lineStart = text.endsWith('\n');
  };
  while (cursor.pos < end) {
    const code = src.charCodeAt(cursor.pos);
    if (quoted && code === 34) return items;
    if (marker !== undefined && lineStart && isClosingLine(src, cursor.pos, marker)) return items;
    const open = cursor.peek(1) === '{';
    if ((code === 36 || code === 37) && open) {
      const at = cursor.pos;
      cursor.pos += 2;
      if (cursor.peek() === '~') {
        cursor.pos++;
        const last = items.at(-1);
        if (lastIsText && last?.k === 'text')
          items[items.length - 1] = { k: 'text', text: last.text.replace(trailingSpaces, '') };
      }
      trimNext = false;
      lastIsText = false;
      lineStart = false;
      items.push(
        code === 36
          ? { k: 'interp', expr: readInterpolation(cursor, expr) }
          : readDirective(cursor, expr, at),
      );
      if (cursor.peek() === '~') {
        cursor.pos++;
        trimNext = true;
      }
      cursor.expect('}');
      continue;
    }
    if (code === 36 || code === 37) {
      // `$${` and `%%{` are a literal `${` and `%{`; a lone `$` or `%` is itself.
      const escaped = cursor.peek(1) === src[cursor.pos] && cursor.peek(2) === '{';
      pushText(escaped ? `${src[cursor.pos]}{` : (src[cursor.pos] ?? ''));
      cursor.pos += escaped ? 3 : 1;
      continue;
    }
    pushText(quoted ? readQuotedText(cursor) : readLineText(cursor, end));
  }
  if (quoted) throw cursor.fail('unterminated string');
  if (heredoc !== undefined)
    throw cursor.fail(`heredoc <<${heredoc.marker} is never closed`, heredoc.opening);
  return items;
}

/**
 * Whether the line at `at` closes the heredoc: the marker alone between Unicode
 * spaces, ended by a newline. As in hclsyntax's scanner, only a line of the
 * heredoc's own text counts, never one inside an interpolation.
 */
function isClosingLine(src: string, at: number, marker: string): boolean {
  const newline = src.indexOf('\n', at);
  if (newline < 0) return false;
  const line = src.slice(at, newline);
  return line.replace(leadingSpaces, '').replace(trailingSpaces, '') === marker;
}

/** Literal text of a quoted string up to `"`, `$`, `%` or a line break, escapes resolved. */
function readQuotedText(cursor: Cursor): string {
  const src = cursor.src;
  let text = '';
  let run = cursor.pos;
  for (;;) {
    const code = src.charCodeAt(cursor.pos);
    if (code === 10 || code === 13) {
      throw cursor.fail('unterminated string (a quoted string cannot span lines)');
    }
    if (code === 92) {
      text += src.slice(run, cursor.pos) + readEscape(cursor);
      run = cursor.pos;
    } else if (code === 34 || code === 36 || code === 37 || cursor.pos >= src.length) {
      return text + src.slice(run, cursor.pos);
    } else {
      cursor.pos++;
    }
  }
}

/** Literal heredoc text up to `$`, `%`, `end`, or through the next newline. */
function readLineText(cursor: Cursor, end: number): string {
  const src = cursor.src;
  const start = cursor.pos;
  while (cursor.pos < end) {
    const code = src.charCodeAt(cursor.pos);
    if (code === 36 || code === 37) break;
    cursor.pos++;
    if (code === 10) break;
  }
  return src.slice(start, cursor.pos);
}

function readEscape(cursor: Cursor): string {
  const esc = cursor.peek(1);
  const simple = simpleEscapes[esc];
  if (simple !== undefined) {
    cursor.pos += 2;
    return simple;
  }
  const width = esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
  const hex = cursor.src.slice(cursor.pos + 2, cursor.pos + 2 + width);
  if (width === 0 || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex))
    throw cursor.fail(`invalid escape sequence "\\${esc}"`);
  const cp = Number.parseInt(hex, 16);
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw cursor.fail('invalid unicode escape');
  cursor.pos += 2 + width;
  return String.fromCodePoint(cp);
}

function readInterpolation(cursor: Cursor, expr: ExprParser): Expr {
  cursor.skip(true);
  const value = expr(cursor);
  cursor.skip(true);
  return value;
}

function readDirective(cursor: Cursor, expr: ExprParser, at: number): Item {
  cursor.skip(true);
  const word = cursor.ident();
  cursor.skip(true);
  if (word === 'if') {
    const cond = expr(cursor);
    cursor.skip(true);
    return { k: 'directive', word, cond, at };
  }
  if (word === 'for') {
    const { keyVar, valVar, coll } = readForHeader(cursor, expr, 'directive');
    return { k: 'directive', word, keyVar, valVar, coll, at } as Item;
  }
  if (word === 'else' || word === 'endif' || word === 'endfor') return { k: 'directive', word, at };
  throw cursor.fail(`unknown template directive "${word}"`, at);
}

/**
 * `k, v in COLL` (or `v in COLL`) of a for-expression or a for-directive;
 * the cursor is after `for`, and ends after COLL and blanks.
 */
export function readForHeader(
  cursor: Cursor,
  expr: ExprParser,
  what: string,
): { keyVar: string | undefined; valVar: string; coll: Expr } {
  cursor.skip(true);
  let valVar = cursor.ident();
  let keyVar: string | undefined;
  cursor.skip(true);
  if (cursor.peek() === ',') {
    cursor.pos++;
    cursor.skip(true);
    keyVar = valVar;
    valVar = cursor.ident();
    cursor.skip(true);
  }
  if (cursor.ident() !== 'in') throw cursor.fail(`expected "in" in a for ${what}`);
  cursor.skip(true);
  const coll = expr(cursor);
  cursor.skip(true);
  return { keyVar, valVar, coll };
}

/** Turns the flat item list into nested if/for parts. */
function structure(
  cursor: Cursor,
  items: Item[],
  index: { i: number },
  closers: readonly string[],
): { parts: TemplatePart[]; closer: string | undefined } {
  const parts: TemplatePart[] = [];
  while (index.i < items.length) {
    const item = items[index.i++] as Item;
    if (item.k !== 'directive') {
      parts.push(item);
      continue;
    }
    if (closers.includes(item.word)) return { parts, closer: item.word };
    if (item.word === 'if') {
      const then = structure(cursor, items, index, ['else', 'endif']);
      if (then.closer === undefined) throw cursor.fail('%{ if } without %{ endif }', item.at);
      const other =
        then.closer === 'else'
          ? structure(cursor, items, index, ['endif'])
          : { parts: [], closer: 'endif' };
      if (other.closer !== 'endif') throw cursor.fail('%{ if } without %{ endif }', item.at);
      parts.push({ k: 'if', cond: item.cond as Expr, then: then.parts, else: other.parts });
    } else if (item.word === 'for') {
      const body = structure(cursor, items, index, ['endfor']);
      if (body.closer !== 'endfor') throw cursor.fail('%{ for } without %{ endfor }', item.at);
      parts.push({
        k: 'for',
        keyVar: item.keyVar,
        valVar: item.valVar as string,
        coll: item.coll as Expr,
        body: body.parts,
      });
    } else {
      throw cursor.fail(`unexpected %{ ${item.word} }`, item.at);
    }
  }
  return { parts, closer: undefined };
}

/** A quoted template: the cursor is on the opening `"`; it ends after the closing one. */
export function readQuotedTemplate(cursor: Cursor, expr: ExprParser, nfc = true): TemplatePart[] {
  cursor.expect('"');
  const plain = plainStringEnd(cursor.src, cursor.pos);
  if (plain >= 0) {
    // Most strings are plain text: one slice, no template machinery.
    const text = cursor.src.slice(cursor.pos, plain);
    cursor.pos = plain + 1;
    return text === '' ? [] : [{ k: 'text', text: nfc ? toNfc(text) : text }];
  }
  const items = readItems(cursor, true, expr, cursor.src.length);
  cursor.expect('"');
  return toParts(cursor, items, nfc);
}

/** Where a string with no escape, template sequence or newline closes; -1 otherwise. */
export function plainStringEnd(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if (code === 34) return i;
    if (
      code === 92 ||
      code === 10 ||
      code === 13 ||
      ((code === 36 || code === 37) && src.charCodeAt(i + 1) === 123)
    )
      return -1;
  }
  return -1;
}

/**
 * Literal tokens melded into one text part each (NFC, as cty strings are),
 * then nested into if/for parts.
 */
function toParts(cursor: Cursor, items: Item[], nfc = true): TemplatePart[] {
  const melded: Item[] = [];
  let directives = false;
  for (const item of items) {
    const last = melded.at(-1);
    if (item.k === 'text' && last?.k === 'text')
      melded[melded.length - 1] = { k: 'text', text: last.text + item.text };
    else melded.push(item);
    if (item.k === 'directive') directives = true;
  }
  if (nfc)
    for (const [i, item] of melded.entries())
      if (item.k === 'text') melded[i] = { k: 'text', text: toNfc(item.text) };
  if (!directives) return melded as TemplatePart[];
  return structure(cursor, melded, { i: 0 }, []).parts;
}

/**
 * `<<-`: hclsyntax's flushHeredocTemplateParts. The fewest leading spaces (any
 * Unicode space, counted in grapheme clusters) of the tokens that open a line
 * are removed from each of them; a line of spaces only is neither counted nor
 * trimmed, and a line that opens with a sequence counts as no indentation.
 */
function flushIndent(items: Item[]): void {
  let fewest = Infinity;
  let lineStart = true;
  const adjust: number[] = [];
  for (const [i, item] of items.entries()) {
    if (lineStart) {
      lineStart = false;
      let count = 0;
      if (item.k === 'text') {
        const trimmed = item.text.replace(leadingSpaces, '');
        if (trimmed === '' && item.text.endsWith('\n')) count = Infinity;
        else {
          count = item.text.length - trimmed.length;
          adjust.push(i);
        }
      }
      fewest = Math.min(fewest, count);
    }
    if (item.k === 'text' && item.text.endsWith('\n')) lineStart = true;
  }
  for (const i of adjust) {
    const item = items[i];
    if (item?.k === 'text') items[i] = { k: 'text', text: dropGraphemes(item.text, fewest) };
  }
}

/** `text` without its first `n` grapheme clusters (here: spaces, and any marks joined to them). */
function dropGraphemes(text: string, n: number): string {
  // Below U+0300 nothing can join the n-th space into a longer cluster.
  if (n >= text.length || text.charCodeAt(n) < 0x300) return text.slice(n);
  let at = 0;
  let taken = 0;
  for (const { segment } of graphemeSegments(text)) {
    if (taken++ === n) break;
    at += segment.length;
  }
  return text.slice(at);
}

/**
 * A heredoc body up to its closing `marker` line (the cursor stops at the
 * start of that line), or a JSON string up to `end`; `flush` for `<<-`.
 */
export function readHeredocTemplate(
  cursor: Cursor,
  expr: ExprParser,
  end: number,
  options: { readonly flush?: boolean; readonly marker?: string; readonly opening?: number } = {},
): TemplatePart[] {
  const { flush = false, marker, opening = cursor.pos } = options;
  const heredoc = marker === undefined ? undefined : { marker, opening };
  const items = readItems(cursor, false, expr, end, heredoc);
  if (flush) flushIndent(items);
  return toParts(cursor, items);
}
