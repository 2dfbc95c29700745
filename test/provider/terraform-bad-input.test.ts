import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteBash } from '../../src/cli/shell-quote.js';
import { launcherName } from '../../src/provider/dev-overrides.js';
import { closedPort } from '../helpers/closed-port.js';
import { startTestEmulator } from '../helpers/emulator.js';
import {
  bin,
  createTerraformEnv,
  createWorkdir,
  emulatorCredentials,
  errorsOf,
  hasTerraform,
  runTerraform,
} from './terraform-helpers.js';

const config = `
terraform {
  required_providers {
    genesyscloud = { source = "mypurecloud/genesyscloud" }
  }
}
provider "genesyscloud" {}
resource "genesyscloud_auth_division" "marketing" {
  name = "Marketing"
}
`;

describe.skipIf(!hasTerraform())('the local provider under Terraform, bad input', () => {
  it('an unreachable API fails the create with one line naming the host (the login host: the first it needs)', async () => {
    const dir = createWorkdir({ 'main.tf': config });
    const port = await closedPort();
    const env = await createTerraformEnv(dir, {
      GCADOPT_API_URL: `http://127.0.0.1:${port}`,
      GENESYSCLOUD_OAUTHCLIENT_ID: 'id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'not-shown-anywhere',
    });
    const result = await runTerraform(dir, env, ['apply', '-auto-approve', '-json']);
    expect(result.code).toBe(1);
    const errors = errorsOf(result.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.address).toBe('genesyscloud_auth_division.marketing');
    expect(errors[0]?.summary).toMatch(
      new RegExp(
        `^Failed to create division Marketing: cannot reach the login host 127\\.0\\.0\\.1:${port}\\b`,
      ),
    );
    expect(errors[0]?.summary).not.toContain('\n');
    expect(result.stdout + result.stderr).not.toContain('not-shown-anywhere');
  }, 120_000);

  it('missing credentials fail the provider configuration with one line', async () => {
    const emulator = await startTestEmulator();
    const dir = createWorkdir({ 'main.tf': config });
    const env = await createTerraformEnv(dir, { GCADOPT_API_URL: emulator.url });
    const result = await runTerraform(dir, env, ['plan', '-json']);
    expect(result.code).toBe(1);
    expect(errorsOf(result.stdout).map((e) => e.summary)).toEqual([
      'Failed to configure the Genesys Cloud provider: no Genesys Cloud credentials found',
    ]);
  }, 120_000);

  it('a failed handshake (no protocol 6 offered) is one line Terraform shows', async () => {
    const emulator = await startTestEmulator();
    const dir = createWorkdir({ 'main.tf': config });
    const env = await createTerraformEnv(dir, emulatorCredentials(emulator));
    // A launcher that offers the provider protocol 5 only, as a Terraform older than 1.0 would.
    const launcher = join(dir, '.plugin', launcherName);
    writeFileSync(
      launcher,
      `#!/bin/sh\nPLUGIN_PROTOCOL_VERSIONS=5 exec ${quoteBash(process.execPath)} ${quoteBash(bin)} provider\n`,
    );
    const result = await runTerraform(dir, env, ['plan', '-json']);
    expect(result.code).toBe(1);
    const [error] = errorsOf(result.stdout);
    expect(error?.detail).toContain(
      'Unrecognized remote plugin message: gcadopt provider: this Terraform offers plugin protocol 5 only; the gcadopt provider speaks protocol 6 (Terraform 1.0 or later)\n',
    );
  }, 120_000);
});
