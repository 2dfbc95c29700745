import { InputError } from '../../errors.js';
import type { Attribute, Block, Body, Expr, HclFile } from '../hcl/ast.js';
import { Cursor } from '../hcl/cursor.js';
import { maxNesting, parseExpr } from '../hcl/expression.js';
import { guardDepth } from '../hcl/parser.js';
import { readHeredocTemplate } from '../hcl/template.js';

// How many labels each top-level block type takes: the LabelNames of Terraform's
// configFileSchema (internal/configs/parser_config.go), plus `list` of query files
// (internal/configs/query_file.go). JSON syntax nests one object level per label.
const labelCount: Readonly<Record<string, number>> = {
  terraform: 0,
  provider: 1,
  variable: 1,
  locals: 0,
  output: 1,
  module: 1,
  resource: 2,
  data: 2,
  ephemeral: 2,
  action: 2,
  list: 2,
  moved: 0,
  removed: 0,
  import: 0,
  check: 1,
};

/**
 * A `.tf.json` file as the same AST as native syntax: block nesting from the
 * block type, strings parsed as templates, `"//"` keys dropped as comments.
 * Lines point at the key that opens each block.
 */
export function parseJsonConfig(text: string, path: string): HclFile {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`, { file: path });
  }
  if (!isRecord(json))
    throw new InputError(`${path}: a .tf.json file must hold a JSON object`, { file: path });
  const cursor = new Cursor(text, path);
  const finder = createKeyFinder(text);
  const blocks: Block[] = [];
  for (const [type, value] of Object.entries(json)) {
    if (type === '//') continue;
    const labels = labelCount[type];
    if (labels === undefined)
      throw new InputError(`${path}: unknown block type "${type}"`, { file: path });
    blocks.push(...guardDepth(cursor, () => toBlocks(type, value, labels, [], finder, path)));
  }
  return { path, body: { attributes: new Map(), blocks }, lineOf: (o) => cursor.lineOf(o) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Offsets of `"key":` occurrences, found in order so repeated names resolve to the right one. */
function createKeyFinder(text: string): (key: string) => number {
  let from = 0;
  return (key) => {
    const needle = JSON.stringify(key);
    let at = text.indexOf(needle, from);
    while (at >= 0 && !/^\s*:/.test(text.slice(at + needle.length, at + needle.length + 20)))
      at = text.indexOf(needle, at + 1);
    if (at < 0) return from;
    from = at + needle.length;
    return at;
  };
}

function toBlocks(
  type: string,
  value: unknown,
  labels: number,
  got: string[],
  find: (k: string) => number,
  path: string,
): Block[] {
  if (labels > got.length) {
    if (!isRecord(value))
      throw new InputError(`${path}: "${type}" expects an object of labels`, { file: path });
    return Object.entries(value).flatMap(([label, inner]) => {
      find(label);
      return toBlocks(type, inner, labels, [...got, label], find, path);
    });
  }
  const bodies = Array.isArray(value) ? value : [value];
  const start = got.length === 0 ? find(type) : find(got.at(-1) ?? type);
  return bodies.map((b) => {
    if (!isRecord(b))
      throw new InputError(`${path}: the body of "${type}" must be an object`, { file: path });
    return { type, labels: got, body: toBody(b, start, path), start };
  });
}

function toBody(object: Record<string, unknown>, start: number, path: string): Body {
  const attributes = new Map<string, Attribute>();
  for (const [name, value] of Object.entries(object)) {
    if (name === '//') continue;
    attributes.set(name, { name, expr: toExpr(value, start, path), start });
  }
  return { attributes, blocks: [] };
}

function toExpr(value: unknown, start: number, path: string, depth = 1): Expr {
  if (typeof value === 'string') return parseTemplateString(value, path, start);
  if (value === null || typeof value === 'number' || typeof value === 'boolean')
    return { k: 'lit', value, start };
  // The evaluator recurses per level: the same limit as native syntax.
  if (depth > maxNesting)
    throw new InputError(
      `${path}: values nested deeper than ${maxNesting} levels; gcadopt reads up to ${maxNesting}`,
      { file: path },
    );
  if (Array.isArray(value))
    return { k: 'tuple', items: value.map((v) => toExpr(v, start, path, depth + 1)), start };
  const items = Object.entries(value as Record<string, unknown>)
    .filter(([k]) => k !== '//')
    .map(([k, v]) => ({
      key: { k: 'lit' as const, value: k, start },
      value: toExpr(v, start, path, depth + 1),
    }));
  return { k: 'object', items, start };
}

/** A JSON string is a template: `${...}` interpolates, `$${` escapes. */
function parseTemplateString(text: string, path: string, start: number): Expr {
  const cursor = new Cursor(text, path);
  const parts = readHeredocTemplate(cursor, (c) => parseExpr(c, false), text.length);
  if (parts.length === 1 && parts[0]?.k === 'interp') return parts[0].expr;
  if (parts.every((p) => p.k === 'text'))
    return { k: 'lit', value: parts.map((p) => (p.k === 'text' ? p.text : '')).join(''), start };
  return { k: 'template', parts, start };
}
