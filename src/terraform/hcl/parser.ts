import type { Attribute, Block, Body, Expr, HclFile, TemplatePart } from './ast.js';
import { Cursor } from './cursor.js';
import { readForHeader, readHeredocTemplate, readQuotedTemplate } from './template.js';

/**
 * Parses HCL native syntax (the Terraform language) into an AST with source
 * offsets. Syntax errors throw InputError `file:line:col: message`.
 */
export function parseHcl(src: string, path: string): HclFile {
  const cursor = new Cursor(src, path);
  const body = parseBody(cursor, false);
  return { path, body, lineOf: (offset) => cursor.lineOf(offset) };
}

function parseBody(c: Cursor, nested: boolean): Body {
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  for (;;) {
    c.skip(true);
    if (c.eof()) {
      if (nested) throw c.fail('unclosed block: expected "}"');
      break;
    }
    if (nested && c.peek() === '}') break;
    const start = c.pos;
    const name = c.ident();
    c.skip(false);
    if (c.peek() === '=' && c.peek(1) !== '=') {
      c.pos++;
      c.skip(false);
      const expr = parseExpr(c, 0);
      if (attributes.has(name)) throw c.fail(`attribute "${name}" is defined twice`, start);
      attributes.set(name, { name, expr, start });
    } else {
      const labels: string[] = [];
      while (c.peek() !== '{') {
        if (c.peek() === '"') labels.push(literalLabel(c));
        else if (c.isIdentStart()) labels.push(c.ident());
        else throw c.fail(`expected "=" or a block, found ${c.describe()} after "${name}"`);
        c.skip(false);
      }
      c.pos++;
      const body = parseBody(c, true);
      c.expect('}');
      blocks.push({ type: name, labels, body, start });
    }
    c.skip(false);
    if (!c.eof() && c.peek() !== '\n' && !(nested && c.peek() === '}')) {
      throw c.fail(`expected a newline after "${name}", found ${c.describe()}`);
    }
  }
  return { attributes, blocks };
}

function literalLabel(c: Cursor): string {
  const start = c.pos;
  const parts = readQuotedTemplate(c, (cur) => parseExpr(cur, 1));
  if (parts.some((p) => p.k !== 'text'))
    throw c.fail('a block label cannot hold a template', start);
  return parts.map((p) => (p.k === 'text' ? p.text : '')).join('');
}

/**
 * An expression. `depth` > 0 means inside brackets, where newlines are blanks;
 * at depth 0 (an attribute value) a newline ends the expression.
 */
export function parseExpr(c: Cursor, depth: number): Expr {
  const start = c.pos;
  const cond = parseBinary(c, depth, 0);
  const save = c.pos;
  skip(c, depth);
  if (c.peek() !== '?') {
    // Leave the newline for the caller: it separates object items.
    c.pos = save;
    return cond;
  }
  c.pos++;
  skip(c, depth);
  const then = parseExpr(c, depth);
  skip(c, depth);
  c.expect(':');
  skip(c, depth);
  return { k: 'cond', cond, then, else: parseExpr(c, depth), start };
}

