import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function check(args: string[], env: Record<string, string>, cwd?: string) {
  const io = createTestIo({ env, ...(cwd === undefined ? {} : { cwd }) });
  const code = await main(['check', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gcadopt check', () => {
  it.each(['text', 'json', 'sarif', 'github', 'markdown'])(
    'reports the example plan as %s (golden, byte-identical on rerun)',
    async (format) => {
      const org = await startExampleOrg();
      const dir = await copyExample();
      const args = [dir, '--plan', join(dir, 'plan.json'), '--format', format];
      // From DIR: outside a git repository, GitHub paths are relative to the working folder.
      const first = await check(args, emulatorEnv(org), dir);
      const second = await check(args, emulatorEnv(org), dir);
      expect(first.code).toBe(2);
      expect(second.out).toBe(first.out);
      // Every report names the org and API host; the emulator's port changes per run.
      const host = new URL(org.url).host;
      expect(first.out).toContain(host);
      await expect(first.out.replaceAll(host, '127.0.0.1:PORT')).toMatchFileSnapshot(
        `golden/check.${format === 'text' ? 'txt' : format === 'markdown' ? 'md' : format === 'github' ? 'github.txt' : `${format}`}`,
      );
    },
  );

  it('finds the same problems from the .tf files alone as from the plan', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const fromPlan = await check(
      [dir, '--plan', join(dir, 'plan.json'), '--format', 'json'],
      emulatorEnv(org),
    );
    const fromHcl = await check([dir, '--format', 'json'], emulatorEnv(org));
    expect(fromHcl.code).toBe(2);
    expect(fromHcl.out).toBe(fromPlan.out);
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { out } = await check(
      [dir, '--plan', join(dir, 'plan.json'), '--format', 'sarif'],
      emulatorEnv(org),
    );
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new AjvModule.default({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(out) as {
      runs: {
        results: { locations: { physicalLocation?: { region: { startLine: number } } }[] }[];
      }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(
      sarif.runs[0]?.results.every(
        (r) => (r.locations[0]?.physicalLocation?.region.startLine ?? 0) > 0,
      ),
    ).toBe(true);
  });

  it('uses state: a managed division is no conflict, a stale one is reported', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const state = {
      version: 4,
      terraform_version: '1.9.8',
      serial: 1,
      lineage: 'x',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'genesyscloud_auth_division',
          name: 'shared_services',
          provider: 'provider["registry.terraform.io/mypurecloud/genesyscloud"]',
          instances: [
            {
              attributes: {
                id: '3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45',
                name: 'Shared Services',
                description: 'Back office shared by every business unit',
              },
            },
          ],
        },
        {
          module: 'module.business_unit["apac"]',
          mode: 'managed',
          type: 'genesyscloud_auth_division',
          name: 'team',
          provider: 'provider["registry.terraform.io/mypurecloud/genesyscloud"]',
          instances: [
            {
              index_key: 'Sales',
              attributes: { id: '99999999-1a7c-4e9b-94f6-8b2c5a0d7e45', name: 'APAC Sales' },
            },
          ],
        },
      ],
    };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'terraform.tfstate'), JSON.stringify(state));
    const { out } = await check([dir, '--format', 'json'], emulatorEnv(org));
    const findings = (JSON.parse(out) as { findings: { kind: string; address: string }[] })
      .findings;
    expect(findings.some((f) => f.address === 'genesyscloud_auth_division.shared_services')).toBe(
      false,
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        kind: 'stale-state',
        address: 'module.business_unit["apac"].genesyscloud_auth_division.team["Sales"]',
      }),
    );
  });

  it('exits 0 for a clean configuration and honours --fail-on warning', async () => {
    const org = await startExampleOrg();
    const dir = await createTree({
      'main.tf': 'resource "genesyscloud_auth_division" "new" {\n  name = "Brand New"\n}\n',
    });
    const clean = await check([dir], emulatorEnv(org));
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('no conflicts: 0 error(s), 0 warning(s), 1 resource(s) checked');
    const warnDir = await createTree({
      'main.tf': 'resource "genesyscloud_auth_division" "x" {\n  name = "EMEA SUPPORT"\n}\n',
    });
    // A case-only clash is a conflict unless the org is known to compare names exactly.
    expect((await check([warnDir], emulatorEnv(org))).code).toBe(2);
    expect((await check([warnDir, '--exact-names'], emulatorEnv(org))).code).toBe(0);
    const strict = await check(
      [warnDir, '--exact-names', '--fail-on', 'warning'],
      emulatorEnv(org),
    );
    expect(strict.code).toBe(2);
  });

  it('checks the import blocks of the configuration: target, id and the home division', async () => {
    const org = await startExampleOrg();
    const dir = await createTree({
      'main.tf': [
        'resource "genesyscloud_auth_division" "team" {',
        '  for_each = toset(["a"])',
        '  name     = "Team ${each.key}"',
        '}',
        'resource "genesyscloud_auth_division" "hq" {',
        '  name = "Home"',
        '}',
        'resource "genesyscloud_auth_division" "ops" {',
        '  name = "Ops"',
        '}',
        '',
      ].join('\n'),
      'imports.tf': [
        'import {',
        '  to = genesyscloud_auth_division.team["b"]',
        '  id = "0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12"',
        '}',
        'import {',
        '  to = genesyscloud_auth_division.hq',
        '  id = "6f0d3a52-1c1e-4d7e-9a5b-2f4c8e1b7a01"',
        '}',
        'import {',
        '  to = genesyscloud_auth_division.ops',
        '  id = "00000000-0000-4000-8000-00000000dead"',
        '}',
        '',
      ].join('\n'),
    });
    const result = await check([dir, '--format', 'json'], emulatorEnv(org));
    expect(result.code).toBe(2);
    const findings = (
      JSON.parse(result.out) as {
        findings: { kind: string; address: string; source?: { file: string; line: number } }[];
      }
    ).findings.map((f) => [f.kind, f.address, f.source?.file, f.source?.line]);
    expect(findings).toEqual([
      ['home', 'genesyscloud_auth_division.hq', 'main.tf', 5],
      ['import-missing', 'genesyscloud_auth_division.ops', 'main.tf', 8],
      ['import-orphan', 'genesyscloud_auth_division.team["b"]', 'imports.tf', 1],
    ]);
  });

  it('writes the report to --out', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const result = await check(
      [dir, '--format', 'markdown', '--out', join(dir, 'report.md')],
      emulatorEnv(org),
    );
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('### ❌ gcadopt check');
  });

  // Every kind of bad input file is covered by test/robustness/bad-input.test.ts.
  it('exits 1, never clean, when the org refuses or fails', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const refused = await check(
      [dir],
      emulatorEnv(org, { GENESYSCLOUD_OAUTHCLIENT_SECRET: 'wrong' }),
    );
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    org.setFaultRate(1);
    const failing = await check([dir, '--format', 'json'], emulatorEnv(org));
    expect(failing.code).toBe(1);
    expect(failing.out).toBe('');
  }, 60_000);
});
