import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { evaluate } from '../../../src/terraform/config/evaluate.js';
import { Unknown, type Value } from '../../../src/terraform/config/values.js';
import { parseHcl } from '../../../src/terraform/hcl/parser.js';

const scope = {
  variable: (n: string): Value =>
    ({ name: 'EMEA', teams: { Sales: 'a', Support: '' }, list: ['x', 'y'], n: 3, on: true })[n] ??
    new Unknown(`variable "${n}" has no value`),
  local: (n: string): Value => ({ prefix: 'p' })[n] ?? new Unknown('no local'),
  modulePath: '.',
};

function value(expr: string): unknown {
  const attr = parseHcl(`v = ${expr}\n`, 'test.tf').body.attributes.get('v');
  if (attr === undefined) throw new Error('no attribute');
  const v = evaluate(attr.expr, scope);
  return v instanceof Unknown ? { unknown: v.reason } : v;
}

describe('HCL expressions', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"esc \\n \\t \\" \\\\ \\u00e9 \\U0001F600"', 'esc \n \t " \\ é 😀'],
    ['"lit $${x} %%{y}"', 'lit ${x} %{y}'],
    ['"${var.name} ${var.n}"', 'EMEA 3'],
    ['"%{ if var.on }on%{ else }off%{ endif }"', 'on'],
    ['"%{ for x in var.list }[${x}]%{ endfor }"', '[x][y]'],
    ['"a ${~ "b" ~} c"', 'abc'],
    ['1e3', 1000],
    ['-1.5', -1.5],
    ['2 + 3 * 4 - 1', 13],
    ['(2 + 3) * 4', 20],
    ['7 % 4', 3],
    ['1 < 2 && !(2 >= 3) || false', true],
    ['"a" == "a" ? "y" : "n"', 'y'],
    ['[1, "two", true, null]', [1, 'two', true, null]],
    ['{ a = 1, "b c" = 2, (var.name) = 3 }', { a: 1, 'b c': 2, EMEA: 3 }],
    ['{ a: 1 }', { a: 1 }],
    ['[for k, v in var.teams : "${k}=${v}" if v != ""]', ['Sales=a']],
    ['{ for k, v in var.teams : lower(k) => v }', { sales: 'a', support: '' }],
    ['{ for x in ["a", "b", "a"] : x => x... }', { a: ['a', 'a'], b: ['b'] }],
    ['var.list[1]', 'y'],
    ['var.list.0', 'x'],
    ['var.teams["Sales"]', 'a'],
    ['[{ a = 1 }, { a = 2 }][*].a', [1, 2]],
    ['lower("ÄB")', 'äb'],
    ['upper("ab")', 'AB'],
    ['title("hello wide world")', 'Hello Wide World'],
    ['trimspace("  x \\n")', 'x'],
    ['format("%s-%03d %q", "a", 7, "q")', 'a-007 "q"'],
    ['join(", ", ["a", "b"], ["c"])', 'a, b, c'],
    ['replace("a-b-c", "-", "_")', 'a_b_c'],
    ['replace("abc123", "/[0-9]+/", "#")', 'abc#'],
    ['concat([1], [2, 3])', [1, 2, 3]],
    ['merge({ a = 1 }, { b = 2, a = 3 })', { a: 3, b: 2 }],
    ['lookup({ a = 1 }, "b", "d")', 'd'],
    ['coalesce("", null, "x")', 'x'],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['tomap({ a = "1" })', { a: '1' }],
    ['length(var.list)', 2],
    ['join("", [for x in concat(var.list, ["z"]) : upper(x)])', 'XYZ'],
    ['<<EOT\nline ${var.name}\n  kept\nEOT', 'line EMEA\n  kept\n'],
    ['<<-EOT\n    a\n      b\n    EOT', 'a\n  b\n'],
    ['aws_instance.web.id', { unknown: 'depends on aws_instance.web (known only after apply)' }],
    ['data.x.y.name', { unknown: 'depends on data.x (read from the provider during plan)' }],
    ['"pre-${random_id.s.hex}"', { unknown: 'depends on random_id.s (known only after apply)' }],
    ['var.missing', { unknown: 'variable "missing" has no value' }],
    [
      'templatefile("x.tpl", {})',
      { unknown: 'file functions read files only when gcadopt reads a configuration folder' },
    ],
    ['upper(module.m.out)', { unknown: 'depends on the outputs of module.m' }],
    ['var.list[5]', { unknown: 'cannot be evaluated: index 5 is out of range' }],
    // A plain string read in one step only where nothing can follow it.
    ['"a" == "b"', false],
    ['"a"!="b"', true],
    ['"a" + 1', { unknown: 'cannot be evaluated: "+" needs numbers' }],
    ['("a"\n== "a")', true],
    ['("a" # note\n== "a")', true],
    ['["a"\n, "b"]', ['a', 'b']],
    ['"abc" ? 1 : 2', { unknown: 'cannot be evaluated: a condition must be true or false' }],
    ['true ? "a" : "b"', 'a'],
    ['{ "k" = "v", "k2": "w" }', { k: 'v', k2: 'w' }],
    ['{ "k" = "v"\n"k2" = "w" }', { k: 'v', k2: 'w' }],
    ['{ for x in ["a"] : "k" => "v" }', { k: 'v' }],
    ['upper("a" )', 'A'],
    ['"e\u0301"', '\u00e9'],
  ])('%s', (expr, expected) => {
    expect(value(expr)).toEqual(expected);
  });
});

