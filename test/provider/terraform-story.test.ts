import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';
import {
  createTerraformEnv,
  createWorkdir,
  emulatorCredentials,
  errorsOf,
  hasTerraform,
  runTerraform,
} from './terraform-helpers.js';

const seed = {
  divisions: [
    { id: '00000000-0000-4000-8000-000000000001', name: 'Home', description: '', home: true },
    { id: '00000000-0000-4000-8000-000000000002', name: 'Sales', description: 'old text' },
    { id: '00000000-0000-4000-8000-000000000003', name: 'Support', description: '' },
    {
      id: '00000000-0000-4000-8000-000000000004',
      name: 'Legacy',
      description: 'nobody manages it',
    },
  ],
};

const mainTf = `
terraform {
  required_providers {
    genesyscloud = { source = "mypurecloud/genesyscloud" }
  }
}

provider "genesyscloud" {}

resource "genesyscloud_auth_division" "home" {
  name = "Home"
  home = true
}

resource "genesyscloud_auth_division" "sales" {
  name        = "Sales"
  description = "sales team"
}

resource "genesyscloud_auth_division" "support" {
  name = "Support"
}

resource "genesyscloud_auth_division" "marketing" {
  name        = "Marketing"
  description = "new"
}
`;

interface PlanJson {
  resource_changes: {
    address: string;
    change: { actions: string[]; after: { name?: string } | null; importing?: { id: string } };
  }[];
}

describe.skipIf(!hasTerraform())(
  'the seed story with real Terraform and the local provider',
  () => {
    it('fails the apply on exactly what check names, then adopts them with import', async () => {
      const emulator = await startTestEmulator({ seed });
      const credentials = emulatorCredentials(emulator);
      const dir = createWorkdir({ 'main.tf': mainTf });
      const env = await createTerraformEnv(dir, credentials);

      // gcadopt's prediction.
      const checkIo = createTestIo({ env: credentials, cwd: dir });
      expect(await main(['check', '.', '--format', 'json'], checkIo)).toBe(2);
      const report = JSON.parse(checkIo.out()) as {
        findings: { severity: string; address: string }[];
      };
      const predicted = report.findings.filter((f) => f.severity === 'error').map((f) => f.address);
      expect(predicted.sort()).toEqual([
        'genesyscloud_auth_division.sales',
        'genesyscloud_auth_division.support',
      ]);

      // What really happens: the POSTs of the taken names fail with the API's 409.
      const failed = await runTerraform(dir, env, ['apply', '-auto-approve', '-json', '-no-color']);
      expect(failed.code).toBe(1);
      const errors = errorsOf(failed.stdout);
      expect(errors.map((e) => e.address).sort(), JSON.stringify(errors)).toEqual(predicted);
      for (const error of errors) {
        expect(error.summary).toMatch(
          /^Failed to create division \w+: A division with the name \w+ already exists\.$/,
        );
        expect(error.detail).toContain('409 general.conflict');
      }

      // The way out: import blocks for exactly those.
      const importIo = createTestIo({ env: credentials, cwd: dir });
      expect(await main(['import', '.'], importIo), importIo.err()).toBe(0);
      expect(readFileSync(join(dir, 'imports.tf'), 'utf8')).toContain(seed.divisions[1]?.id);

      const plan = await runTerraform(dir, env, [
        'plan',
        '-out=plan.bin',
        '-no-color',
        '-input=false',
      ]);
      expect(plan.code, plan.stderr).toBe(0);
      const shown = await runTerraform(dir, env, ['show', '-json', 'plan.bin']);
      const changes = (JSON.parse(shown.stdout) as PlanJson).resource_changes;
      const imports = Object.fromEntries(
        changes.flatMap((c) => (c.change.importing ? [[c.address, c.change.importing.id]] : [])),
      );
      expect(imports).toEqual({
        'genesyscloud_auth_division.sales': seed.divisions[1]?.id,
        'genesyscloud_auth_division.support': seed.divisions[2]?.id,
      });
      const creates = changes.filter((c) => c.change.actions.includes('create'));
      expect(creates).toEqual([]);

      const applied = await runTerraform(dir, env, [
        'apply',
        '-no-color',
        '-input=false',
        'plan.bin',
      ]);
      expect(applied.code, applied.stderr).toBe(0);

      // The org holds the intended changes only: no duplicates, ids kept, Legacy untouched.
      const org = emulator.store
        .list()
        .map((d) => ({ name: d.name, description: d.description ?? '', id: d.id }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const marketing = org.find((d) => d.name === 'Marketing');
      expect(org).toEqual([
        { name: 'Home', description: '', id: seed.divisions[0]?.id },
        { name: 'Legacy', description: 'nobody manages it', id: seed.divisions[3]?.id },
        { name: 'Marketing', description: 'new', id: marketing?.id },
        { name: 'Sales', description: 'sales team', id: seed.divisions[1]?.id },
        { name: 'Support', description: '', id: seed.divisions[2]?.id },
      ]);

      const clean = await runTerraform(dir, env, [
        'plan',
        '-detailed-exitcode',
        '-no-color',
        '-input=false',
      ]);
      expect(clean.code, clean.stdout).toBe(0);
    }, 240_000);
  },
);
