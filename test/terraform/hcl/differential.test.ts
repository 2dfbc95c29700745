import { parse as hashicorpParse } from '@cdktn/hcl2json';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateEdgeFile,
  generateInvalidFile,
  invalidPieces,
} from '../../../bench/corpus-edges.js';
import { generateTfFile } from '../../../bench/corpus.js';
import type { Body, Expr, TemplatePart } from '../../../src/terraform/hcl/ast.js';
import { parseHcl } from '../../../src/terraform/hcl/parser.js';
import { InputError } from '../../../src/errors.js';
import { examplesDir } from '../../helpers/example.js';

const EXPR = Symbol('expression');
/** A template's literal text, with SEQ for each interpolation or directive. */
class TemplateText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
const SEQ = '\u0001';
type Shape =
  | typeof EXPR
  | TemplateText
  | string
  | number
  | boolean
  | null
  | Shape[]
  | { [key: string]: Shape };

function flatten(parts: readonly TemplatePart[]): string {
  return parts
    .map((p) => {
      if (p.k === 'text') return p.text;
      if (p.k === 'interp') return SEQ;
      if (p.k === 'for') return `${SEQ}${flatten(p.body)}${SEQ}`;
      const otherwise = p.else.length > 0 ? `${SEQ}${flatten(p.else)}` : '';
      return `${SEQ}${flatten(p.then)}${otherwise}${SEQ}`;
    })
    .join('');
}

/**
 * hcl2json's rendering of a template with its sequences as SEQ; undefined when
 * a sequence holds a quote (its braces cannot be matched without parsing).
 */
function flattenRendered(rendered: string): string | undefined {
  let out = '';
  for (let i = 0; i < rendered.length;) {
    const c = rendered[i] ?? '';
    if ((c === '$' || c === '%') && rendered[i + 1] === c && rendered[i + 2] === '{') {
      out += `${c}{`;
      i += 3;
    } else if ((c === '$' || c === '%') && rendered[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < rendered.length; j++) {
        if (rendered[j] === '"') return undefined;
        if (rendered[j] === '{') depth++;
        else if (rendered[j] === '}' && --depth === 0) break;
      }
      out += SEQ;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A literal value, or EXPR when the expression needs evaluation. */
function literal(expr: Expr): Shape {
  switch (expr.k) {
    case 'lit':
      return expr.value;
    case 'template':
      return expr.parts.every((p) => p.k === 'text')
        ? expr.parts.map((p) => (p.k === 'text' ? p.text : '')).join('')
        : new TemplateText(flatten(expr.parts));
    case 'tuple': {
      const items = expr.items.map(literal);
      return items.some((i) => i === EXPR || i instanceof TemplateText) ? EXPR : items;
    }
    case 'object': {
      const entries = expr.items.map((i) => [literal(i.key), literal(i.value)] as const);
      const expression = (v: Shape): boolean => v === EXPR || v instanceof TemplateText;
      return entries.some(([k, v]) => expression(k) || expression(v) || typeof k !== 'string')
        ? EXPR
        : (Object.fromEntries(entries) as Record<string, Shape>);
    }
    default:
      return EXPR;
  }
}

/** Our AST in hcl2json's shape: blocks nested by labels into arrays of bodies. */
function shape(body: Body): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  for (const [name, attr] of body.attributes) out[name] = literal(attr.expr);
  for (const block of body.blocks) {
    let node = out;
    const path = [block.type, ...block.labels];
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        node[key] = [...((node[key] as Shape[] | undefined) ?? []), shape(block.body)];
      } else {
        node[key] ??= {};
        node = node[key] as Record<string, Shape>;
      }
    }
  }
  return out;
}

let compared = 0;
let templates = 0;