describe("HCL as HashiCorp's parser reads it", () => {
  it.each([
    ['var. name', 'EMEA'],
    ['var .name', 'EMEA'],
    ['var.list [1]', 'y'],
    ['(var\n.name)', 'EMEA'],
    ['(var.\n  name)', 'EMEA'],
    ['(var.list\n[0])', 'x'],
    ['(upper\n("a"))', 'A'],
    ['var.list. 1', 'y'],
    ['[[1, 2], [3, 4]].1 .0', 3],
    ['[{ a = [1, 2] }, { a = [3] }][*].a [0]', [1, 3]],
    ['[{ a = 1 }, { a = 2 }].*.a[1]', 2],
    ['"${var\n.name}"', 'EMEA'],
  ])('reads %j', (expr, expected) => {
    expect(value(expr)).toEqual(expected);
  });

  it.each([
    ['a = x.0.1\n', /test\.tf:1:7: a legacy index cannot be chained \("0\.1"\): write \[0\]\[1\]/],
    ['a = x.*.0.1\n', /a legacy index cannot be chained/],
    ['a = provider::p::f\n', /test\.tf:1:19: expected "\(" to call provider::p::f/],
    ['a = x::y\n', /expected "\(" to call x::y/],
    ['a = p::\n', /expected a function name after "p::"/],
    ['a { b {} }\n', /test\.tf:1:5: a single-line block "a" can hold only one attribute/],
    ['a { b = 1\n}\n', /a single-line block "a" holds one attribute and closes on the same line/],
    ['a { b = 1, c = 2 }\n', /closes on the same line; found ","/],
    ['a {\n  b = 1 }\n', /test\.tf:2:9: expected a newline after "b", found "}"/],
    ['a {\n  b {\n  }}\n', /test\.tf:3:4: expected a newline after "b"/],
    ['a = { b = 1\n+ 2 }\n', /test\.tf:2:1: expected an expression/],
    ['a = { b\n= 1 }\n', /expected "=" or ":" after an object key, found a newline/],
    ['a = var.\nname\n', /expected an attribute name after "\.", found a newline/],
    ['a = f(x...,)\n', /expected "\)" after the expanded argument of f/],
    ['a = [for x in y : x...]\n', /grouping \(\.\.\.\) is only for object for-expressions/],
    ['a = 1.2.3\n', /invalid number "1\.2\.3"/],
    ['a = x2\u00b2\n', /expected a newline after "a", found "\u00b2"/],
    ['a = "a\rb"\n', /unterminated string/],
    ['a = <<EOT\nx\nEOT', /heredoc <<EOT is never closed/],
    ['a = 1\rb = 2\n', /expected a newline after "a", found "\\r"/],
  ])('rejects %j as HashiCorp does', (src, message) => {
    expect(() => parseHcl(src, 'test.tf')).toThrow(message);
  });

  it.each([
    ['"Cafe\u0301"', 'Caf\u00e9'],
    ['"Cafe\\u0301"', 'Caf\u00e9'],
    ['"${var.name} Cafe\u0301"', 'EMEA Caf\u00e9'],
    ['<<EOT\nCafe\u0301\nEOT', 'Caf\u00e9\n'],
    ['"%{ if true }Cafe\u0301%{ endif }"', 'Caf\u00e9'],
  ])('normalises the literal strings of %j to NFC, as Terraform does', (expr, expected) => {
    const v = value(expr);
    expect(v).toBe(expected);
    expect((v as string).length).toBe(expected.length);
  });

  it('keeps names and labels as written (HCL does not normalise them)', () => {
    const file = parseHcl('b "Cafe\u0301" {\n  Cafe\u0301 = 1\n}\n', 'n.tf');
    expect(file.body.blocks[0]?.labels).toEqual(['Cafe\u0301']);
    expect([...(file.body.blocks[0]?.body.attributes.keys() ?? [])]).toEqual(['Cafe\u0301']);
  });

  it.each([
    ['Unicode spaces', '<<-EOT\n\u3000\u3000a\n\u3000\u3000\u3000b\n  EOT', 'a\n\u3000b\n'],
    ['no-break spaces', '<<-EOT\n\u00a0\u00a0a\n\u00a0b\nEOT', '\u00a0a\nb\n'],
    [
      'U+0085, which Go counts as a space, and U+FEFF, which it does not',
      '[<<-EOT\n\u0085a\n\u0085\u0085b\nEOT\n, <<-EOT\n\ufeffa\n\ufeff\ufeffb\nEOT\n]',
      ['a\n\u0085b\n', '\ufeffa\n\ufeff\ufeffb\n'],
    ],
    ['a blank line, left as it is', '<<-EOT\n    a\n  \n    b\n    EOT', 'a\n  \nb\n'],
    ['a space joined by a combining mark', '<<-EOT\n \u0301a\n  b\nEOT', 'a\n b\n'],
  ])('strips <<- indentation with %s as HashiCorp does', (_what, expr, expected) => {
    expect(value(expr)).toEqual(expected);
  });

  it.each([
    ['"${var.name~} \\n y"', 'EMEAy'],
    ['<<EOT\na   \n   ${~var.name}\nEOT', 'a   \nEMEA\n'],
    ['<<EOT\n${var.name~}   \n   b\nEOT', 'EMEA   b\n'],
  ])('strips with ~ only the literal next to it, escapes resolved: %j', (expr, expected) => {
    expect(value(expr)).toBe(expected);
  });
});

