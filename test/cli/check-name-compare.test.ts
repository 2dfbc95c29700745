import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { nameCompareRules, type NameCompare } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { loginTo, startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

// The configuration wants "EMEA Support"; the org already has "emea support".
// Whether the real API calls that the same name is unverified (genesys-api.md),
// so the emulator answers under each reading and check must be safe under all.
const config = {
  'main.tf': 'resource "genesyscloud_auth_division" "emea" {\n  name = "EMEA Support"\n}\n',
};
const seed = { divisions: [{ name: 'emea support' }] };

/** What the emulated org answers to the create `terraform apply` would send. */
const createAnswers: Record<NameCompare, number> = {
  exact: 201,
  'case-insensitive': 409,
  'case-and-space-insensitive': 409,
};

async function check(nameCompare: NameCompare, extra: string[]): Promise<number> {
  const emulator = await startTestEmulator({ seed, nameCompare });
  const dir = await createTree(config);
  const io = createTestIo({ env: emulatorEnv(emulator) });
  return main(['check', dir, ...extra], io);
}

// A case- or space-only clash is blocking by default, with --exact-names to opt
// out. Until check has that option these run as skipped.
const help = createTestIo();
await main(['check', '--help'], help);
const hasExactNames = help.out().includes('--exact-names');

describe.each(nameCompareRules)('check against an org comparing names %s', (nameCompare) => {
  it(`the org answers ${createAnswers[nameCompare]} to creating "EMEA Support"`, async () => {
    const emulator = await startTestEmulator({ seed, nameCompare });
    const api = await loginTo(emulator);
    const res = await api('/api/v2/authorization/divisions', {
      method: 'POST',
      body: JSON.stringify({ name: 'EMEA Support' }),
    });
    expect(res.status).toBe(createAnswers[nameCompare]);
  });

  it.runIf(hasExactNames)('check blocks by default (exit 2)', async () => {
    expect(await check(nameCompare, [])).toBe(2);
  });

  // --exact-names is right only when the org compares exactly: under the other
  // readings this exit 0 lets an apply through that the org answers 409.
  it.runIf(hasExactNames)('check passes with --exact-names (exit 0)', async () => {
    expect(await check(nameCompare, ['--exact-names'])).toBe(0);
  });
});
