import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { escapeHclString, readHclString } from '../../src/terraform/hcl-string.js';

describe('escapeHclString at the edges of its ranges', () => {
  it.each([
    // U+FFFF is the last code point with a 4-digit escape; U+10000 needs 8.
    ['\uffff', '\\uffff'],
    ['\u{10000}\u{e0001}', '\u{10000}\\U000e0001'],
    ['\u{fffff}', '\\U000fffff'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeHclString(input)).toBe(expected);
  });

  it.each(['\ud800', '\udbff', '\udc00', '\udfff'])(
    'refuses the lone surrogate %j, first or last of its range',
    (surrogate) => {
      expect(() => escapeHclString(`a${surrogate}b`)).toThrow(InputError);
      expect(() => escapeHclString(`a${surrogate}b`)).toThrow(/lone surrogate/);
    },
  );

  it('quotes at most 40 characters of the refused string', () => {
    const value = `${'x'.repeat(50)}\udfff`;
    expect(() => escapeHclString(value)).toThrow(
      `the string ${JSON.stringify('x'.repeat(40))} holds a lone surrogate, which HCL cannot represent`,
    );
  });
});

describe('readHclString escapes', () => {
  it.each([
    ['"\\U0010ffff"', '\u{10ffff}'],
    ['"\\U0010FFFF"', '\u{10ffff}'],
    ['"\\ud7ff\\ue000"', '\ud7ff\ue000'],
    ['"aa{ %%{ $${ $ % {"', 'aa{ %{ ${ $ % {'],
    ['"100%% $$ $"', '100%% $$ $'],
  ])('reads %s', (text, value) => {
    expect(readHclString(text, 0)).toEqual({ value, end: text.length });
  });

  it('starts at the given offset and stops after the closing quote', () => {
    expect(readHclString('x["k"]', 2)).toEqual({ value: 'k', end: 5 });
  });

  it.each([
    ['"\\U00110000"', 1],
    ['"\\udfff"', 1],
    ['"\\udc00"', 1],
    ['"\\u12zz"', 1],
    ['"\\uzz12"', 1],
    ['"\\u+123"', 1],
    ['"ab\\x0000004a"', 3],
    ['"\\u12', 1],
    ['"\\U0010ff"', 1],
    ['"x\\', 2],
  ])('refuses %s, naming the offset of the backslash', (text, offset) => {
    expect(() => readHclString(text, 0)).toThrow(InputError);
    expect(() => readHclString(text, 0)).toThrow(`invalid escape sequence at offset ${offset}`);
  });

  it.each([
    ['"$%{x}"', '%', 2],
    ['"%${x}"', '$', 2],
    ['"a ${x}"', '$', 3],
  ])('refuses the template sequence in %s', (text, ch, offset) => {
    expect(() => readHclString(text, 0)).toThrow(
      `a template sequence ${ch}{ is not allowed in a literal at offset ${offset}`,
    );
  });
});
