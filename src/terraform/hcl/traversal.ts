import type { Expr } from './ast.js';
import type { Cursor } from './cursor.js';

/** Reads an expression (the expression parser's, passed in to avoid a cycle). */
export type ExprReader = (c: Cursor, nl: boolean) => Expr;

/** `.`, `[`, or a blank or comment that may stand before them. */
function mayContinue(code: number): boolean {
  return (
    code === 46 ||
    code === 91 ||
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 47 ||
    code === 35
  );
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Attribute access, indexes and splats; blanks may stand around `.` and before `[`. */
export function parsePostfix(c: Cursor, nl: boolean, base: Expr, parseExpr: ExprReader): Expr {
  let expr = base;
  for (;;) {
    // Most expressions end here: nothing that could lead to `.` or `[`.
    if (!mayContinue(c.src.charCodeAt(c.pos))) return expr;
    const save = c.pos;
    c.skip(!nl);
    const start = c.pos;
    const ch = c.peek();
    if (ch === '.' && c.peek(1) !== '.') {
      c.pos++;
      c.skip(!nl);
      if (c.peek() === '*') {
        c.pos++;
        expr = parseAttrSplat(c, nl, expr, start);
      } else if (isDigit(c.src.charCodeAt(c.pos))) {
        expr = { k: 'index', obj: expr, key: legacyIndex(c), start };
      } else if (c.isIdentStart()) {
        expr = { k: 'attr', obj: expr, name: c.ident(), start };
      } else {
        throw c.fail(`expected an attribute name after ".", found ${c.describe()}`);
      }
    } else if (ch === '[') {
      c.pos++;
      if (isSplatStar(c, nl)) {
        expr = parseFullSplat(c, nl, expr, start, parseExpr);
        continue;
      }
      c.skip(true);
      const key = parseExpr(c, false);
      c.skip(true);
      c.expect(']');
      expr = { k: 'index', obj: expr, key, start };
    } else {
      c.pos = save;
      return expr;
    }
  }
}

/**
 * After `[`: whether `*]` follows, consuming it. Only the `[` of an index
 * makes newlines blanks, so where they are significant none may stand in `[*]`.
 */
function isSplatStar(c: Cursor, nl: boolean): boolean {
  const save = c.pos;
  c.skip(!nl);
  if (c.peek() !== '*') {
    c.pos = save;
    return false;
  }
  c.pos++;
  c.skip(!nl);
  c.expect(']');
  return true;
}

/** The number of a legacy index `.0`: HCL scans `.0.1` as `.` and the number `0.1`, and refuses it. */
function legacyIndex(c: Cursor): Expr {
  const start = c.pos;
  const token = readNumberToken(c);
  if (token.includes('.'))
    throw c.fail(
      `a legacy index cannot be chained ("${token}"): write [${token.replace('.', '][')}]`,
      start,
    );
  return { k: 'lit', value: numberValue(c, token, start), start };
}

/** `.*` then `.name` or `.0` steps, each applied to every element. */
function parseAttrSplat(c: Cursor, nl: boolean, obj: Expr, start: number): Expr {
  const each: ({ k: 'attr'; name: string } | { k: 'index'; key: Expr })[] = [];
  for (;;) {
    const save = c.pos;
    c.skip(!nl);
    if (c.peek() !== '.' || c.peek(1) === '.') {
      c.pos = save;
      return { k: 'splat', obj, each, start };
    }
    c.pos++;
    c.skip(!nl);
    if (isDigit(c.src.charCodeAt(c.pos))) each.push({ k: 'index', key: legacyIndex(c) });
    else if (c.isIdentStart()) each.push({ k: 'attr', name: c.ident() });
    else if (c.peek() === '*') throw c.fail('a splat (*) cannot stand inside an attribute splat');
    else throw c.fail(`expected an attribute name after ".", found ${c.describe()}`);
  }
}

/** `[*]` then any traversal steps, each applied to every element. */
function parseFullSplat(
  c: Cursor,
  nl: boolean,
  obj: Expr,
  start: number,
  parseExpr: ExprReader,
): Expr {
  const each: ({ k: 'attr'; name: string } | { k: 'index'; key: Expr })[] = [];
  for (;;) {
    const save = c.pos;
    c.skip(!nl);
    if (c.peek() === '.' && c.peek(1) !== '.') {
      c.pos++;
      c.skip(!nl);
      if (c.peek() === '*') {
        // A nested splat: the outer one ends here.
        c.pos = save;
        return { k: 'splat', obj, each, start };
      }
      if (isDigit(c.src.charCodeAt(c.pos))) each.push({ k: 'index', key: legacyIndex(c) });
      else if (c.isIdentStart()) each.push({ k: 'attr', name: c.ident() });
      else throw c.fail(`expected an attribute name after ".", found ${c.describe()}`);
    } else if (c.peek() === '[') {
      const at = c.pos;
      c.pos++;
      if (isSplatStar(c, nl)) {
        c.pos = at;
        return { k: 'splat', obj, each, start };
      }
      c.skip(true);
      each.push({ k: 'index', key: parseExpr(c, false) });
      c.skip(true);
      c.expect(']');
    } else {
      c.pos = save;
      return { k: 'splat', obj, each, start };
    }
  }
}

// hclsyntax's NumberLit token: digits, dots and exponents, never ending in a dot.
const numberToken = /\d(?:[\d.]|[eE][+-]?\d)*/y;
const numberValid = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function readNumberToken(c: Cursor): string {
  numberToken.lastIndex = c.pos;
  let token = numberToken.exec(c.src)?.[0] ?? '';
  while (token.endsWith('.')) token = token.slice(0, -1);
  c.pos += token.length;
  return token;
}

export function numberValue(c: Cursor, token: string, start: number): number {
  if (!numberValid.test(token)) throw c.fail(`invalid number "${token}"`, start);
  return Number(token);
}
