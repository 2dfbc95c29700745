import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { createTerraformEnv, emulatorCredentials, runTerraform } from './terraform-helpers.js';

/** The division the recorded plan adopts with an import block. */
export const adoptedId = '00000000-0000-4000-8000-0000000000ad';

const providerTf = `terraform {
  required_providers {
    genesyscloud = { source = "mypurecloud/genesyscloud" }
  }
}
provider "genesyscloud" {}
`;

const moduleTf = `terraform {
  required_providers {
    genesyscloud = { source = "mypurecloud/genesyscloud" }
  }
}
variable "name" { type = string }
resource "genesyscloud_auth_division" "this" {
  name = var.name
}
`;

// First apply: what the second plan replaces, deletes and keeps.
const before = `${providerTf}
resource "genesyscloud_auth_division" "ops" {
  name = "Ops"
}
resource "genesyscloud_auth_division" "retired" {
  name = "Retired"
}
`;

// The plan recorded: modules with for_each, count, an import, a replacement
// (home is ForceNew) and a delete.
const after = `${providerTf}
module "org" {
  source   = "./org"
  for_each = toset(["Zürich \\"HQ\\"", "Support $\${tier}"])
  name     = each.key
}
resource "genesyscloud_auth_division" "counted" {
  count = 2
  name  = "Team \${count.index}"
}
import {
  to = genesyscloud_auth_division.adopted
  id = "${adoptedId}"
}
resource "genesyscloud_auth_division" "adopted" {
  name        = "Adopt Me"
  description = "now managed"
}
resource "genesyscloud_auth_division" "ops" {
  name = "Ops"
  home = true
}
`;

/**
 * Runs real Terraform with the local provider against a fresh emulator and
 * returns \`terraform show -json\` of the plan described above. \`dir\` must be empty.
 */
export async function recordPlan(dir: string): Promise<string> {
  const emulator = await startEmulator({
    seed: { divisions: [{ id: adoptedId, name: 'Adopt Me', description: '' }] },
  });
  try {
    const env = await createTerraformEnv(dir, emulatorCredentials(emulator));
    mkdirSync(join(dir, 'org'));
    writeFileSync(join(dir, 'org', 'main.tf'), moduleTf);
    writeFileSync(join(dir, 'main.tf'), before);
    const must = async (args: string[]): Promise<string> => {
      const result = await runTerraform(dir, env, args);
      if (result.code !== 0) throw new Error(`terraform ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    await must(['apply', '-auto-approve', '-input=false', '-no-color']);
    writeFileSync(join(dir, 'main.tf'), after);
    // Local modules only: `get` installs them without reaching any registry.
    await must(['get', '-no-color']);
    await must(['plan', '-out=tfplan', '-input=false', '-no-color']);
    return await must(['show', '-json', 'tfplan']);
  } finally {
    await emulator.close();
  }
}

/** True when `terraform` runs here. */
export function terraformRuns(): boolean {
  return spawnSync('terraform', ['version'], { env: { PATH: process.env.PATH } }).status === 0;
}
