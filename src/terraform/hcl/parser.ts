import type { Attribute, Block, Body, Expr, HclFile } from './ast.js';
import { Cursor } from './cursor.js';
import { parseExpr } from './expression.js';
import { readQuotedTemplate } from './template.js';

/**
 * Parses HCL native syntax (the Terraform language) into an AST with source
 * offsets. It accepts what HashiCorp's hclsyntax accepts (see docs/hcl-parser.md).
 * Syntax errors throw InputError `file:line:col: message`.
 */
export function parseHcl(src: string, path: string, options: ParseOptions = {}): HclFile {
  const cursor = new Cursor(src, path);
  const body = guardDepth(cursor, () => parseBody(cursor, options.lazyLocals === true));
  return { path, body, lineOf: (offset) => cursor.lineOf(offset) };
}

/** How parseHcl reads a file. */
export interface ParseOptions {
  /**
   * The values of a top-level `locals` block are checked for syntax but come
   * back hollow (tuples and objects without their items): the caller keeps
   * each local's offset and reads it again with parseAttributeAt when it is
   * used. Large maps of locals then cost no tree. @default false
   */
  readonly lazyLocals?: boolean | undefined;
}

/**
 * The value of the attribute whose name starts at `start` in `src`, read
 * again: a file parsed once may hand out offsets instead of holding every
 * expression tree, and this rebuilds one when it is needed. The attribute
 * must be one `parseHcl` accepted at that offset.
 */
export function parseAttributeAt(src: string, path: string, start: number): Expr {
  const cursor = new Cursor(src, path);
  cursor.pos = start;
  return guardDepth(cursor, () => {
    cursor.ident();
    cursor.skip(false);
    return parseAttributeValue(cursor);
  });
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
function parseBody(c: Cursor, lazyLocals = false): Body {
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
      c.keep = !(lazyLocals && open.length === 2 && top.type === 'locals');
      const expr = parseAttributeValue(c);
      c.keep = true;
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
