import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const division = (label: string, name: string): string =>
  `resource "genesyscloud_auth_division" "${label}" {\n  name = ${name}\n}\n`;

/** `check --format json` on DIR: each finding's address and message, and the warnings on stderr. */
async function check(dir: string, extra: string[] = []) {
  const emulator = await startTestEmulator();
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(['check', dir, '--format', 'json', ...extra], io);
  const { findings } = JSON.parse(io.out()) as { findings: { address: string; message: string }[] };
  return {
    code,
    messages: Object.fromEntries(findings.map((f) => [f.address, f.message])),
    err: io.err(),
  };
}

const missing = (name: string): string =>
  `variable "${name}" has no value: set it with --var ${name}=..., a .tfvars file or TF_VAR_${name}`;

describe('a variable with no value, and an undeclared one', () => {
  it('reports a root variable with no value as missing a value, in the root module and through module calls', async () => {
    const dir = await createTree({
      'main.tf': [
        'variable "org" {}',
        'variable "units" {}',
        division('root', '"${var.org} Sales"'),
        division('typo', 'var.nope'),
        'module "bu" {\n  source = "./bu"\n  prefix = var.org\n}',
        'module "each" {\n  source   = "./bu"\n  for_each = var.units\n  prefix   = each.key\n}',
      ].join('\n'),
      'bu/main.tf': [
        'variable "prefix" {}',
        'variable "suffix" {\n  default = "Team"\n}',
        division('team', '"${var.prefix} ${var.suffix}"'),
        division('typo', 'var.undeclared'),
      ].join('\n'),
    });
    const { code, messages, err } = await check(dir);
    expect(code).toBe(0);
    const unknownName = (reason: string): string =>
      `the division name is not known before apply: ${reason}; gcadopt cannot check it`;
    expect(messages).toEqual({
      'genesyscloud_auth_division.root': unknownName(missing('org')),
      'genesyscloud_auth_division.typo': unknownName('variable "nope" is not declared'),
      'module.bu.genesyscloud_auth_division.team': unknownName(missing('org')),
      'module.bu.genesyscloud_auth_division.typo': unknownName(
        'variable "undeclared" is not declared',
      ),
      // The instances of module "each" are unknown: its variable is unknown for that reason.
      'module.each.genesyscloud_auth_division.team': unknownName(
        `module "each" for_each ${missing('units')}`,
      ),
      'module.each.genesyscloud_auth_division.typo': unknownName(
        'variable "undeclared" is not declared',
      ),
    });
    expect(err).toContain(
      `main.tf:15: module "each" for_each ${missing('units')}; its instances are unknown`,
    );
  });

  it('has the value once --var sets it', async () => {
    const dir = await createTree({
      'main.tf': `variable "org" {}\n${division('root', '"${var.org} Sales"')}`,
    });
    expect((await check(dir, ['--var', 'org=EMEA'])).messages).toEqual({});
  });
});
