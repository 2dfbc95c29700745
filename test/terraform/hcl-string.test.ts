import { parse } from '@cdktn/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { escapeHclString, quoteHclString, readHclString } from '../../src/terraform/hcl-string.js';
import { literal, trickyString } from './support.js';

describe('escapeHclString', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a "q"', 'a \\"q\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak\r\ttab', 'line\\nbreak\\r\\ttab'],
    ['${var.x}', '$${var.x}'],
    ['%{ if x }', '%%{ if x }'],
    ['$${already}', '$$${already}'],
    ['$ alone, 100%, {braces}, $$', '$ alone, 100%, {braces}, $$'],
    ['zero\u200bwidth nb\u00a0sp bidi\u202e', 'zero\\u200bwidth nb\\u00a0sp bidi\\u202e'],
    ['ctrl\u0001\u007f\u0085', 'ctrl\\u0001\\u007f\\u0085'],
    ['ideographic\u3000space\u2028sep\ufeff', 'ideographic\\u3000space\\u2028sep\\ufeff'],
    ['tag\u{e0041} private\u{f0000}', 'tag\\U000e0041 private\\U000f0000'],
    ['Zürich – 東京 😀 e\u0301 👍🏽', 'Zürich – 東京 😀 e\u0301 👍🏽'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeHclString(input)).toBe(expected);
  });

  it('refuses a lone surrogate with an InputError', () => {
    expect(() => escapeHclString('x\ud800y')).toThrow(InputError);
    expect(() => escapeHclString('x\udc00')).toThrow(/lone surrogate/);
  });

  it('wraps the body in quotes', () => {
    expect(quoteHclString('a"b')).toBe('"a\\"b"');
  });
});

describe('readHclString', () => {
  it('reads back what quoteHclString writes (property)', () => {
    fc.assert(
      fc.property(trickyString, fc.string({ maxLength: 3 }), (value, tail) => {
        const quoted = quoteHclString(value);
        expect(readHclString(`${quoted}${tail}`, 0)).toEqual({ value, end: quoted.length });
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['"unterminated', /unterminated string/],
    ['"bad \\x"', /invalid escape sequence at offset 5/],
    ['"short \\u12"', /invalid escape sequence/],
    ['"${x}"', /template sequence \$\{/],
    ['"%{x}"', /template sequence %\{/],
  ])('rejects %j', (text, message) => {
    expect(() => readHclString(text, 0)).toThrow(message);
  });
});

describe('HashiCorp HCL reads what quoteHclString writes', () => {
  it('for every tricky string (property)', async () => {
    await fc.assert(
      fc.asyncProperty(trickyString, async (value) => {
        const parsed = (await parse('x.tf', `locals {\n  v = ${quoteHclString(value)}\n}\n`)) as {
          locals: { v: string }[];
        };
        expect(literal(parsed.locals[0]?.v)).toBe(value.normalize('NFC'));
      }),
      { numRuns: 200 },
    );
  });
});
