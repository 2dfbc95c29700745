import type { InputError } from '../../errors.js';
import type { Attribute, Block, Body, Expr, HclFile, TemplatePart } from './ast.js';
import { Cursor } from './cursor.js';
import { readForHeader, readHeredocTemplate, readQuotedTemplate } from './template.js';

/**
 * Parses HCL native syntax (the Terraform language) into an AST with source
 * offsets. It accepts what HashiCorp's hclsyntax accepts (see docs/hcl-parser.md).
 * Syntax errors throw InputError `file:line:col: message`.
 */
export function parseHcl(src: string, path: string): HclFile {
  const cursor = new Cursor(src, path);
  const body = guardDepth(cursor, () => parseBody(cursor));
  return { path, body, lineOf: (offset) => cursor.lineOf(offset) };
}

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
 * Runs `read`, turning a stack overflow on input nested deeper than the
 * parser can follow into a one-line InputError at the place it was reached.
 */
export function guardDepth<T>(c: Cursor, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError)
      throw c.fail('nested too deeply for gcadopt to read (brackets, blocks or templates)');
    throw error;
  }
}

interface OpenBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly start: number;
  readonly attributes: Map<string, Attribute>;
  readonly blocks: Block[];
}

/**
 * The file's body. Nested blocks are kept on an explicit stack rather than
 * by recursion, so nesting depth is not bounded by the call stack.
 */
function parseBody(c: Cursor): Body {
  const root: OpenBlock = { type: '', labels: [], start: 0, attributes: new Map(), blocks: [] };
  const open: OpenBlock[] = [root];
  for (;;) {
    const top = open.at(-1) ?? root;
    c.skip(true);
    if (c.eof()) {
      if (top !== root) throw c.fail('unclosed block: expected "}"');
      return { attributes: root.attributes, blocks: root.blocks };
    }
    if (top !== root && c.peek() === '}') {
      c.pos++;
      open.pop();
      const { type, labels, start, attributes, blocks } = top;
      (open.at(-1) ?? root).blocks.push({ type, labels, body: { attributes, blocks }, start });
      endItem(c, type);
      continue;
    }
    const start = c.pos;
    const name = c.ident();
    c.skip(false);
    if (c.peek() === '=' && c.peek(1) !== '=') {
      const expr = parseAttributeValue(c);
      if (top.attributes.has(name)) throw c.fail(`attribute "${name}" is defined twice`, start);
      top.attributes.set(name, { name, expr, start });
    } else {
      const labels = parseLabels(c, name);
      c.skip(false);
      if (c.eof() || c.peek() === '\n' || c.peek() === '}') {
        open.push({ type: name, labels, start, attributes: new Map(), blocks: [] });
        continue;
      }
      const body = parseSingleLineBody(c, name);
      c.expect('}');
      top.blocks.push({ type: name, labels, body, start });
    }
    endItem(c, name);
  }
}

/** Every attribute and block ends with a newline (or the end of the file). */
function endItem(c: Cursor, name: string): void {
  c.skip(false);
  if (!c.eof() && c.peek() !== '\n')
    throw c.fail(`expected a newline after "${name}", found ${c.describe()}`);
}

/** The labels of a block, up to and past its `{`. */
function parseLabels(c: Cursor, type: string): string[] {
  const labels: string[] = [];
  while (c.peek() !== '{') {
    if (c.peek() === '"') labels.push(literalLabel(c));
    else if (c.isIdentStart()) labels.push(c.ident());
    else throw c.fail(`expected "=" or a block, found ${c.describe()} after "${type}"`);
    c.skip(false);
  }
  c.pos++;
  return labels;
}

/** `= expr` of an attribute; newlines end it. */
function parseAttributeValue(c: Cursor): Expr {
  c.pos++;
  c.skip(false);
  return parseExpr(c, true);
}

/** `type { name = value }` on one line: exactly one attribute, closed on the same line. */
function parseSingleLineBody(c: Cursor, type: string): Body {
  const start = c.pos;
  const name = c.ident();
  c.skip(false);
  if (c.peek() !== '=' || c.peek(1) === '=')
    throw c.fail(
      `a single-line block "${type}" can hold only one attribute ("name = value"); put a nested block on a line of its own`,
      start,
    );
  const expr = parseAttributeValue(c);
  c.skip(false);
  if (c.peek() !== '}')
    throw c.fail(
      `a single-line block "${type}" holds one attribute and closes on the same line; found ${c.describe()}`,
    );
  return { attributes: new Map([[name, { name, expr, start }]]), blocks: [] };
}

function literalLabel(c: Cursor): string {
  const start = c.pos;
  // Labels are names, not cty strings: HCL keeps them as written (no NFC).
  const parts = readQuotedTemplate(c, (cur) => parseExpr(cur, false), false);
  if (parts.some((p) => p.k !== 'text'))
    throw c.fail('a block label cannot hold a template', start);
  return parts.length === 1 && parts[0]?.k === 'text'
    ? parts[0].text
    : parts.map((p) => (p.k === 'text' ? p.text : '')).join('');
}

/**
 * An expression. `nl`: newlines are significant here (an attribute value,
 * an object item) and end the expression; inside parentheses, brackets,
 * calls, for-expressions and interpolations they are blanks, as in HCL.
 */
export function parseExpr(c: Cursor, nl: boolean): Expr {
  if (++c.depth > maxNesting) throw tooDeep(c);
  const expr = parseConditional(c, nl);
  c.depth--;
  return expr;
}

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
  return parsePostfix(c, nl, parsePrimary(c, nl));
}

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

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Attribute access, indexes and splats; blanks may stand around `.` and before `[`. */
function parsePostfix(c: Cursor, nl: boolean, base: Expr): Expr {
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
        expr = parseFullSplat(c, nl, expr, start);
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
function parseFullSplat(c: Cursor, nl: boolean, obj: Expr, start: number): Expr {
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

// hclsyntax's NumberLit token: digits, dots and exponents, never ending in a dot.
const numberToken = /\d(?:[\d.]|[eE][+-]?\d)*/y;
const numberValid = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;

function readNumberToken(c: Cursor): string {
  numberToken.lastIndex = c.pos;
  let token = numberToken.exec(c.src)?.[0] ?? '';
  while (token.endsWith('.')) token = token.slice(0, -1);
  c.pos += token.length;
  return token;
}

function numberValue(c: Cursor, token: string, start: number): number {
  if (!numberValid.test(token)) throw c.fail(`invalid number "${token}"`, start);
  return Number(token);
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
    items.push(parseExpr(c, false));
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
    items.push({ key, value: parseExpr(c, true) });
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
