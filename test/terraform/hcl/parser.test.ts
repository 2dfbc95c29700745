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
  ])('%s', (expr, expected) => {
    expect(value(expr)).toEqual(expected);
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
