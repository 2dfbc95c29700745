import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readConfig, type ConfigOptions } from '../../../src/terraform/config/index.js';
import { createTree } from '../../helpers/example.js';

const types = new Set(['genesyscloud_auth_division']);

/** The value `var.v` resolves to, seen as the description of a division. */
async function valueOf(
  files: Record<string, string>,
  options: ConfigOptions = {},
  declaration = 'variable "v" {}',
): Promise<unknown> {
  const dir = await createTree({
    'main.tf': `${declaration}\nresource "genesyscloud_auth_division" "x" {\n  name        = "x"\n  description = var.v\n}\n`,
    ...files,
  });
  const scan = await readConfig(dir, {
    types,
    ...options,
    varFiles: options.varFiles?.map((f) => join(dir, f)),
  });
  return scan.resources[0]?.attributes.description;
}

async function errorOf(run: Promise<unknown>): Promise<InputError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('--var values take the type of the declaration', () => {
  it.each<[string, string, unknown]>([
    ['type = number', '42', 42],
    ['type = number', ' 7 ', 7],
    ['type = number', '1e3', 1000],
    ['type = number', 'many', 'many'],
    ['type = number', ' ', ' '],
    ['type = number', '', ''],
    ['type = string', '42', '42'],
    ['type = bool', 'true', true],
    ['type = any', '[1]', [1]],
    ['', '42', '42'],
    ['', '["a"]', '["a"]'],
    ['type = list(string)', '["a", "b"]', ['a', 'b']],
    ['type = list', '["a"]', ['a']],
    ['type = map(string)', '{ k = "v" }', { k: 'v' }],
    ['type = object({ n = number })', '{ n = 1 }', { n: 1 }],
  ])('variable { %s } with --var v=%j', async (type, raw, expected) => {
    expect(await valueOf({}, { vars: [`v=${raw}`] }, `variable "v" {\n  ${type}\n}`)).toEqual(
      expected,
    );
  });

  it('splits at the first "=" and trims the name', async () => {
    expect(await valueOf({}, { vars: [' v =a=b'] })).toBe('a=b');
  });

  it('lets the last --var win', async () => {
    expect(await valueOf({}, { vars: ['v=first', 'v=second'] })).toBe('second');
  });

  it.each([
    ['v', '--var "v": expected NAME=VALUE'],
    ['=x', '--var "=x": expected NAME=VALUE'],
    ['w=1', '--var w: the root module declares no variable "w"'],
  ])('refuses --var %j', async (assignment, message) => {
    const dir = await createTree({ 'main.tf': 'variable "v" {}\n' });
    const error = await errorOf(readConfig(dir, { types, vars: [assignment] }));
    expect(error.message).toBe(message);
  });
});

