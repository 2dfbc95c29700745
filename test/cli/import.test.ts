import { parse } from '@cdktn/hcl2json';
import {
  appendFile,
  chmod,
  lstat,
  mkdir,
  readFile,
  readdir,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { quoteBash, renderImportCommand } from '../../src/cli/shell-quote.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const conflicts = [
  ['genesyscloud_auth_division.shared_services', '3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45'],
  ['genesyscloud_routing_queue.customer_support', 'c1a2b3d4-5e6f-4a7b-8c9d-0e1f2a3b4c01'],
  ['genesyscloud_routing_skill.language["English"]', 'd2b3c4e5-6f7a-4b8c-9d0e-1f2a3b4c5d01'],
  [
    'module.business_unit["apac"].genesyscloud_auth_division.team["Support – Tier 2"]',
    '2d9a7e4c-0f6b-4d8a-83e5-7a1b4f9c6d34',
  ],
  [
    'module.business_unit["emea"].genesyscloud_auth_division.team["Sales"]',
    '0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12',
  ],
  // "EMEA Support" against a live "emea support": adopted by default.
  [
    'module.business_unit["emea"].genesyscloud_auth_division.team["Support"]',
    '1c8f6d3b-9e5a-4c7f-b2d4-6f0a3e8b5c23',
  ],
];

describe('gcadopt import', () => {
  it('writes root-module import blocks that parse back with exactly the conflicts', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const result = await run(['import', dir, '--plan', join(dir, 'plan.json')], emulatorEnv(org));
    expect(result.code).toBe(2);
    expect(result.err).toContain('genesyscloud_auth_division.home: not imported');
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    const parsed = (await parse('imports.tf', text)) as { import: { to: string; id: string }[] };
    expect(parsed.import.map((b) => [b.to.slice(2, -1), b.id])).toEqual(conflicts);
    expect(text).toContain(
      '# note: the next apply changes description "EMEA sales teams" -> "EMEA field and inside sales"',
    );
  });

  it('is idempotent: a rerun adds nothing and leaves the file as it was', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await run(['import', dir, '--exact-names'], emulatorEnv(org));
    const first = await readFile(join(dir, 'imports.tf'), 'utf8');
    expect(first.match(/^import \{/gm)).toHaveLength(5);
    const before = (await lstat(join(dir, 'imports.tf'))).mtimeMs;
    const again = await run(['import', dir, '--exact-names'], emulatorEnv(org));
    expect(again.out).toContain('nothing new to import');
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toBe(first);
    expect((await lstat(join(dir, 'imports.tf'))).mtimeMs).toBe(before);
    const withCase = await run(['import', dir], emulatorEnv(org));
    expect(withCase.out).toContain(
      'imports.tf: 1 block(s) added, 5 kept, 0 user block(s) untouched',
    );
    // The blocks written before keep their notes.
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toContain(
      '# note: the next apply changes description "EMEA sales teams"',
    );
  });

  it('does not duplicate a block the user already has elsewhere', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await writeFile(
      join(dir, 'adopt.tf'),
      'import {\n  to = genesyscloud_auth_division.shared_services\n  id = "3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45"\n}\n',
    );
    await run(['import', dir], emulatorEnv(org));
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    expect(text).not.toContain('shared_services');
    expect(text.match(/^import \{/gm)).toHaveLength(5);
  });

  it('refuses to overwrite an imports.tf it did not write, writing nothing', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await writeFile(join(dir, 'imports.tf'), '# mine\n');
    const result = await run(['import', dir], emulatorEnv(org));
    expect(result.code).toBe(1);
    expect(result.err).toContain('gcadopt did not write it');
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toBe('# mine\n');
  });

  it('refuses paths outside the folder and symlinks', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const outside = await run(
      ['import', dir, '--out', join(dir, '..', 'escape.tf')],
      emulatorEnv(org),
    );
    expect(outside.code).toBe(1);
    expect(outside.err).toContain('outside');
    const elsewhere = await createTree({ 'victim.tf': '# keep me\n' });
    await symlink(join(elsewhere, 'victim.tf'), join(dir, 'imports.tf'));
    const linked = await run(['import', dir], emulatorEnv(org));
    expect(linked.code).toBe(1);
    expect(linked.err).toContain('symbolic link');
    expect(await readFile(join(elsewhere, 'victim.tf'), 'utf8')).toBe('# keep me\n');
  });

  it('prints the file with --dry-run and writes nothing', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const result = await run(['import', dir, '--dry-run'], emulatorEnv(org));
    expect(result.out).toContain('import {');
    await expect(lstat(join(dir, 'imports.tf'))).rejects.toThrow();
  });

  it.each(['bash', 'powershell'] as const)(
    'prints terraform import commands quoted for %s',
    async (shell) => {
      const org = await startExampleOrg();
      const dir = await copyExample();
      const result = await run(['import', dir, '--commands', '--shell', shell], emulatorEnv(org));
      expect(result.out).toBe(
        conflicts.map(([to, id]) => renderImportCommand(shell, to!, id!)).join(''),
      );
    },
  );
});

