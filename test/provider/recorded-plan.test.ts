import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan, readPlan, type Plan } from '../../src/terraform/plan.js';
import { adoptedId, recordPlan } from './plan-recording.js';
import { createWorkdir, hasTerraform } from './terraform-helpers.js';

/**
 * A plan recorded from real Terraform 1.11 with the local provider. To record it
 * again: `GCADOPT_RECORD_PLANS=1 npx vitest run test/provider/recorded-plan.test.ts`.
 */
const fixture = fileURLToPath(new URL('../fixtures/plans/recorded-provider.json', import.meta.url));
const types = new Set(['genesyscloud_auth_division']);

const summary = (plan: Plan) => plan.desired.map((d) => [d.address, d.action, d.importId]);

const expected = [
  ['genesyscloud_auth_division.adopted', 'update', adoptedId],
  ['genesyscloud_auth_division.counted[0]', 'create', undefined],
  ['genesyscloud_auth_division.counted[1]', 'create', undefined],
  ['genesyscloud_auth_division.ops', 'replace', undefined],
  ['genesyscloud_auth_division.retired', 'delete', undefined],
  ['module.org["Support $${tier}"].genesyscloud_auth_division.this', 'create', undefined],
  ['module.org["Zürich \\"HQ\\""].genesyscloud_auth_division.this', 'create', undefined],
];

describe('the plan reader on a plan recorded from real Terraform', () => {
  it('reads modules with for_each, count, an import, a replacement and a delete', async () => {
    const plan = await readPlan(fixture, { types });
    expect(plan.terraformVersion).toMatch(/^1\.\d+\.\d+$/);
    expect(summary(plan).sort()).toEqual(expected);
    const ops = plan.desired.find((d) => d.address.endsWith('.ops'));
    expect(ops?.before?.home).toBe(false);
    expect(ops?.attributes.home).toBe(true);
    // Real Terraform puts an object being imported in the plan's prior state
    // already, beside the ones the state held.
    expect(plan.managed.map((m) => m.address).sort()).toEqual([
      'genesyscloud_auth_division.adopted',
      'genesyscloud_auth_division.ops',
      'genesyscloud_auth_division.retired',
    ]);
    expect(plan.managed.find((m) => m.address.endsWith('.adopted'))?.id).toBe(adoptedId);
  });

  it.skipIf(!hasTerraform())(
    'matches what Terraform records today (and re-records with GCADOPT_RECORD_PLANS=1)',
    async () => {
      const json = await recordPlan(createWorkdir({}));
      // Indented, so that a re-recording reads as a diff.
      if (process.env.GCADOPT_RECORD_PLANS === '1')
        writeFileSync(fixture, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
      const fresh = parsePlan(JSON.parse(json), join('fresh', 'plan.json'), { types });
      expect(summary(fresh).sort()).toEqual(expected);
    },
    240_000,
  );
});
