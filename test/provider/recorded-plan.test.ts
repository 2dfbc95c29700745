import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/terraform/plan.js';
import { parseState } from '../../src/terraform/state.js';
import { fixturesDir, recordFixtures, type Recorded } from './plan-recording.js';
import { createWorkdir, hasTerraform } from './terraform-helpers.js';

/**
 * The plan and state fixtures are recorded from real Terraform with the local
 * provider (see plan-recording.ts). To record them again:
 * `npm run record-fixtures`.
 */
const recording = process.env.GCADOPT_RECORD_PLANS === '1';

/** What gcadopt reads from a fixture: enough to compare across Terraform versions. */
function reading({ file, text }: Recorded): unknown {
  const json: unknown = JSON.parse(text);
  if (file.startsWith('plans/')) {
    const plan = parsePlan(json, file);
    return { ...plan, terraformVersion: undefined };
  }
  return parseState(json, file);
}

const versionOf = (text: string): unknown =>
  (JSON.parse(text) as { terraform_version?: unknown }).terraform_version;

describe('the recorded fixtures', () => {
  it.skipIf(!hasTerraform())(
    'come out the same when recorded again (written with GCADOPT_RECORD_PLANS=1)',
    async () => {
      const fresh = await recordFixtures(createWorkdir({}));
      expect(fresh.map((r) => r.file)).toContain('plans/mixed.json');
      for (const recorded of fresh) {
        const path = join(fixturesDir, recorded.file);
        if (recording) {
          writeFileSync(path, recorded.text);
          continue;
        }
        const committed = readFileSync(path, 'utf8');
        if (versionOf(committed) === versionOf(recorded.text)) {
          expect(recorded.text, recorded.file).toBe(committed);
        } else {
          // Another Terraform may add fields; what gcadopt reads must not change.
          console.warn(
            `notice: ${recorded.file} was recorded with Terraform ${String(versionOf(committed))}; comparing what gcadopt reads`,
          );
          expect(reading(recorded), recorded.file).toEqual(
            reading({ ...recorded, text: committed }),
          );
        }
      }
    },
    600_000,
  );
});
