import { parse } from '@cdktn/hcl2json';
import { spawn } from 'node:child_process';
import { link, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeReportFile } from '../../src/cli/report-file.js';
import { writeAtomic } from '../../src/cli/safe-write.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

describe('writes', () => {
  it('never leaves a half-written imports.tf when killed at any moment', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const env = { ...emulatorEnv(org), PATH: process.env.PATH ?? '' };
    for (let i = 0; i < 16; i++) {
      await rm(join(dir, 'imports.tf'), { force: true });
      const child = spawn(process.execPath, [bin, 'import', dir, '--include-case'], {
        env,
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      setTimeout(() => child.kill('SIGKILL'), 40 + ((i * 97) % 1200));
      await exited;
      const names = await readdir(dir);
      if (!names.includes('imports.tf')) continue;
      const text = await readFile(join(dir, 'imports.tf'), 'utf8');
      const parsed = (await parse('imports.tf', text)) as { import: unknown[] };
      expect(parsed.import).toHaveLength(6);
      // A leftover temp file is a dot-file ending in .tmp, which Terraform never reads.
      expect(names.filter((n) => n.startsWith('.imports') && !n.endsWith('.tmp'))).toEqual([]);
    }
    // However the kills fell, an uninterrupted run still writes the whole file.
    await rm(join(dir, 'imports.tf'), { force: true });
    const last = spawn(process.execPath, [bin, 'import', dir, '--include-case'], {
      env,
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => last.once('exit', resolve))).toBe(2);
    const parsed = (await parse('imports.tf', await readFile(join(dir, 'imports.tf'), 'utf8'))) as {
      import: unknown[];
    };
    expect(parsed.import).toHaveLength(6);
  }, 60_000);
});

describe('atomic by construction', () => {
  it('replaces imports.tf by a rename: the old file is never written in place', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const exact = createTestIo({ env: emulatorEnv(org) });
    expect(await main(['import', dir, '--exact-names'], exact)).toBe(2);
    const first = await readFile(join(dir, 'imports.tf'), 'utf8');
    const before = await stat(join(dir, 'imports.tf'));
    // A second name for the old inode: an in-place write would change what it holds.
    await link(join(dir, 'imports.tf'), join(dir, 'old-inode'));
    const io = createTestIo({ env: emulatorEnv(org) });
    expect(await main(['import', dir], io)).toBe(2);
    expect(io.out()).toContain('1 block(s) added');
    expect(await readFile(join(dir, 'old-inode'), 'utf8')).toBe(first);
    expect((await stat(join(dir, 'imports.tf'))).ino).not.toBe(before.ino);
  });

  it('leaves the target as it was, and no temp file, when the last step fails', async () => {
    const dir = await createTree({ 'imports.tf': 'old\n' });
    const seen: string[] = [];
    const failing = async (from: string): Promise<void> => {
      // At the rename, the whole new text is in the temp file and the target is untouched.
      seen.push(await readFile(from, 'utf8'), await readFile(join(dir, 'imports.tf'), 'utf8'));
      throw Object.assign(new Error('EIO: disk gone'), { code: 'EIO' });
    };
    await expect(
      writeAtomic(join(dir, 'imports.tf'), 'new\n'.repeat(1000), { rename: failing }),
    ).rejects.toThrow(/^cannot write .*imports\.tf$/);
    expect(seen).toEqual(['new\n'.repeat(1000), 'old\n']);
    expect(await readFile(join(dir, 'imports.tf'), 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['imports.tf']);
  });
});

describe('check --out', () => {
  async function check(dir: string, args: string[], env: Record<string, string>) {
    const io = createTestIo({ env, cwd: dir });
    const code = await main(['check', dir, ...args], io);
    return { code, err: io.err() };
  }

  it('refuses Terraform files and files it did not write, and replaces its own reports', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const env = emulatorEnv(org);
    await writeFile(join(dir, 'notes.txt'), 'my notes\n');
    await writeFile(join(dir, 'extra.tf.json'), '{}\n');
    const originals = new Map<string, string>();
    for (const name of ['main.tf', 'extra.tf.json', 'terraform.tfvars', 'notes.txt'])
      originals.set(name, await readFile(join(dir, name), 'utf8'));
    for (const name of originals.keys()) {
      const result = await check(dir, ['--out', name], env);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^gcadopt: refusing to (write the report to|overwrite) /);
      expect(await readFile(join(dir, name), 'utf8')).toBe(originals.get(name));
    }
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) {
      const out = `report.${format}`;
      expect((await check(dir, ['--format', format, '--out', out], env)).code).toBe(2);
      const again = await check(dir, ['--format', format, '--out', out], env);
      expect(again.code).toBe(2);
      expect(again.err).toBe(`report written to ${out}\n`);
    }
  });

  it('is a guard the report writer applies before anything is written', async () => {
    const dir = await createTree({ 'plan.tfvars': 'x = 1\n', 'empty.txt': '' });
    await expect(writeReportFile(dir, 'plan.tfvars', 'r')).rejects.toThrow('Terraform file');
    await writeReportFile(
      dir,
      'empty.txt',
      'no conflicts: 0 error(s), 0 warning(s), 1 resource(s) checked\n',
    );
    expect(await readFile(join(dir, 'plan.tfvars'), 'utf8')).toBe('x = 1\n');
    expect(await readFile(join(dir, 'empty.txt'), 'utf8')).toContain('no conflicts');
  });
});