describe('gcadopt import run again', () => {
  const userBlocks = [
    '\n# Reviewed by the platform team.\nmoved {\n  from = genesyscloud_auth_division.legacy\n  to   = genesyscloud_auth_division.shared_services\n}\n',
    '\nremoved {\n  from = genesyscloud_auth_division.retired\n\n  lifecycle {\n    destroy = false\n  }\n}\n',
    '\n// Adopted by hand: the id comes from a variable.\nimport {\n  to = module.business_unit["apac"].genesyscloud_auth_division.team["Sales"]\n  id = var.apac_sales_id\n}\n',
    '\nresource "genesyscloud_auth_division" "extra" {\n  name = "Extra } { \\"quoted\\"" /* } */\n}\n',
  ];

  it("keeps the user's blocks and comments in imports.tf byte for byte, and says so", async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await run(['import', dir, '--exact-names'], emulatorEnv(org));
    for (const block of userBlocks) await appendFile(join(dir, 'imports.tf'), block);
    const before = await readFile(join(dir, 'imports.tf'), 'utf8');
    const again = await run(['import', dir], emulatorEnv(org));
    expect(again.code).toBe(2);
    expect(again.out).toContain('imports.tf: 1 block(s) added, 5 kept, 4 user block(s) untouched');
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.slice(before.length)).toContain('team["Support"]');
    // Nothing new: the file is left alone, user blocks and all.
    const third = await run(['import', dir], emulatorEnv(org));
    expect(third.out).toContain('nothing new to import; imports.tf: 0 block(s) added, 6 kept');
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toBe(text);
  });

  it("removes its own blocks whose for_each key left the configuration, never the user's", async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await run(['import', dir, '--exact-names'], emulatorEnv(org));
    const apac = 'module.business_unit["apac"].genesyscloud_auth_division.team["Support – Tier 2"]';
    const mine = `\nimport {\n  to = module.business_unit["apac"].genesyscloud_auth_division.team["Sales"]\n  id = "user-chosen-id"\n}\n`;
    await appendFile(join(dir, 'imports.tf'), mine);
    // The APAC unit leaves the configuration: its addresses are no longer instances.
    const tfvars = await readFile(join(dir, 'terraform.tfvars'), 'utf8');
    await writeFile(
      join(dir, 'terraform.tfvars'),
      tfvars.replace(/\n {2}apac = \{[\s\S]*?\n {2}\}\n/, '\n'),
    );
    const again = await run(['import', dir, '--exact-names'], emulatorEnv(org));
    expect(again.code).toBe(2);
    expect(again.err).toContain(
      `gcadopt: imports.tf:25: removing gcadopt's import block: ${apac} is no longer an instance of the configuration`,
    );
    expect(again.out).toContain(
      'imports.tf: 0 block(s) added, 4 kept, 1 removed, 1 user block(s) untouched',
    );
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    expect(text).not.toContain('Support – Tier 2');
    expect(text.endsWith(mine)).toBe(true);
    const parsed = (await parse('imports.tf', text)) as { import: { to: string }[] };
    expect(parsed.import).toHaveLength(5);
  });

  it('gives way to an import block the user wrote later for the same address', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await run(['import', dir], emulatorEnv(org));
    await writeFile(
      join(dir, 'adopt.tf'),
      'import {\n  to = genesyscloud_auth_division.shared_services\n  id = "3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45"\n}\n',
    );
    const again = await run(['import', dir], emulatorEnv(org));
    expect(again.err).toContain(
      "removing gcadopt's import block: another import block targets genesyscloud_auth_division.shared_services",
    );
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).not.toContain('shared_services');
  });

  it('with --plan, the plan decides which addresses are instances', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const planPath = join(dir, 'plan.json');
    await run(['import', dir, '--plan', planPath, '--exact-names'], emulatorEnv(org));
    // The plan was made with variables that drop "Support – Tier 2"; DIR's files still have it.
    const plan = JSON.parse(await readFile(planPath, 'utf8')) as {
      resource_changes: { address: string }[];
    };
    plan.resource_changes = plan.resource_changes.filter((r) => !r.address.includes('Tier 2'));
    await writeFile(join(dir, 'other-plan.json'), JSON.stringify(plan));
    const again = await run(
      ['import', dir, '--plan', join(dir, 'other-plan.json'), '--exact-names'],
      emulatorEnv(org),
    );
    expect(again.code).toBe(2);
    expect(again.out).toContain('imports.tf: 0 block(s) added, 4 kept, 1 removed');
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).not.toContain('Tier 2');
  });

  it('with a plan made before the user wrote an import block, writes no duplicate', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await writeFile(
      join(dir, 'adopt.tf'),
      'import {\n  to = genesyscloud_auth_division.shared_services\n  id = var.shared_id\n}\n\nvariable "shared_id" {\n  type = string\n}\n',
    );
    const result = await run(['import', dir, '--plan', join(dir, 'plan.json')], emulatorEnv(org));
    expect(result.code).toBe(2);
    const text = await readFile(join(dir, 'imports.tf'), 'utf8');
    expect(text).not.toContain('shared_services');
    expect(text.match(/^import \{/gm)).toHaveLength(5);
  });

  it('keeps the mode of the file it rewrites', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    await run(['import', dir, '--exact-names'], emulatorEnv(org));
    await chmod(join(dir, 'imports.tf'), 0o600);
    expect((await run(['import', dir], emulatorEnv(org))).code).toBe(2);
    expect((await stat(join(dir, 'imports.tf'))).mode & 0o777).toBe(0o600);
  });
});

