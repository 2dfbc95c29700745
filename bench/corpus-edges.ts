import { createRandom } from '../src/emulator/faults.js';
import { generateTfFile } from './corpus.js';

/**
 * A deterministic generator of the edges of HCL's grammar, for the
 * differential test: blanks and newlines at every place HCL allows them
 * (around `.` and `::`, inside brackets, after operators), every top-level
 * block type of Terraform 1.x, nested and single-line blocks, legacy index
 * chains, provider functions, `<<-` heredocs indented with Unicode spaces,
 * strings that are not NFC. `invalidPieces` are mistakes HashiCorp's parser
 * rejects, and `generateInvalidFile` plants one in a file of the benchmark's corpus.
 */

// In the snippets, `·` stands for blanks (maybe none) where newlines end the
// expression, `¶` for blanks, newlines and comments inside brackets, `␣` for
// at least one blank.
const inline = ['', ' ', '  ', '\t', ' /* c */ '];
const anywhere = ['', ' ', '\n', '\n    ', ' # c\n', ' // c\n', '\r\n', ' /* c\n */ '];
const required = [' ', '  ', '\t', ' /* c */ '];
// Go's unicode.IsSpace: what `<<-` counts as indentation.
const indents = [' ', '\t', '\u00a0', '\u2003', '\u3000', '\u0085', '\u202f', '\u205f'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const expressions = [
  'a = var·.·name\nb = x[0]·.·y\nc = (¶var¶.¶name¶)\nd = x·[¶0¶]·.·z\n',
  'e = (¶1¶+¶2¶*¶3¶)\nf = 1·+·2\ng = true·?·"y"·:·"n"\nh = (¶true¶?¶"y"¶:¶"n"¶)\n',
  'i = lower·(¶"A"¶)\nj = f(¶1¶,¶2¶,¶)\nk = [¶1¶,¶"two"¶,¶]\nl = concat(¶x¶...¶)\n',
  'm = x.0␣.1\nn = x.0[1]\no = x.0.y.1\np = x[0].1\nq = x.*.0\nr = x[*]·.·y\ns = x·.*·.·y\n',
  't = x[·*·]\nu = x[*][*]\nv = x[*].y[*].z\nw = {¶for k, v in m¶:¶k => v...¶}\n',
  'pa = provider·::·aws·::·arn_parse·(¶"arn:aws:iam::1:role/x"¶)\npb = (¶provider¶::¶p¶::¶f¶(¶)¶)\n',
  'oa = {\n  a = 1,·b = "two"\n  c = (¶1¶+¶2¶)\n  "d e" = [¶true¶]\n}\nob = {·a·=·1·}\n',
  'sa = [for x in xs¶:¶x if x != ""]\nsb = "${¶x¶.¶y¶}"\nsc = !·true\nsd = -·1\n',
];

function blocks(i: number, random: () => number): string[] {
  const indent = (n: number): string =>
    Array.from({ length: n }, () => pick(random, indents)).join('');
  const one = pick(random, indents);
  return [
    `terraform {\n  required_version = ">= 1.5"\n}\n`,
    `provider "genesyscloud" {\n  sdk_debug = false\n}\n`,
    `variable "v${i}" {\n  default = "d"\n}\n`,
    `output "o${i}" {\n  value = "x"\n}\n`,
    `module "m${i}" {\n  source = "./m"\n}\n`,
    `data "genesyscloud_auth_division" "n${i}" {\n  name = "x"\n}\n`,
    `ephemeral "random_password" "p${i}" {\n  length = 16\n}\n`,
    `action "aws_lambda_invoke" "a${i}" {\n  config {\n    function_name = "f"\n  }\n}\n`,
    `list "aws_instance" "l${i}" {\n  provider = aws\n}\n`,
    `moved {\n  from = a.b\n  to   = a.c\n}\n`,
    `removed {\n  from = a.b\n  lifecycle {\n    destroy = false\n  }\n}\n`,
    `import {\n  to = a.b\n  id = "x"\n}\n`,
    `check "c${i}" {\n  assert {\n    condition     = true\n    error_message = "m"\n  }\n}\n`,
    `resource "t" "n${i}" {\n  a { b = 1 }\n  c {\n    d {}\n    e {\n      f = "g"\n    }\n  }\n  h "l" { i = [1, 2] }\n  j {}\n  k {·}\n}\n`,
    `locals {\n  h${i} = <<-EOT\n${indent(2)}a ${i}\n${indent(3)}b\n\n${one}${one}\n${indent(2)}c\n${one}EOT${one}\n  n${i} = "Cafe\u0301 ${i}"\n  e${i} = "Cafe\\u0301 \\u00e9"\n}\n`,
  ];
}

function fill(text: string, random: () => number): string {
  return text.replace(/[·¶␣]/g, (mark) =>
    pick(random, mark === '·' ? inline : mark === '¶' ? anywhere : required),
  );
}

/** One generated file of the grammar's edges. */
export function generateEdgeFile(seed: number): string {
  const random = createRandom(seed);
  const parts: string[] = [];
  for (let i = 0; i < 12; i++) {
    if (random() < 0.5) parts.push(fill(pick(random, blocks(seed * 100 + i, random)), random));
    else parts.push(`locals {\n${fill(pick(random, expressions), random)}}\n`);
  }
  return parts.join('\n');
}

/** Mistakes HashiCorp's parser rejects, each a piece of a file. */
export const invalidPieces: readonly string[] = [
  'a = x.0.1\n',
  'a = provider::p::f\n',
  'a = p::f\n',
  'a { b {} }\n',
  'a {\n  b = 1 }\n',
  'a { b = 1\n}\n',
  'a { b = 1, c = 2 }\n',
  'a "x"\n{\n}\n',
  'a = { b = 1\n+ 2 }\n',
  'a = { b\n= 1 }\n',
  'a = f(x...,)\n',
  'a = [for x in y : x...]\n',
  'a = 1.2.3\n',
  'a = var.\nname\n',
  'a = 1 +\n2\n',
  'a = x2\u00b2\n',
  'a = "a\rb"\n',
  'a = {for = 1}\n',
  'a = x."y"\n',
  'a = -\n1\n',
  'a = x[*\n',
  'a = x[*\n]\n',
  'a = <<EOT\nx\nEOT',
  'a = <<-EOT\n  x\n  EOTX\n',
  'a = x. # c\ny\n',
  'a = 1\nb { c = 1 } d = 2\n',
];

/**
 * A file of the benchmark's corpus (which any HCL reader reads) with one of
 * `invalidPieces` planted before or after it: only the piece can be wrong.
 */
export function generateInvalidFile(seed: number): { piece: string; text: string } {
  const piece = invalidPieces[seed % invalidPieces.length] ?? '';
  const corpus = generateTfFile(seed, 1500);
  // A piece that ends without a newline must end the file.
  const text =
    piece.endsWith('\n') && seed % 2 === 0 ? `${piece}\n${corpus}` : `${corpus}\n${piece}`;
  return { piece, text };
}
