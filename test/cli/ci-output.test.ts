import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createTree, examplesDir, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function check(args: string[], env: Record<string, string>, cwd: string) {
  const io = createTestIo({ env, cwd });
  const code = await main(['check', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A git repository (its `.git` is all the root lookup needs) with the example in infra/prod. */
async function createRepo(): Promise<{ root: string; dir: string }> {
  const root = await createTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'README.md': '' });
  const dir = join(root, 'infra', 'prod');
  await mkdir(dir, { recursive: true });
  await cp(examplesDir, dir, { recursive: true });
  return { root, dir };
}

interface SarifResult {
  ruleId: string;
  locations: {
    physicalLocation?: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number };
    };
  }[];
  partialFingerprints?: Record<string, string>;
}

describe('CI output GitHub accepts', () => {
  it('--format github names files from the git top-level, whatever DIR and the working folder', async () => {
    const org = await startExampleOrg();
    const { root, dir } = await createRepo();
    const fromDir = await check(['.', '--format', 'github'], emulatorEnv(org), dir);
    const fromRoot = await check(['infra/prod', '--format', 'github'], emulatorEnv(org), root);
    expect(fromDir.code).toBe(2);
    expect(fromDir.out).toContain('::error file=infra/prod/main.tf,line=23,');
    expect(fromDir.out).toContain('file=infra/prod/modules/business-unit/main.tf,');
    expect(fromDir.out).not.toMatch(/file=(?!infra\/prod\/)/);
    expect(fromRoot.out).toBe(fromDir.out);
  });

  it('every SARIF result has a physical location from the repository root and a fingerprint', async () => {
    const org = await startExampleOrg();
    const { root, dir } = await createRepo();
    // A plan for a folder without its configuration: no finding has a source,
    // so each points at the plan file.
    const empty = join(root, 'infra', 'empty');
    await mkdir(empty);
    const reports = [
      await check([dir, '--format', 'sarif'], emulatorEnv(org), dir),
      await check(
        [empty, '--plan', join(dir, 'plan.json'), '--format', 'sarif'],
        emulatorEnv(org),
        root,
      ),
    ];
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const validate = new AjvModule.default({ strict: false, unicodeRegExp: false }).compile(schema);
    const uris: (string | undefined)[][] = [];
    for (const { code, out } of reports) {
      expect(code).toBe(2);
      const sarif = JSON.parse(out) as {
        runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[];
      };
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      // GitHub's upload rules: at most 20 runs, 25,000 results and 1,000
      // locations per result; each result names a rule of its run, has a
      // relative URI and a line, and fingerprints that track it across runs.
      expect(sarif.runs.length).toBeLessThanOrEqual(20);
      const [run] = sarif.runs;
      const rules = new Set(run?.tool.driver.rules.map((r) => r.id));
      expect(run?.results.length).toBeGreaterThan(0);
      for (const r of run?.results ?? []) {
        expect(rules.has(r.ruleId)).toBe(true);
        expect(r.locations.length).toBeLessThanOrEqual(1000);
        const physical = r.locations[0]?.physicalLocation;
        expect(physical?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
        expect(physical?.artifactLocation.uri).toMatch(/^(?![a-z]+:|\/|\.\.)/);
        expect(physical?.region.startLine).toBeGreaterThanOrEqual(1);
        expect(Object.keys(r.partialFingerprints ?? {}).length).toBeGreaterThan(0);
      }
      uris.push([
        ...new Set(run?.results.map((r) => r.locations[0]?.physicalLocation?.artifactLocation.uri)),
      ]);
    }
    expect(uris[0]).toContain('infra/prod/main.tf');
    expect(uris[1]).toEqual(['infra/prod/plan.json']);
  });
});
