import type { InputError } from '../../errors.js';
import type { Expr, TemplatePart } from './ast.js';
import type { Cursor } from './cursor.js';
import {
  plainStringEnd,
  readForHeader,
  readHeredocTemplate,
  readQuotedTemplate,
  toNfc,
} from './template.js';
import { isDigit, numberValue, parsePostfix, readNumberToken } from './traversal.js';

/**
 * The deepest nesting of expressions gcadopt reads: brackets, parentheses,
 * calls, templates, conditionals, unary operators and chains of binary ones.
 * Real configurations stay below a few dozen levels; the parser and the
 * evaluator recurse per level, so a fixed limit well inside the call stack
 * makes deeper input a clean error (Terraform itself reads deeper). Blocks
 * are not limited: they are read without recursion.
 */
export const maxNesting = 500;

/** Counts one more level of nesting, failing cleanly past `maxNesting`. */
function enterNesting(c: Cursor): void {
  if (++c.depth > maxNesting) throw tooDeep(c);
}

function tooDeep(c: Cursor): InputError {
  return c.fail(
    `expressions nested deeper than ${maxNesting} levels (brackets, calls, templates or operators); gcadopt reads up to ${maxNesting}`,
  );
}

/**
 * An expression. `nl`: newlines are significant here (an attribute value,
 * an object item) and end the expression; inside parentheses, brackets,
 * calls, for-expressions and interpolations they are blanks, as in HCL.
 */
export function parseExpr(c: Cursor, nl: boolean): Expr {
  if (c.src.charCodeAt(c.pos) === 34 && c.depth < maxNesting) {
    const plain = plainString(c, nl);
    if (plain !== undefined) return plain;
  }
  if (++c.depth > maxNesting) throw tooDeep(c);
  const expr = parseConditional(c, nl);
  c.depth--;
  return expr;
}

/**
 * A plain quoted string (no escape or template sequence) that is the whole
 * expression: what most values in real files are. It is read in one step
 * instead of through every precedence level, when what follows it can only
 * end an expression: `,`, `)`, `]`, `}`, `:`, `=` other than `==`, the end of
 * the file, or a newline where newlines end expressions. Otherwise the cursor
 * is left where it was and undefined returned.
 */
function plainString(c: Cursor, nl: boolean): Expr | undefined {
  const src = c.src;
  const start = c.pos;
  const close = plainStringEnd(src, start + 1);
  if (close < 0) return undefined;
  let at = close + 1;
  let code = src.charCodeAt(at);
  while (code === 32 || code === 9) code = src.charCodeAt(++at);
  const ends =
    code === 44 ||
    code === 41 ||
    code === 93 ||
    code === 125 ||
    code === 58 ||
    (code === 61 && src.charCodeAt(at + 1) !== 61) ||
    at >= src.length ||
    (nl && (code === 10 || (code === 13 && src.charCodeAt(at + 1) === 10)));
  if (!ends) return undefined;
  c.pos = close + 1;
  // A value only checked for syntax is never read.
  if (!c.keep) return hollowString;
  return { k: 'lit', value: toNfc(src.slice(start + 1, close)), start };
}

/** What a plain string checked for syntax only stands for (see Cursor.keep). */
const hollowString: Expr = { k: 'lit', value: '', start: -1 };

function parseConditional(c: Cursor, nl: boolean): Expr {
  const start = c.pos;
  const cond = parseBinary(c, nl, 0);
  const save = c.pos;
  c.skip(!nl);
  if (c.peek() !== '?') {
    // Leave the newline for the caller: it separates object items.
    c.pos = save;
    return cond;
  }
  c.pos++;
  c.skip(!nl);
  const then = parseExpr(c, nl);
  c.skip(!nl);
  c.expect(':');
  c.skip(!nl);
  return { k: 'cond', cond, then, else: parseExpr(c, nl), start };
}

/** The binary operator at the cursor and its precedence level (0 lowest), if any. */
function peekOperator(c: Cursor): [string, number] | undefined {
  const a = c.peek();
  const b = c.peek(1);
  switch (a) {
    case '|':
      return b === '|' ? ['||', 0] : undefined;
    case '&':
      return b === '&' ? ['&&', 1] : undefined;
    case '=':
      return b === '=' ? ['==', 2] : undefined;
    case '!':
      return b === '=' ? ['!=', 2] : undefined;
    case '<':
      return b === '=' ? ['<=', 3] : b === '<' ? undefined : ['<', 3];
    case '>':
      return b === '=' ? ['>=', 3] : ['>', 3];
    case '+':
    case '-':
      return [a, 4];
    case '*':
    case '/':
    case '%':
      return [a, 5];
    default:
      return undefined;
  }
}