/** hcl2json renders literal `${` as `$${`; a whole-expression string starts with `${`. */
function compare(ours: Shape, theirs: unknown, path: string): void {
  if (ours === EXPR) return;
  if (ours instanceof TemplateText) {
    // The literal parts after strip markers and <<- (a literal `$` or `%` just
    // before a sequence renders ambiguously, as `$${`).
    expect(typeof theirs, path).toBe('string');
    const rendered = flattenRendered(theirs as string);
    if (rendered === undefined || ours.text.includes(`$${SEQ}`) || ours.text.includes(`%${SEQ}`))
      return;
    templates += 1;
    expect(rendered.normalize('NFC'), path).toBe(ours.text.normalize('NFC'));
    return;
  }
  if (typeof theirs === 'string' && /^\$\{[\s\S]*\}$/.test(theirs) && typeof ours !== 'string')
    return;
  if (typeof ours === 'string') {
    compared += 1;
    expect(typeof theirs, path).toBe('string');
    expect(
      (theirs as string).replaceAll('$${', '${').replaceAll('%%{', '%{').normalize('NFC'),
      path,
    ).toBe(ours.normalize('NFC'));
    return;
  }
  if (Array.isArray(ours)) {
    expect(Array.isArray(theirs), path).toBe(true);
    expect((theirs as unknown[]).length, path).toBe(ours.length);
    ours.forEach((v, i) => compare(v, (theirs as unknown[])[i], `${path}[${i}]`));
    return;
  }
  if (typeof ours === 'object' && ours !== null) {
    expect(Object.keys(theirs as object).sort(), path).toEqual(Object.keys(ours).sort());
    for (const [k, v] of Object.entries(ours))
      compare(v, (theirs as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(theirs, path).toBe(ours);
}

async function agree(name: string, text: string): Promise<void> {
  const theirs = (await hashicorpParse(name, text)) as unknown;
  compare(shape(parseHcl(text, name).body), theirs, name);
}

describe("differential: gcadopt's HCL parser against HashiCorp's (hcl2json, WASM)", () => {
  it('agrees on blocks, labels, attribute names, literal values and the literal text of templates over 150 generated files', async () => {
    compared = 0;
    templates = 0;
    for (let seed = 1; seed <= 150; seed++)
      await agree(`gen-${seed}.tf`, generateTfFile(seed, 4000));
    // The comparison must bite: thousands of literal strings and templates were checked.
    expect(compared).toBeGreaterThan(3000);
    expect(templates).toBeGreaterThan(1000);
  });

  it("agrees on 300 generated files of the grammar's edges (blanks, newlines, every block type, heredoc indents)", async () => {
    compared = 0;
    for (let seed = 1; seed <= 300; seed++) await agree(`edge-${seed}.tf`, generateEdgeFile(seed));
    expect(compared).toBeGreaterThan(500);
  });

  it('both reject every mistake planted in generated files', async () => {
    for (let seed = 1; seed <= invalidPieces.length * 2; seed++) {
      const { piece, text } = generateInvalidFile(seed);
      expect(() => parseHcl(text, 'bad.tf'), JSON.stringify(piece)).toThrow(InputError);
      await expect(hashicorpParse('bad.tf', text), JSON.stringify(piece)).rejects.toBeDefined();
    }
  });

  it.each([
    [
      'blanks around "." in traversals',
      'a = var. name\nb = var .name\nc = x[0]. y\nd = x[0] .y\ne = x. /* c */ y\n',
    ],
    [
      'newlines inside parentheses',
      'a = (var\n.name)\nb = (var.\nname)\nc = (x\n[0])\nd = (f\n(1))\ne = (1\n+\n2)\n',
    ],
    ['a comment and newline after "." inside parentheses', 'a = (x. # c\ny)\n'],
    [
      'blanks before "[", ".*" and "(" ',
      'a = x [0]\nb = x .*\nc = x. *\nd = x[*]. y\ne = lower ("A")\nf = x[ * ]\n',
    ],
    ['legacy indexes split by a blank', 'a = x.0 .1\nb = x.1e3\nc = 1 .x\n'],
    ['nested splats', 'a = x[*][*]\nb = x[*].y[*].z\nc = x[*]. *\n'],
    [
      'blanks around "::" of a provider function',
      'a = provider :: p :: f()\nb = (p::\nf())\nc = true::f()\n',
    ],
    [
      'names with combining marks and letter numbers',
      'Cafe\u0301 = 1\n\u2160x = { Cafe\u0301 = 1 }\n',
    ],
    [
      '<<- indented with Unicode spaces',
      'a = <<-EOT\n\u3000\u3000a\n\u3000\u3000\u3000b\n  EOT\nb = <<-EOT\n\u00a0\u00a0a\n\u00a0b\nEOT\nc = <<-EOT\n\u2003a\n\u2003\u2003b\nEOT\nd = <<-EOT\n\ufeffa\n\ufeff\ufeffb\nEOT\n',
    ],
    [
      '<<- with blank lines, tabs and a combining mark',
      'a = <<-EOT\n    a\n  \n    b\n    EOT\nb = <<-EOT\n\ta\n\t\tb\nEOT\nc = <<-EOT\n \u0301a\n  b\nEOT\n',
    ],
    [
      'heredoc markers closed among Unicode spaces',
      'a = <<EOT\nx\n\u00a0EOT\nb = <<EOT\nx\n\u3000EOT\u3000\n',
    ],
  ])('both accept %s, with the same values', async (_what, text) => {
    await expect(hashicorpParse('ok.tf', text)).resolves.toBeDefined();
    await agree('ok.tf', text);
  });

  it('agrees on the example configuration', async () => {
    for (const file of [
      'main.tf',
      'variables.tf',
      'terraform.tfvars',
      'modules/business-unit/main.tf',
    ]) {
      await agree(file, await readFile(join(examplesDir, file), 'utf8'));
    }
    expect((await readdir(examplesDir)).length).toBeGreaterThan(0);
  });

  it.each([
    ['duplicate attribute', 'a = 1\na = 2\n'],
    ['two attributes on a line', 'a = 1 b = 2\n'],
    ['unterminated string', 'a = "x\n'],
    ['unclosed block', 'b {\n  a = 1\n'],
    ['missing value', 'a =\n'],
    ['bad escape', 'a = "\\q"\n'],
    ['unclosed heredoc', 'a = <<EOT\nx\n'],
    ['unclosed template if', 'a = "%{ if true }x"\n'],
  ])('both reject %s', async (_what, text) => {
    expect(() => parseHcl(text, 'bad.tf')).toThrow(InputError);
    await expect(hashicorpParse('bad.tf', text)).rejects.toBeDefined();
  });
});
