import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

/**
 * A stand-in `terraform` for a provider that cannot be downloaded here: its
 * plan is $STUB_PLAN with the folder's import blocks applied the way
 * Terraform plans them (`change.importing.id`, no create), unless
 * $STUB_IGNORE_IMPORTS is set; $STUB_DROP removes one address from the plan.
 */
const stub = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.STUB_LOG, args.join(' ') + '\\n');
if (args[0] === 'show') {
  const file = args[3];
  process.stdout.write(file === undefined ? '{"format_version":"1.0"}' : fs.readFileSync(file, 'utf8'));
  process.exit(0);
}
const plan = JSON.parse(fs.readFileSync(process.env.STUB_PLAN, 'utf8'));
plan.resource_changes = plan.resource_changes.filter((rc) => rc.address !== process.env.STUB_DROP);
const imports = new Map();
for (const name of fs.readdirSync('.').filter((f) => f.endsWith('.tf'))) {
  const text = fs.readFileSync(name, 'utf8');
  for (const m of text.matchAll(/^import \\{\\n\\s*to\\s*=\\s*(.+)\\n\\s*id\\s*=\\s*(".*")\\n\\}/gm))
    imports.set(m[1], JSON.parse(m[2]));
}
for (const rc of plan.resource_changes) {
  if (process.env.STUB_IGNORE_IMPORTS || !imports.has(rc.address)) continue;
  rc.change.importing = { id: imports.get(rc.address) };
  rc.change.actions = ['update'];
}
const out = args.find((a) => a.startsWith('-out=')).slice('-out='.length);
fs.writeFileSync(out, JSON.stringify(plan));
`;

async function setUp(extra: Record<string, string> = {}) {
  const org = await startExampleOrg();
  const dir = await copyExample();
  const bin = join(dir, 'terraform-stand-in');
  await writeFile(bin, stub);
  await chmod(bin, 0o755);
  const env = {
    ...emulatorEnv(org),
    GCADOPT_TERRAFORM: bin,
    STUB_LOG: join(dir, 'stub.log'),
    STUB_PLAN: join(dir, 'plan.json'),
    ...extra,
  };
  const io = createTestIo({ env, cwd: dir });
  return {
    dir,
    run: async (...args: string[]) => {
      const code = await main(['adopt', ...args], io);
      return { code, out: io.out(), err: io.err() };
    },
    plans: async () =>
      (await readFile(env.STUB_LOG, 'utf8')).split('\n').filter((l) => l.startsWith('plan ')),
  };
}

const adopted = [
  'genesyscloud_auth_division.shared_services',
  'genesyscloud_routing_queue.customer_support',
  'genesyscloud_routing_skill.language["English"]',
  'module.business_unit["apac"].genesyscloud_auth_division.team["Support – Tier 2"]',
  'module.business_unit["emea"].genesyscloud_auth_division.team["Sales"]',
  'module.business_unit["emea"].genesyscloud_auth_division.team["Support"]',
];

describe('gcadopt adopt', () => {
  it('writes the imports, plans again, verifies each is imported, and prints what remains with its fix', async () => {
    const { dir, run, plans } = await setUp();
    const result = await run();
    expect(result.code).toBe(2);
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    const blocks = (await parse('imports.tf', text)) as { import: { to: string }[] };
    expect(blocks.import.map((b) => b.to.slice(2, -1))).toEqual(adopted);
    expect(await plans()).toHaveLength(2);
    expect(result.out).toContain('adopt: the new plan imports all 6 adopted object(s)\n');
    expect(result.out).toContain(
      'adopt: 1 finding(s) remain:\n  genesyscloud_auth_division.home: home: ',
    );
    expect(result.out).toContain('    fix: set home = true\n');
    expect(result.out).not.toContain('now run terraform plan');
  });

  it('exits 0 when the second plan is free of collisions', async () => {
    const { run } = await setUp({ STUB_DROP: 'genesyscloud_auth_division.home' });
    const result = await run();
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/the plan is free of collisions: run terraform apply\n$/);
  });

  it('names every written import the new plan does not import, and exits 2', async () => {
    const { run } = await setUp({
      STUB_DROP: 'genesyscloud_auth_division.home',
      STUB_IGNORE_IMPORTS: '1',
    });
    const result = await run();
    expect(result.code).toBe(2);
    for (const to of adopted)
      expect(result.out).toContain(`adopt: ${to}: the new plan does not import `);
    expect(result.out).toContain('adopt: 6 finding(s) remain:\n');
  });

  it('--dry-run plans once and writes nothing', async () => {
    const { dir, run, plans } = await setUp({ STUB_DROP: 'genesyscloud_auth_division.home' });
    const result = await run('--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('import {');
    expect(await plans()).toHaveLength(1);
    await expect(readFile(join(dir, 'imports.tf'))).rejects.toThrow(/ENOENT/);
  });
});