/** Precedence climbing over HCL's six binary levels (all left-associative). */
function parseBinary(c: Cursor, nl: boolean, minLevel: number): Expr {
  let left = parseUnary(c, nl);
  // A chain of operators nests its left side one level per operator.
  let chain = 0;
  for (;;) {
    const save = c.pos;
    c.skip(!nl);
    const found = peekOperator(c);
    if (found === undefined || found[1] < minLevel) {
      c.pos = save;
      c.depth -= chain;
      return left;
    }
    enterNesting(c);
    chain++;
    const [op, level] = found;
    const start = c.pos;
    c.pos += op.length;
    c.skip(!nl);
    const right = parseBinary(c, nl, level + 1);
    left = { k: 'binary', op, left, right, start };
  }
}

function parseUnary(c: Cursor, nl: boolean): Expr {
  const start = c.pos;
  if (c.peek() === '!' || (c.peek() === '-' && !isDigit(c.src.charCodeAt(c.pos + 1)))) {
    const op = c.peek() as '!' | '-';
    c.pos++;
    c.skip(!nl);
    enterNesting(c);
    const expr = parseUnary(c, nl);
    c.depth--;
    return { k: 'unary', op, expr, start };
  }
  return parsePostfix(c, nl, parsePrimary(c, nl), parseExpr);
}

function parsePrimary(c: Cursor, nl: boolean): Expr {
  const start = c.pos;
  const ch = c.peek();
  if (ch === '"')
    return template(
      readQuotedTemplate(c, (cur) => parseExpr(cur, false)),
      start,
    );
  if (c.startsWith('<<')) return parseHeredoc(c, start);
  if (ch === '-' || isDigit(c.src.charCodeAt(c.pos))) return parseNumber(c, start);
  if (ch === '(') {
    c.pos++;
    c.skip(true);
    const expr = parseExpr(c, false);
    c.skip(true);
    c.expect(')');
    return { k: 'paren', expr, start };
  }
  if (ch === '[') return parseTuple(c, start);
  if (ch === '{') return parseObject(c, start);
  if (c.isIdentStart()) return parseName(c, nl, start);
  throw c.fail(`expected an expression, found ${c.describe()}`);
}

function template(parts: readonly TemplatePart[], start: number): Expr {
  // A template that is exactly one interpolation keeps the value's type.
  if (parts.length === 1 && parts[0]?.k === 'interp') return parts[0].expr;
  if (parts.length === 0) return { k: 'lit', value: '', start };
  if (parts.length === 1 && parts[0]?.k === 'text')
    return { k: 'lit', value: parts[0].text, start };
  return { k: 'template', parts, start };
}

function parseNumber(c: Cursor, start: number): Expr {
  const negative = c.peek() === '-';
  if (negative) c.pos++;
  const token = readNumberToken(c);
  const value = numberValue(c, token, start);
  return { k: 'lit', value: negative ? -value : value, start };
}

/** A variable, `true`/`false`/`null`, or a call: `f(...)`, `provider::p::f(...)`. */
function parseName(c: Cursor, nl: boolean, start: number): Expr {
  let name = c.ident();
  const save = c.pos;
  c.skip(!nl);
  if (c.peek() !== '(' && !c.startsWith('::')) {
    c.pos = save;
    if (name === 'true' || name === 'false') return { k: 'lit', value: name === 'true', start };
    if (name === 'null') return { k: 'lit', value: null, start };
    return { k: 'var', name, start };
  }
  while (c.startsWith('::')) {
    c.pos += 2;
    c.skip(!nl);
    if (!c.isIdentStart()) throw c.fail(`expected a function name after "${name}::"`);
    name += `::${c.ident()}`;
    c.skip(!nl);
  }
  if (c.peek() !== '(') throw c.fail(`expected "(" to call ${name}, found ${c.describe()}`);
  c.pos++;
  const args: Expr[] = [];
  let expand = false;
  for (;;) {
    c.skip(true);
    if (c.peek() === ')') break;
    args.push(parseExpr(c, false));
    c.skip(true);
    if (c.startsWith('...')) {
      expand = true;
      c.pos += 3;
      c.skip(true);
      if (c.peek() !== ')')
        throw c.fail(`expected ")" after the expanded argument of ${name}, found ${c.describe()}`);
    }
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== ')')
      throw c.fail(`expected "," or ")" in the call of ${name}, found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'call', name, args, expand, start };
}

function parseTuple(c: Cursor, start: number): Expr {
  c.pos++;
  c.skip(true);
  if (c.isKeyword('for')) return parseFor(c, start, false);
  const items: Expr[] = [];
  for (;;) {
    c.skip(true);
    if (c.peek() === ']') break;
    const item = parseExpr(c, false);
    if (c.keep) items.push(item);
    c.skip(true);
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== ']') throw c.fail(`expected "," or "]", found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'tuple', items, start };
}

