import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readConfig } from '../../../src/terraform/config/index.js';
import { maxInstances } from '../../../src/terraform/config/read-config.js';
import { divisionNames } from '../../helpers/config-names.js';
import { createTree } from '../../helpers/example.js';

const types = new Set(['genesyscloud_auth_division']);

describe('names built from files', () => {
  it('evaluates file, templatefile, jsondecode, yamldecode, csvdecode and fileset relative to path.module', async () => {
    const dir = await createTree({
      'main.tf': 'module "org" {\n  source = "./modules/org"\n  prefix = "EMEA"\n}\n',
      'modules/org/main.tf': [
        'variable "prefix" {}',
        'locals {',
        '  yaml  = yamldecode(file("${path.module}/teams.yaml"))',
        '  json  = jsondecode(file("${path.module}/teams.json"))',
        '  csv   = { for r in csvdecode(file("${path.module}/sites.csv")) : r.code => r.city }',
        '  files = fileset(path.module, "queues/*.txt")',
        '}',
        'resource "genesyscloud_auth_division" "yaml" {',
        '  for_each = { for t in local.yaml.teams : t.key => t }',
        '  name     = "${var.prefix} ${each.value.name}"',
        '}',
        'resource "genesyscloud_auth_division" "json" {',
        '  for_each = toset(local.json.teams)',
        '  name     = title(each.key)',
        '}',
        'resource "genesyscloud_auth_division" "csv" {',
        '  for_each = local.csv',
        '  name     = format("%s (%s)", each.value, upper(each.key))',
        '}',
        'resource "genesyscloud_auth_division" "file" {',
        '  for_each = local.files',
        '  name     = trimspace(file("${path.module}/${each.key}"))',
        '}',
        'resource "genesyscloud_auth_division" "tpl" {',
        '  name = trimspace(templatefile("${path.module}/name.tftpl", { region = var.prefix, n = 2 }))',
        '}',
      ].join('\n'),
      'modules/org/teams.yaml': 'teams:\n  - key: s\n    name: Sales\n  - key: nd\n    name: no\n',
      'modules/org/teams.json': '{"teams": ["support", "quality assurance"]}',
      'modules/org/sites.csv': 'code,city\nzrh,Zürich\nvie,"Wien, AT"\n',
      'modules/org/queues/a.txt': 'Workforce Management\n',
      'modules/org/queues/b.md': 'not matched\n',
      'modules/org/name.tftpl': '%{ if n > 1 }${region} Shared Services%{ endif }\n',
    });
    expect(await divisionNames(dir)).toEqual({
      'module.org.genesyscloud_auth_division.csv["vie"]': 'Wien, AT (VIE)',
      'module.org.genesyscloud_auth_division.csv["zrh"]': 'Zürich (ZRH)',
      'module.org.genesyscloud_auth_division.file["queues/a.txt"]': 'Workforce Management',
      'module.org.genesyscloud_auth_division.json["quality assurance"]': 'Quality Assurance',
      'module.org.genesyscloud_auth_division.json["support"]': 'Support',
      'module.org.genesyscloud_auth_division.tpl': 'EMEA Shared Services',
      // go-cty-yaml reads YAML 1.1 words: an unquoted `no` is false.
      'module.org.genesyscloud_auth_division.yaml["nd"]': 'EMEA false',
      'module.org.genesyscloud_auth_division.yaml["s"]': 'EMEA Sales',
    });
  });

  it('reports a call Terraform rejects as unknown, with the function, the reason and the block', async () => {
    const dir = await createTree({
      'main.tf':
        'resource "genesyscloud_auth_division" "x" {\n  name = "${file("${path.module}/missing.txt")}"\n}\n\nresource "genesyscloud_auth_division" "y" {\n  name = regex("(a)\\\\1", "aa")\n}\n',
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources.map((r) => [r.address, r.attributes.name, r.source])).toEqual([
      [
        'genesyscloud_auth_division.x',
        {
          unknown: expect.stringMatching(
            /^cannot be evaluated: file\(\): no file exists at "\.\/missing\.txt"/,
          ) as unknown,
        },
        { file: 'main.tf', line: 1 },
      ],
      [
        'genesyscloud_auth_division.y',
        {
          unknown:
            'cannot be evaluated: regex(): invalid regexp pattern: invalid escape sequence: `\\1`',
        },
        { file: 'main.tf', line: 5 },
      ],
    ]);
  });
});

describe('TF_VAR_ environment variables', () => {
  it('sit between defaults and terraform.tfvars, are literal for untyped or primitive variables and HCL for others', async () => {
    const dir = await createTree({
      'main.tf': [
        'variable "a" {\n  default = "default"\n}',
        'variable "b" {\n  default = "default"\n}',
        'variable "raw" {}',
        'variable "n" {\n  type = number\n}',
        'variable "teams" {\n  type = list(string)\n}',
        'variable "any" {\n  type = any\n}',
        'resource "genesyscloud_auth_division" "x" {\n  name = "${var.a}|${var.b}|${var.raw}|${var.n + 1}|${join(",", var.teams)}|${var.any.k}"\n}',
      ].join('\n'),
      'terraform.tfvars': 'b = "tfvars"\n',
    });
    const env = {
      TF_VAR_a: 'env',
      TF_VAR_b: 'env',
      TF_VAR_raw: '["not", "parsed"]',
      TF_VAR_n: '41',
      TF_VAR_teams: '["Sales", "Support"]',
      TF_VAR_any: '{ k = "v" }',
      TF_VAR_undeclared: 'ignored',
      tf_var_a: 'wrong case',
    };
    expect(await divisionNames(dir, { env })).toEqual({
      'genesyscloud_auth_division.x': 'env|tfvars|["not", "parsed"]|42|Sales,Support|v',
    });
    expect(await divisionNames(dir, { env, vars: ['a=cli'] })).toEqual({
      'genesyscloud_auth_division.x': 'cli|tfvars|["not", "parsed"]|42|Sales,Support|v',
    });
  });

  it('rejects a TF_VAR_ value that is not an HCL expression for a complex type, naming the variable', async () => {
    const dir = await createTree({
      'main.tf': 'variable "teams" {\n  type = list(string)\n}\n',
    });
    await expect(readConfig(dir, { env: { TF_VAR_teams: '["open' } })).rejects.toThrow(
      /^TF_VAR_teams:1:/,
    );
  });
});

describe('modules terraform init installed', () => {
  const manifest = (modules: object[]): string => JSON.stringify({ Modules: modules });

  it('reads remote modules from .terraform/modules/modules.json, nested ones by dotted key', async () => {
    const dir = await createTree({
      'main.tf':
        'module "org" {\n  source   = "acme/org/genesyscloud"\n  version  = "1.2.0"\n  for_each = toset(["emea", "apac"])\n  region   = upper(each.key)\n}\n',
      '.terraform/modules/modules.json': manifest([
        { Key: '', Source: '', Dir: '.' },
        {
          Key: 'org',
          Source: 'registry.terraform.io/acme/org/genesyscloud',
          Version: '1.2.0',
          Dir: '.terraform/modules/org',
        },
        {
          Key: 'org.team',
          Source: 'git::https://example.invalid/team.git?ref=v1',
          Dir: '.terraform/modules/org.team',
        },
      ]),
      '.terraform/modules/org/main.tf':
        'variable "region" {}\nresource "genesyscloud_auth_division" "this" {\n  name = "${var.region} Sales"\n}\nmodule "team" {\n  source = "git::https://example.invalid/team.git?ref=v1"\n  label  = "${var.region} Support"\n}\nmodule "local" {\n  source = "./local"\n}\n',
      '.terraform/modules/org/local/main.tf':
        'resource "genesyscloud_auth_division" "this" {\n  name = basename(path.module)\n}\n',
      '.terraform/modules/org.team/main.tf':
        'variable "label" {}\nresource "genesyscloud_auth_division" "this" {\n  name = var.label\n}\n',
    });
    const scan = await readConfig(dir, { types });
    expect(Object.fromEntries(scan.resources.map((r) => [r.address, r.attributes.name]))).toEqual({
      'module.org["apac"].genesyscloud_auth_division.this': 'APAC Sales',
      'module.org["apac"].module.local.genesyscloud_auth_division.this': 'local',
      'module.org["apac"].module.team.genesyscloud_auth_division.this': 'APAC Support',
      'module.org["emea"].genesyscloud_auth_division.this': 'EMEA Sales',
      'module.org["emea"].module.local.genesyscloud_auth_division.this': 'local',
      'module.org["emea"].module.team.genesyscloud_auth_division.this': 'EMEA Support',
    });
    expect(scan.resources[0]?.source).toEqual({ file: '.terraform/modules/org/main.tf', line: 2 });
    expect(scan.diagnostics).toEqual([]);
  });

  it('does not read a module whose source changed since terraform init, and says so', async () => {
    const dir = await createTree({
      'main.tf': 'module "org" {\n  source = "acme/org/genesyscloud"\n}\n',
      '.terraform/modules/modules.json': manifest([
        {
          Key: 'org',
          Source: 'registry.terraform.io/acme/old/genesyscloud',
          Dir: '.terraform/modules/org',
        },
      ]),
      '.terraform/modules/org/main.tf':
        'resource "genesyscloud_auth_division" "this" {\n  name = "Old"\n}\n',
    });
    const scan = await readConfig(dir, { types });
    expect(scan.resources).toEqual([]);
    expect(scan.diagnostics).toEqual([
      'main.tf:1: module "org" comes from "acme/org/genesyscloud" but terraform init installed "registry.terraform.io/acme/old/genesyscloud": run terraform init; its resources are not read',
    ]);
  });

  it('fails with one line on a manifest terraform did not write', async () => {
    const dir = await createTree({
      'main.tf': '',
      '.terraform/modules/modules.json': '{"Modules": "nope"}',
    });
    await expect(readConfig(dir, { types })).rejects.toThrow(
      '.terraform/modules/modules.json is not a module manifest terraform wrote',
    );
  });
});

describe('expansion that explodes', () => {
  it(`stops at ${maxInstances.module.toLocaleString('en-US')} module instances with one line (10 levels of 10 keys)`, async () => {
    const tree: Record<string, string> = {
      'main.tf':
        'module "l1" {\n  source   = "./l1"\n  for_each = toset([for i in range(10) : tostring(i)])\n}\n',
    };
    for (let level = 1; level < 10; level++)
      tree[`l${level}/main.tf`] =
        `module "l${level + 1}" {\n  source   = "../l${level + 1}"\n  for_each = toset([for i in range(10) : tostring(i)])\n}\n`;
    tree['l10/main.tf'] = 'resource "genesyscloud_auth_division" "x" {\n  name = "x"\n}\n';
    const dir = await createTree(tree);
    const started = performance.now();
    const error = await readConfig(dir, { types }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /^the configuration expands to more than 100,000 module instances \(reached at module\.l1\["0"\]\.module\.l2\["0"\]\..*\); gcadopt stops there$/,
    );
    expect((error as InputError).message).not.toContain('\n');
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('refuses a huge count before building it', async () => {
    const dir = await createTree({
      'main.tf':
        'resource "genesyscloud_auth_division" "x" {\n  count = 1000000000000\n  name  = "x${count.index}"\n}\n',
    });
    await expect(readConfig(dir, { types })).rejects.toThrow(
      /more than 1,000,000 resource instances \(reached at genesyscloud_auth_division\.x\)/,
    );
  });
});