describe('HCL bodies', () => {
  it('reads blocks, labels, nested blocks and lines; skips all comment styles and CRLF', () => {
    const file = parseHcl(
      '\ufeff# one\r\n// two\r\n/* three\r\n */\r\nresource "t" "n" {\r\n  a = 1\r\n  inner {\r\n    b = "x"\r\n  }\r\n}\r\nlocals { x = 1 }\r\n',
      'f.tf',
    );
    const [resource, locals] = file.body.blocks;
    expect(resource?.labels).toEqual(['t', 'n']);
    expect(file.lineOf(resource?.start ?? 0)).toBe(5);
    expect(resource?.body.blocks[0]?.type).toBe('inner');
    expect(locals?.body.attributes.has('x')).toBe(true);
  });

  it('accepts unicode identifiers', () => {
    expect(
      parseHcl('locals {\n  größe = 1\n}\n', 'u.tf').body.blocks[0]?.body.attributes.has('größe'),
    ).toBe(true);
  });

  it.each([
    ['a = 1\na = 2\n', /test\.tf:2:1: attribute "a" is defined twice/],
    ['a = 1 b = 2\n', /expected a newline after "a"/],
    ['a = "unterminated\n', /unterminated string/],
    ['resource "t" "n" {\n  a = 1\n', /unclosed block/],
    ['a = \n', /expected an expression/],
    ['a = "\\q"\n', /invalid escape sequence/],
    ['a = <<EOT\nnever closed\n', /heredoc <<EOT is never closed/],
    ['a = "%{ if x }no end"\n', /without %\{ endif \}/],
    ['a = [1, 2\n', /expected "," or "\]"/],
    ['/* open\n', /unterminated comment/],
    ['resource "${x}" "n" {}\n', /a block label cannot hold a template/],
  ])('rejects %j with a position', (src, message) => {
    expect(() => parseHcl(src, 'test.tf')).toThrow(message);
  });

  it('throws nothing but InputError on any input (property)', () => {
    const pieces = fc.constantFrom(
      'a',
      '=',
      '"',
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '${',
      '%{',
      '~',
      '\n',
      ' ',
      '#',
      '/*',
      '*/',
      '<<EOT\n',
      'EOT',
      '1',
      '.',
      '*',
      ',',
      ':',
      '=>',
      '...',
      'for',
      'in',
      'if',
      '?',
      '\\',
      '::',
      '0.1',
      '<<-EOT\n',
      '\u3000',
      '\r',
      'e\u0301',
      '((((((((',
      '[[[[[[[[',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        try {
          parseHcl(parts.join(''), 'fuzz.tf');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