/** An object: newlines separate its items (as commas do), so they are significant inside. */
function parseObject(c: Cursor, start: number): Expr {
  c.pos++;
  c.skip(true);
  if (c.isKeyword('for')) return parseFor(c, start, true);
  const items: { key: Expr; value: Expr }[] = [];
  for (;;) {
    c.skip(true);
    if (c.peek() === '}') break;
    const key = parseObjectKey(c);
    c.skip(false);
    if ((c.peek() === '=' && c.peek(1) !== '=') || c.peek() === ':') c.pos++;
    else throw c.fail(`expected "=" or ":" after an object key, found ${c.describe()}`);
    c.skip(false);
    const value = parseExpr(c, true);
    if (c.keep) items.push({ key, value });
    c.skip(false);
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== '\n' && c.peek() !== '}')
      throw c.fail(`expected a newline, "," or "}" in an object, found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'object', items, start };
}

/** A bare name is a literal key; anything else (parentheses, templates, traversals) is an expression. */
function parseObjectKey(c: Cursor): Expr {
  const start = c.pos;
  if (c.isIdentStart()) {
    const name = c.ident();
    const save = c.pos;
    c.skip(false);
    const next = c.peek();
    c.pos = save;
    const equals = c.src.indexOf('=', save);
    if ((next === '=' && c.src[equals + 1] !== '=') || next === ':')
      return { k: 'lit', value: name, start };
    c.pos = start;
  }
  return parseExpr(c, true);
}

function parseFor(c: Cursor, start: number, object: boolean): Expr {
  c.pos += 3;
  const { keyVar, valVar, coll } = readForHeader(c, (cur) => parseExpr(cur, false), 'expression');
  c.expect(':');
  c.skip(true);
  let keyExpr: Expr | undefined;
  let valExpr = parseExpr(c, false);
  c.skip(true);
  if (object) {
    c.expect('=>');
    c.skip(true);
    keyExpr = valExpr;
    valExpr = parseExpr(c, false);
    c.skip(true);
  }
  let group = false;
  if (c.startsWith('...')) {
    if (!object) throw c.fail('grouping (...) is only for object for-expressions, not tuples');
    group = true;
    c.pos += 3;
    c.skip(true);
  }
  let cond: Expr | undefined;
  if (c.isKeyword('if')) {
    c.pos += 2;
    c.skip(true);
    cond = parseExpr(c, false);
    c.skip(true);
  }
  c.expect(object ? '}' : ']');
  return { k: 'for', object, keyVar, valVar, coll, keyExpr, valExpr, cond, group, start };
}

const heredocOpening = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;

function parseHeredoc(c: Cursor, start: number): Expr {
  heredocOpening.lastIndex = c.pos;
  const match = heredocOpening.exec(c.src);
  if (match === null) throw c.fail('expected a heredoc marker such as <<EOT followed by a newline');
  const [whole, dash, marker] = match as unknown as [string, string, string];
  const opening = c.pos;
  c.pos += whole.length;
  const parts = readHeredocTemplate(c, (cur) => parseExpr(cur, false), c.src.length, {
    flush: dash === '-',
    marker,
    opening,
  });
  // The newline that ends the closing marker's line ends the attribute too.
  const newline = c.src.indexOf('\n', c.pos);
  c.pos = c.src[newline - 1] === '\r' ? newline - 1 : newline;
  return template(parts, start);
}
