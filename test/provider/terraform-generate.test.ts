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
  hasTerraform,
  runTerraform,
} from './terraform-helpers.js';

const seed = {
  divisions: [
    { id: '00000000-0000-4000-8000-000000000001', name: 'Home', description: '', home: true },
    { id: '00000000-0000-4000-8000-000000000002', name: 'Sales', description: 'sales team' },
    { id: '00000000-0000-4000-8000-000000000003', name: 'Support & "Care"', description: '' },
  ],
  skills: [
    { id: '00000000-0000-4000-8000-00000000000a', name: 'Spanish' },
    { id: '00000000-0000-4000-8000-00000000000b', name: 'French ${x}' },
  ],
};

const providerTf = `
terraform {
  required_providers {
    genesyscloud = { source = "mypurecloud/genesyscloud" }
  }
}
provider "genesyscloud" {}
`;

interface PlanJson {
  resource_changes: {
    address: string;
    change: { actions: string[]; after: unknown; importing?: { id: string } };
  }[];
}

async function planned(dir: string, env: Record<string, string>, extra: string[]) {
  const plan = await runTerraform(dir, env, [
    'plan',
    '-out=p.bin',
    '-no-color',
    '-input=false',
    ...extra,
  ]);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const shown = await runTerraform(dir, env, ['show', '-json', 'p.bin']);
  return (JSON.parse(shown.stdout) as PlanJson).resource_changes;
}

describe.skipIf(!hasTerraform())(
  'gcadopt generate against terraform plan -generate-config-out',
  () => {
    it('writes what Terraform generates from the same org, and its plan imports with no change', async () => {
      const emulator = await startTestEmulator({ seed });
      const credentials = emulatorCredentials(emulator);

      const ours = createWorkdir({ 'main.tf': providerTf });
      const io = createTestIo({ env: credentials, cwd: ours });
      expect(await main(['generate', '.', '--kinds', 'divisions,skills'], io), io.err()).toBe(0);
      const generated = readFileSync(join(ours, 'generated.tf'), 'utf8');
      const ourChanges = await planned(ours, await createTerraformEnv(ours, credentials), []);
      // Every live object is imported with nothing to change, except the home
      // division: gcadopt adopts it with home = true (a create that PUTs onto it).
      const [home, ...others] = seed.divisions;
      expect(ourChanges.map((c) => [c.change.importing?.id, c.change.actions]).sort()).toEqual(
        [
          [undefined, ['create']],
          ...[...others, ...seed.skills].map((o) => [o.id, ['no-op']]),
        ].sort(),
      );
      expect(ourChanges.find((c) => c.change.actions[0] === 'create')?.change.after).toEqual({
        name: home?.name,
        description: null,
        home: true,
      });

      // Terraform's own generation from gcadopt's import blocks alone.
      const theirs = createWorkdir({
        'main.tf': providerTf,
        'imports.tf': (generated.match(/^import \{[^}]*\}/gm) ?? []).join('\n\n'),
      });
      const theirEnv = await createTerraformEnv(theirs, credentials);
      const theirChanges = await planned(theirs, theirEnv, ['-generate-config-out=terraform.tf']);
      const imported = (changes: PlanJson['resource_changes']) =>
        Object.fromEntries(
          changes.flatMap((c) => (c.change.importing ? [[c.address, c.change.after]] : [])),
        );
      expect(Object.keys(imported(ourChanges))).toHaveLength(4);
      expect(imported(theirChanges)).toEqual(imported(ourChanges));
    }, 240_000);
  },
);
