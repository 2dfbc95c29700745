import { parse } from '@cdktn/hcl2json';
import { lstat, readFile, symlink, writeFile } from 'node:fs/promises';
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
  [
    'module.business_unit["apac"].genesyscloud_auth_division.team["Support – Tier 2"]',
    '2d9a7e4c-0f6b-4d8a-83e5-7a1b4f9c6d34',
  ],
  [
    'module.business_unit["emea"].genesyscloud_auth_division.team["Sales"]',
    '0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12',
  ],
];

describe('gcadopt import', () => {
  it('writes root-module import blocks that parse back with exactly the conflicts', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const result = await run(['import', dir, '--plan', join(dir, 'plan.json')], emulatorEnv(org));
    expect(result.code).toBe(0);
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
    await run(['import', dir], emulatorEnv(org));
    const first = await readFile(join(dir, 'imports.tf'), 'utf8');
    const before = (await lstat(join(dir, 'imports.tf'))).mtimeMs;
    const again = await run(['import', dir], emulatorEnv(org));
    expect(again.out).toContain('nothing new to import');
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toBe(first);
    expect((await lstat(join(dir, 'imports.tf'))).mtimeMs).toBe(before);
    const withCase = await run(['import', dir, '--include-case'], emulatorEnv(org));
    expect(withCase.out).toContain('wrote 1 new import block(s) to imports.tf (4 in all)');
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
    expect(text.match(/^import \{/gm)).toHaveLength(2);
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
    const elsewhere = await createTree({ 'victim.tf': 'keep me\n' });
    await symlink(join(elsewhere, 'victim.tf'), join(dir, 'imports.tf'));
    const linked = await run(['import', dir], emulatorEnv(org));
    expect(linked.code).toBe(1);
    expect(linked.err).toContain('symbolic link');
    expect(await readFile(join(elsewhere, 'victim.tf'), 'utf8')).toBe('keep me\n');
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
