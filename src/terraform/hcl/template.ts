import type { Expr, TemplatePart } from './ast.js';
import type { Cursor } from './cursor.js';

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

/**
 * Reads template items up to `"` (quoted) or the end of `src` (heredoc
 * body). Quoted templates take backslash escapes; heredocs do not.
 */
function readItems(cursor: Cursor, quoted: boolean, expr: ExprParser, end: number): Item[] {
  const items: Item[] = [];
  const src = cursor.src;
  let text = '';
  let run = cursor.pos;
  // Literal text is taken in slices between special characters, not char by char.
  const take = (): void => {
    if (cursor.pos > run) text += src.slice(run, cursor.pos);
  };
  const flush = (): void => {
    take();
    if (text !== '') items.push({ k: 'text', text });
    text = '';
  };
  while (cursor.pos < end) {
    const code = src.charCodeAt(cursor.pos);
    // Only " \ $ % and newline are special.
    if (code !== 34 && code !== 92 && code !== 36 && code !== 37 && code !== 10) {
      cursor.pos++;
      continue;
    }
    const c = src[cursor.pos] ?? '';
    if (quoted && c === '"') return (flush(), items);
    if (quoted && c === '\n')
      throw cursor.fail('unterminated string (a quoted string cannot span lines)');
    if (quoted && c === '\\') {
      take();
      text += readEscape(cursor);
      run = cursor.pos;
      continue;
    }
    if ((c === '$' || c === '%') && cursor.peek(1) === c && cursor.peek(2) === '{') {
      take();
      text += `${c}{`;
      cursor.pos += 3;
      run = cursor.pos;
      continue;
    }
    if ((c === '$' || c === '%') && cursor.peek(1) === '{') {
      const at = cursor.pos;
      take();
      cursor.pos += 2;
      const stripBefore = cursor.peek() === '~';
      if (stripBefore) cursor.pos++;
      if (stripBefore) text = text.replace(/\s+$/u, '');
      run = cursor.pos;
      flush();
      items.push(
        c === '$'
          ? { k: 'interp', expr: readInterpolation(cursor, expr) }
          : readDirective(cursor, expr, at),
      );
      if (cursor.peek() === '~') {
        cursor.pos++;
        cursor.expect('}');
        stripFollowing(cursor, end);
      } else {
        cursor.expect('}');
      }
      run = cursor.pos;
      continue;
    }
    cursor.pos++;
  }
  if (quoted) throw cursor.fail('unterminated string');
  flush();
  return items;
}

function stripFollowing(cursor: Cursor, end: number): void {
  while (cursor.pos < end && /\s/u.test(cursor.peek())) cursor.pos++;
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
export function readQuotedTemplate(cursor: Cursor, expr: ExprParser): TemplatePart[] {
  cursor.expect('"');
  const plain = plainStringEnd(cursor.src, cursor.pos);
  if (plain >= 0) {
    // Most strings are plain text: one slice, no template machinery.
    const text = cursor.src.slice(cursor.pos, plain);
    cursor.pos = plain + 1;
    return text === '' ? [] : [{ k: 'text', text }];
  }
  const items = readItems(cursor, true, expr, cursor.src.length);
  cursor.expect('"');
  return toParts(cursor, items);
}

/** Where a string with no escape, template sequence or newline closes; -1 otherwise. */
function plainStringEnd(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const code = src.charCodeAt(i);
    if (code === 34) return i;
    if (
      code === 92 ||
      code === 10 ||
      ((code === 36 || code === 37) && src.charCodeAt(i + 1) === 123)
    )
      return -1;
  }
  return -1;
}

/** Nested parts; a template with no directive needs no restructuring. */
function toParts(cursor: Cursor, items: Item[]): TemplatePart[] {
  if (!items.some((i) => i.k === 'directive')) return items as TemplatePart[];
  return structure(cursor, items, { i: 0 }, []).parts;
}

/** A heredoc body already isolated in the source between `start` and `end`. */
export function readHeredocTemplate(cursor: Cursor, expr: ExprParser, end: number): TemplatePart[] {
  return toParts(cursor, readItems(cursor, false, expr, end));
}