function skip(c: Cursor, depth: number): void {
  c.skip(depth > 0);
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
function parseBinary(c: Cursor, depth: number, minLevel: number): Expr {
  let left = parseUnary(c, depth);
  for (;;) {
    const save = c.pos;
    skip(c, depth);
    const found = peekOperator(c);
    if (found === undefined || found[1] < minLevel) {
      c.pos = save;
      return left;
    }
    const [op, level] = found;
    const start = c.pos;
    c.pos += op.length;
    skip(c, depth);
    const right = parseBinary(c, depth, level + 1);
    left = { k: 'binary', op, left, right, start };
  }
}

function parseUnary(c: Cursor, depth: number): Expr {
  const start = c.pos;
  if (c.peek() === '!' || (c.peek() === '-' && !/\d/.test(c.peek(1)))) {
    const op = c.peek() as '!' | '-';
    c.pos++;
    skip(c, depth);
    return { k: 'unary', op, expr: parseUnary(c, depth), start };
  }
  return parsePostfix(c, depth, parsePrimary(c, depth));
}

function parsePostfix(c: Cursor, depth: number, base: Expr): Expr {
  let expr = base;
  for (;;) {
    const start = c.pos;
    if (c.peek() === '.' && c.peek(1) === '*') {
      c.pos += 2;
      return parseSplat(c, depth, expr, start);
    }
    if (c.peek() === '[' && c.src.startsWith('[*]', c.pos)) {
      c.pos += 3;
      return parseSplat(c, depth, expr, start);
    }
    if (c.peek() === '.' && /\d/.test(c.peek(1))) {
      c.pos++;
      digitsPattern.lastIndex = c.pos;
      const digits = digitsPattern.exec(c.src)?.[0] ?? '';
      c.pos += digits.length;
      expr = { k: 'index', obj: expr, key: { k: 'lit', value: Number(digits), start }, start };
    } else if (c.peek() === '.' && c.peek(1) !== '.') {
      c.pos++;
      expr = { k: 'attr', obj: expr, name: c.ident(), start };
    } else if (c.peek() === '[') {
      c.pos++;
      c.skip(true);
      const key = parseExpr(c, depth + 1);
      c.skip(true);
      c.expect(']');
      expr = { k: 'index', obj: expr, key, start };
    } else {
      return expr;
    }
  }
}

function parseSplat(c: Cursor, depth: number, obj: Expr, start: number): Expr {
  const each: ({ k: 'attr'; name: string } | { k: 'index'; key: Expr })[] = [];
  for (;;) {
    if (c.peek() === '.' && c.isIdentStartAt(1)) {
      c.pos++;
      each.push({ k: 'attr', name: c.ident() });
    } else if (c.peek() === '[') {
      c.pos++;
      c.skip(true);
      each.push({ k: 'index', key: parseExpr(c, depth + 1) });
      c.skip(true);
      c.expect(']');
    } else {
      return { k: 'splat', obj, each, start };
    }
  }
}

function parsePrimary(c: Cursor, depth: number): Expr {
  const start = c.pos;
  const ch = c.peek();
  if (ch === '"')
    return template(
      readQuotedTemplate(c, (cur) => parseExpr(cur, depth + 1)),
      start,
    );
  if (c.startsWith('<<')) return parseHeredoc(c, start);
  if (/[-\d]/.test(ch)) return parseNumber(c, start);
  if (ch === '(') {
    c.pos++;
    c.skip(true);
    const expr = parseExpr(c, depth + 1);
    c.skip(true);
    c.expect(')');
    return { k: 'paren', expr, start };
  }
  if (ch === '[') return parseTuple(c, depth, start);
  if (ch === '{') return parseObject(c, depth, start);
  if (c.isIdentStart()) return parseName(c, depth, start);
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

const numberPattern = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const digitsPattern = /\d+/y;

function parseNumber(c: Cursor, start: number): Expr {
  numberPattern.lastIndex = c.pos;
  const match = numberPattern.exec(c.src);
  if (match === null) throw c.fail('expected a number');
  c.pos += match[0].length;
  return { k: 'lit', value: Number(match[0]), start };
}

function parseName(c: Cursor, depth: number, start: number): Expr {
  let name = c.ident();
  while (c.startsWith('::') && c.isIdentStartAt(2)) {
    c.pos += 2;
    name += `::${c.ident()}`;
  }
  if (name === 'true' || name === 'false') return { k: 'lit', value: name === 'true', start };
  if (name === 'null') return { k: 'lit', value: null, start };
  const save = c.pos;
  c.skip(false);
  if (c.peek() !== '(') {
    c.pos = save;
    return { k: 'var', name, start };
  }
  c.pos++;
  const args: Expr[] = [];
  let expand = false;
  for (;;) {
    c.skip(true);
    if (c.peek() === ')') break;
    args.push(parseExpr(c, depth + 1));
    c.skip(true);
    if (c.startsWith('...')) {
      expand = true;
      c.pos += 3;
      c.skip(true);
    }
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== ')')
      throw c.fail(`expected "," or ")" in the call of ${name}, found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'call', name, args, expand, start };
}

function parseTuple(c: Cursor, depth: number, start: number): Expr {
  c.pos++;
  c.skip(true);
  if (c.startsWith('for') && /\s/.test(c.peek(3))) return parseFor(c, depth, start, false);
  const items: Expr[] = [];
  for (;;) {
    c.skip(true);
    if (c.peek() === ']') break;
    items.push(parseExpr(c, depth + 1));
    c.skip(true);
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== ']') throw c.fail(`expected "," or "]", found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'tuple', items, start };
}

function parseObject(c: Cursor, depth: number, start: number): Expr {
  c.pos++;
  c.skip(true);
  if (c.startsWith('for') && /\s/.test(c.peek(3))) return parseFor(c, depth, start, true);
  const items: { key: Expr; value: Expr }[] = [];
  for (;;) {
    c.skip(true);
    if (c.peek() === '}') break;
    const keyStart = c.pos;
    // A bare name is a literal key; anything else (parentheses, templates) is an expression.
    let key: Expr;
    if (c.isIdentStart()) {
      const name = c.ident();
      key = { k: 'lit', value: name, start: keyStart };
      if (c.peek() === '.' || c.peek() === '[' || c.peek() === '(') {
        c.pos = keyStart;
        key = parseExpr(c, depth + 1);
      }
    } else {
      key = parseExpr(c, depth + 1);
    }
    c.skip(true);
    if (c.peek() === '=' || c.peek() === ':') c.pos++;
    else throw c.fail(`expected "=" or ":" after an object key, found ${c.describe()}`);
    c.skip(true);
    items.push({ key, value: parseExpr(c, depth + 1) });
    c.skip(false);
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== '\n' && c.peek() !== '}')
      throw c.fail(`expected a newline, "," or "}" in an object, found ${c.describe()}`);
  }
  c.pos++;
  return { k: 'object', items, start };
}

function parseFor(c: Cursor, depth: number, start: number, object: boolean): Expr {
  c.pos += 3;
  const { keyVar, valVar, coll } = readForHeader(
    c,
    (cur) => parseExpr(cur, depth + 1),
    'expression',
  );
  c.expect(':');
  c.skip(true);
  let keyExpr: Expr | undefined;
  let valExpr = parseExpr(c, depth + 1);
  c.skip(true);
  if (object) {
    c.expect('=>');
    c.skip(true);
    keyExpr = valExpr;
    valExpr = parseExpr(c, depth + 1);
    c.skip(true);
  }
  let group = false;
  if (c.startsWith('...')) {
    group = true;
    c.pos += 3;
    c.skip(true);
  }
  let cond: Expr | undefined;
  if (c.startsWith('if') && /\s|\(/.test(c.peek(2))) {
    c.pos += 2;
    c.skip(true);
    cond = parseExpr(c, depth + 1);
    c.skip(true);
  }
  c.expect(object ? '}' : ']');
  return { k: 'for', object, keyVar, valVar, coll, keyExpr, valExpr, cond, group, start };
}

function parseHeredoc(c: Cursor, start: number): Expr {
  const match = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)\r?\n/u.exec(c.src.slice(c.pos, c.pos + 256));
  if (match === null) throw c.fail('expected a heredoc marker such as <<EOT followed by a newline');
  const [whole, dash, marker] = match as unknown as [string, string, string];
  const bodyStart = c.pos + whole.length;
  const closing = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'mu');
  const rest = c.src.slice(bodyStart);
  const found = closing.exec(rest);
  if (found === null) throw c.fail(`heredoc <<${marker} is never closed`);
  const bodyEnd = bodyStart + found.index;
  c.pos = bodyStart;
  let parts = readHeredocTemplate(c, (cur) => parseExpr(cur, 1), bodyEnd);
  c.pos = bodyEnd + found[0].length;
  if (dash === '-') parts = stripIndent(parts, c.src.slice(bodyStart, bodyEnd));
  return template(parts, start);
}

/** `<<-`: the smallest indentation of the non-blank lines is removed from every line. */
function stripIndent(parts: readonly TemplatePart[], raw: string): TemplatePart[] {
  const indents = raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const n = indents.length === 0 ? 0 : Math.min(...indents);
  let atLineStart = true;
  return parts.map((p) => {
    if (p.k !== 'text') {
      atLineStart = false;
      return p;
    }
    const lines = p.text.split('\n');
    const text = lines
      .map((l, i) => (i > 0 || atLineStart ? l.replace(new RegExp(`^[ \\t]{0,${n}}`), '') : l))
      .join('\n');
    atLineStart = p.text.endsWith('\n');
    return { k: 'text', text };
  });
}