describe('gcadopt import --out', () => {
  it('refuses a child module folder, a subfolder and a name Terraform does not read', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const child = await run(
      ['import', dir, '--out', join(dir, 'modules', 'business-unit', 'imports.tf')],
      emulatorEnv(org),
    );
    expect(child.code).toBe(1);
    expect(child.err).toContain(
      "modules/business-unit is a child module's folder, and import blocks are only valid in the root module",
    );
    await mkdir(join(dir, 'sub'));
    const sub = await run(
      ['import', dir, '--out', join(dir, 'sub', 'imports.tf')],
      emulatorEnv(org),
    );
    expect(sub.code).toBe(1);
    expect(sub.err).toContain('not of its subfolders');
    const txt = await run(['import', dir, '--out', join(dir, 'imports.txt')], emulatorEnv(org));
    expect(txt.code).toBe(1);
    expect(txt.err).toContain('Terraform reads only files ending in .tf');
    for (const r of [child, sub, txt])
      expect(r.err.trim().split('\n').at(-2)).toMatch(/^gcadopt: refusing/);
    expect(await readdir(join(dir, 'modules', 'business-unit'))).toEqual(['main.tf']);
    expect(await readdir(join(dir, 'sub'))).toEqual([]);
    await expect(lstat(join(dir, 'imports.txt'))).rejects.toThrow();
  });

  it('prints the blocks to standard output with --out - and writes nothing', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const result = await run(['import', dir, '--out', '-'], emulatorEnv(org));
    expect(result.code).toBe(2);
    const parsed = (await parse('stdout.tf', result.out)) as {
      import: { to: string; id: string }[];
    };
    expect(parsed.import.map((b) => [b.to.slice(2, -1), b.id])).toEqual(conflicts);
    await expect(lstat(join(dir, 'imports.tf'))).rejects.toThrow();
    await expect(lstat(join(dir, '-'))).rejects.toThrow();
  });

  it('refuses a configuration label that is not an identifier instead of writing it', async () => {
    const org = await startExampleOrg();
    const label =
      'x\n  id = "evil"\n}\n\nresource "genesyscloud_auth_division" "injected" {\n  name = "Injected"\n}\n\nimport {\n  to = genesyscloud_auth_division.y';
    const dir = await createTree({
      'main.tf.json': JSON.stringify({
        resource: { genesyscloud_auth_division: { [label]: { name: 'Shared Services' } } },
      }),
    });
    const result = await run(['import', dir], emulatorEnv(org));
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'gcadopt: refusing to write an import block to "genesyscloud_auth_division.x\\n',
    );
    expect(result.err).not.toContain('\n}\n');
    expect(await readdir(dir)).toEqual(['main.tf.json']);
  });
});

describe('shell quoting', () => {
  const keys = [
    'module.m["a b"].t.n["it\'s"]',
    't.n["$(rm -rf /)"]',
    't.n["Zürich – ü"]',
    't.n["say \\"hi\\""]',
    't.n["`x` $HOME"]',
  ];

  it.each(keys)('bash passes %s through unchanged', (arg) => {
    const result = spawnSync('bash', ['-c', `printf '%s' ${quoteBash(arg)}`], { encoding: 'utf8' });
    expect(result.stdout).toBe(arg);
  });
});