describe('variables files', () => {
  it('reads only *.auto.tfvars and *.auto.tfvars.json besides terraform.tfvars(.json)', async () => {
    const files = {
      'other.tfvars': 'v = "other"\n',
      'x.auto.tfvars.bak': 'v = "bak"\n',
      'x.auto.tfvarsjson': 'v = "nojson"\n',
      'auto.tfvars': 'v = "no-dot"\n',
      'terraform.tfvars.bak': 'v = "bak"\n',
    };
    expect(await valueOf(files, {}, 'variable "v" {\n  default = "default"\n}')).toBe('default');
  });

  it('reads *.auto.tfvars files in lexical order, after terraform.tfvars.json', async () => {
    const files = {
      'terraform.tfvars.json': '{"v": "json"}',
      'b.auto.tfvars': 'v = "b"\n',
      'a.auto.tfvars': 'v = "a"\n',
    };
    expect(await valueOf(files)).toBe('b');
  });

  it('lets the lexically last *.auto.tfvars win, whatever order the folder lists them in', async () => {
    const files: Record<string, string> = {};
    for (const n of [3, 9, 0, 6, 1, 8, 4, 2, 7, 5]) files[`f${n}.auto.tfvars`] = `v = "f${n}"\n`;
    expect(await valueOf(files)).toBe('f9');
  });

  it('ignores a value set for a variable the root module does not declare', async () => {
    const dir = await createTree({
      'main.tf':
        'resource "genesyscloud_auth_division" "x" {\n  name        = "x"\n  description = var.w\n}\n',
      'terraform.tfvars': 'w = "set"\n',
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources[0]?.attributes.description).toEqual({
      unknown: 'variable "w" is not declared',
    });
  });

  it('names the --var whose expression does not parse', async () => {
    const dir = await createTree({ 'main.tf': 'variable "v" {\n  type = list(string)\n}\n' });
    const error = await errorOf(readConfig(dir, { types, vars: ['v=["a",'] }));
    expect(error.message).toMatch(/^--var v\b/);
  });

  it('reads JSON values as they are', async () => {
    expect(await valueOf({ 'terraform.tfvars.json': '{"v": [1, {"k": true}]}' })).toEqual([
      1,
      { k: true },
    ]);
  });

  it('evaluates HCL values with functions but without variables or locals', async () => {
    expect(await valueOf({ 'terraform.tfvars': 'v = upper("abc")\n' })).toBe('ABC');
    expect(await valueOf({ 'terraform.tfvars': 'v = var.other\n' })).toEqual({
      unknown: 'var.other cannot be used here',
    });
    expect(await valueOf({ 'terraform.tfvars': 'v = local.x\n' })).toEqual({
      unknown: 'local.x cannot be used here',
    });
  });

  it('ignores values for variables the root module does not declare', async () => {
    expect(
      await valueOf({ 'terraform.tfvars': 'v = "set"\nw = "ignored"\n' }, { varFiles: [] }),
    ).toBe('set');
  });

  it('reads a --var-file after the automatic files, whatever its extension', async () => {
    const files = { 'a.auto.tfvars': 'v = "auto"\n', 'extra.json': '{"v": "extra"}' };
    expect(await valueOf(files, { varFiles: ['extra.json'] })).toBe('extra');
  });

  it.each<[Record<string, string>, string]>([
    [
      { 'terraform.tfvars.json': '[1]' },
      'terraform.tfvars.json: not valid JSON variables (expected an object)',
    ],
    [
      { 'terraform.tfvars.json': 'null' },
      'terraform.tfvars.json: not valid JSON variables (expected an object)',
    ],
    [
      { 'terraform.tfvars.json': '"v"' },
      'terraform.tfvars.json: not valid JSON variables (expected an object)',
    ],
    [
      { 'terraform.tfvars': 'v = "a"\nlocals {\n}\n' },
      'terraform.tfvars: a variables file holds only NAME = VALUE lines',
    ],
  ])('refuses %j', async (files, message) => {
    const dir = await createTree({ 'main.tf': 'variable "v" {}\n', ...files });
    const error = await errorOf(readConfig(dir, { types }));
    expect(error.message).toBe(message);
    expect(error.file).toBe(Object.keys(files)[0]);
  });

  it('names a --var-file it cannot read', async () => {
    const dir = await createTree({ 'main.tf': 'variable "v" {}\n' });
    const missing = join(dir, 'missing.tfvars');
    const error = await errorOf(readConfig(dir, { types, varFiles: [missing] }));
    expect(error.message.startsWith(`cannot read variables file ${missing}`)).toBe(true);
    expect(error.file).toBe(missing);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('names the JSON syntax problem', async () => {
    const dir = await createTree({ 'main.tf': 'variable "v" {}\n', 'x.auto.tfvars.json': '{' });
    const error = await errorOf(readConfig(dir, { types }));
    expect(error.message).toMatch(/^x\.auto\.tfvars\.json: not valid JSON variables \(.+\)$/);
    expect(error.message).not.toContain('expected an object');
  });
});
