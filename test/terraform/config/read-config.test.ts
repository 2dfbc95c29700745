import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/terraform/config/index.js';
import { divisionNames } from '../../helpers/config-names.js';
import { createTree } from '../../helpers/example.js';

const types = new Set(['genesyscloud_auth_division']);

describe('readConfig', () => {
  it('applies variable precedence: default < terraform.tfvars < .json < *.auto.tfvars (lexical) < --var-file < --var', async () => {
    const dir = await createTree({
      'main.tf': [
        'variable "a" {\n  default = "default"\n}',
        'variable "b" {\n  default = "default"\n}',
        'variable "c" {\n  default = "default"\n}',
        'variable "d" {\n  default = "default"\n}',
        'variable "e" {\n  default = "default"\n}',
        'variable "f" {\n  default = "default"\n}',
        'variable "tags" {\n  type = list(string)\n  default = []\n}',
        'resource "genesyscloud_auth_division" "x" {\n  name = "${var.a}|${var.b}|${var.c}|${var.d}|${var.e}|${var.f}|${join(",", var.tags)}"\n}',
      ].join('\n'),
      'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\n',
      'terraform.tfvars.json':
        '{"c": "tfvars.json", "d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json"}',
      'a.auto.tfvars': 'd = "a.auto"\ne = "a.auto"\nf = "a.auto"\n',
      'b.auto.tfvars.json': '{"e": "b.auto.json", "f": "b.auto.json"}',
      'extra.tfvars': 'f = "var-file"\n',
    });
    expect(await divisionNames(dir)).toEqual({
      'genesyscloud_auth_division.x': 'default|tfvars|tfvars.json|a.auto|b.auto.json|b.auto.json|',
    });
    expect(
      await divisionNames(dir, {
        varFiles: [join(dir, 'extra.tfvars')],
        vars: ['a=cli', 'tags=["p", "q"]'],
      }),
    ).toEqual({
      'genesyscloud_auth_division.x': 'cli|tfvars|tfvars.json|a.auto|b.auto.json|var-file|p,q',
    });
  });

  it('follows local modules called with for_each, two deep, with count inside', async () => {
    const dir = await createTree({
      'main.tf':
        'module "bu" {\n  source   = "./modules/bu"\n  for_each = { emea = "EMEA", "a \\"q\\"" = "Q" }\n  prefix   = each.value\n}\n',
      'modules/bu/main.tf':
        'variable "prefix" {}\nmodule "team" {\n  source = "../team"\n  for_each = toset(["Sales", "Zürich"])\n  label = "${var.prefix} ${each.key}"\n}\n',
      'modules/team/main.tf':
        'variable "label" {}\nvariable "copies" {\n  default = 2\n}\nresource "genesyscloud_auth_division" "this" {\n  count = var.copies\n  name  = "${var.label} #${count.index}"\n}\n',
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources.map((r) => [r.address, r.attributes.name])).toEqual([
      [
        'module.bu["a \\"q\\""].module.team["Sales"].genesyscloud_auth_division.this[0]',
        'Q Sales #0',
      ],
      [
        'module.bu["a \\"q\\""].module.team["Sales"].genesyscloud_auth_division.this[1]',
        'Q Sales #1',
      ],
      [
        'module.bu["a \\"q\\""].module.team["Zürich"].genesyscloud_auth_division.this[0]',
        'Q Zürich #0',
      ],
      [
        'module.bu["a \\"q\\""].module.team["Zürich"].genesyscloud_auth_division.this[1]',
        'Q Zürich #1',
      ],
      [
        'module.bu["emea"].module.team["Sales"].genesyscloud_auth_division.this[0]',
        'EMEA Sales #0',
      ],
      [
        'module.bu["emea"].module.team["Sales"].genesyscloud_auth_division.this[1]',
        'EMEA Sales #1',
      ],
      [
        'module.bu["emea"].module.team["Zürich"].genesyscloud_auth_division.this[0]',
        'EMEA Zürich #0',
      ],
      [
        'module.bu["emea"].module.team["Zürich"].genesyscloud_auth_division.this[1]',
        'EMEA Zürich #1',
      ],
    ]);
    expect(scan.resources[0]?.source).toEqual({ file: 'modules/team/main.tf', line: 5 });
    expect(
      scan.locate('module.bu["x"].module.team["y"].genesyscloud_auth_division.this[9]'),
    ).toEqual({ file: 'modules/team/main.tf', line: 5 });
  });

  it('reads locals of .tf and .tf.json files across a module called twice, and still refuses a bad local no one uses', async () => {
    const dir = await createTree({
      'main.tf': 'module "a" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./m"\n}\n',
      'm/a.tf':
        'locals {\n  unused = { "k" = "v" }\n  name   = "${local.base}-${local.suffix}"\n}\nlocals { one = 1 }\n',
      'm/b.tf.json': JSON.stringify({ locals: { base: '${upper("d")}' } }),
      'm/c.tf':
        'locals {\n  suffix = local.one + 1\n}\nresource "genesyscloud_auth_division" "x" {\n  name = local.name\n}\n',
    });
    expect(await divisionNames(dir)).toEqual({
      'module.a.genesyscloud_auth_division.x': 'D-2',
      'module.b.genesyscloud_auth_division.x': 'D-2',
    });
    const bad = await createTree({
      'main.tf': 'locals {\n  unused = { "k" = }\n}\n',
    });
    await expect(readConfig(bad, { types })).rejects.toThrow(/^main\.tf:2:/);
  });

  it('says why a name is unknown, and never guesses', async () => {
    const dir = await createTree({
      'main.tf': [
        'variable "unset" {}',
        'resource "random_id" "s" {\n  byte_length = 2\n}',
        'resource "genesyscloud_auth_division" "a" {\n  name = "x-${random_id.s.hex}"\n}',
        'resource "genesyscloud_auth_division" "b" {\n  name = var.unset\n}',
        'resource "genesyscloud_auth_division" "c" {\n  for_each = data.genesyscloud_x.y.names\n  name = each.key\n}',
        'resource "genesyscloud_auth_division" "d" {\n  name = templatefile("n.tpl", {})\n}',
        'module "remote" {\n  source = "git::https://example.invalid/mod.git"\n}',
      ].join('\n'),
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources.map((r) => [r.address, r.attributes.name])).toEqual([
      [
        'genesyscloud_auth_division.a',
        { unknown: 'depends on random_id.s (known only after apply)' },
      ],
      [
        'genesyscloud_auth_division.b',
        {
          unknown:
            'variable "unset" has no value: set it with --var unset=..., a .tfvars file or TF_VAR_unset',
        },
      ],
      [
        'genesyscloud_auth_division.c[*]',
        { unknown: 'for_each depends on data.genesyscloud_x (read from the provider during plan)' },
      ],
      [
        'genesyscloud_auth_division.d',
        {
          unknown: expect.stringMatching(
            /^cannot be evaluated: templatefile\(\): no file exists at "n\.tpl"/,
          ) as unknown,
        },
      ],
    ]);
    expect(scan.diagnostics).toEqual([
      expect.stringMatching(
        /main\.tf:\d+: module "remote" comes from "git::https:\/\/example\.invalid\/mod\.git", not a local path/,
      ),
    ]);
  });

  it('reads import blocks, for_each ones included', async () => {
    const dir = await createTree({
      'imports.tf':
        'import {\n  to = module.m["a b"].genesyscloud_auth_division.x\n  id = "id-1"\n}\nimport {\n  for_each = { s = "id-2", t = "id-3" }\n  to = genesyscloud_auth_division.y[each.key]\n  id = each.value\n}\n',
    });
    const scan = await readConfig(dir, { types });
    expect(scan.imports.map((i) => [i.to, i.id])).toEqual([
      ['module.m["a b"].genesyscloud_auth_division.x', 'id-1'],
      ['genesyscloud_auth_division.y["s"]', 'id-2'],
      ['genesyscloud_auth_division.y["t"]', 'id-3'],
    ]);
  });

  it('reads .tf.json with templates, comments and lines', async () => {
    const dir = await createTree({
      'main.tf.json': JSON.stringify(
        {
          '//': 'generated',
          variable: { env: { default: 'prod' } },
          resource: {
            genesyscloud_auth_division: {
              a: { name: '${upper(var.env)} A', description: 'literal $${x}' },
              b: [{ name: 'B' }],
            },
          },
        },
        null,
        2,
      ),
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources.map((r) => [r.address, r.attributes, r.source.line])).toEqual([
      ['genesyscloud_auth_division.a', { name: 'PROD A', description: 'literal ${x}' }, 10],
      ['genesyscloud_auth_division.b', { name: 'B' }, 14],
    ]);
  });

  it('collects the syntax errors of every file at once', async () => {
    const dir = await createTree({ 'a.tf': 'x = \n', 'b.tf': 'resource "t" {\n' });
    await expect(readConfig(dir)).rejects.toThrow(
      /2 files have errors: a\.tf:1:5: .*; b\.tf:2:1: unclosed block/,
    );
  });
});
