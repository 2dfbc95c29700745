import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseModulePath } from '../../src/terraform/address.js';

describe('parseModulePath: every step starts with "module."', () => {
  it.each([
    ['mod.a', 1],
    ['module.a.abcdefgb', 10],
    ['module.a["x"].resource.b', 15],
  ])('refuses %j, naming the column of the step', (text, column) => {
    expect(() => parseModulePath(text)).toThrow(InputError);
    expect(() => parseModulePath(text)).toThrow(
      `invalid module path ${JSON.stringify(text)}: expected "module." at column ${column}`,
    );
  });
});
