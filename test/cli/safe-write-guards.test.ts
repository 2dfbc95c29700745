import { existsSync, readdirSync } from 'node:fs';
import { readFile, readdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside, readIfExists, writeAtomic } from '../../src/cli/safe-write.js';
import { GcadoptError } from '../../src/errors.js';
import { createTree } from '../helpers/example.js';

async function errorOf(run: Promise<unknown>): Promise<GcadoptError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GcadoptError);
  expect((error as GcadoptError).code).toBe('write');
  return error as GcadoptError;
}

describe('resolveInside', () => {
  it('resolves a relative target against the folder', async () => {
    const dir = await createTree({ 'sub/keep.txt': '' });
    expect(await resolveInside(dir, 'sub/imports.tf')).toBe(join(dir, 'sub', 'imports.tf'));
  });

  it.each(['../sibling/imports.tf', '../imports.tf', 'sub/../../sibling/x.tf'])(
    'refuses %s, outside the folder, with a hint',
    async (target) => {
      const base = await createTree({ 'root/sub/keep.txt': '', 'sibling/keep.txt': '' });
      const root = join(base, 'root');
      const error = await errorOf(resolveInside(root, target));
      expect(error.message).toBe(`refusing to write ${target}: it is outside ${root}`);
      expect(error.hint).toMatch(/write inside the Terraform folder/);
    },
  );

  it('refuses a folder whose name only starts like the root', async () => {
    const base = await createTree({ 'root/keep.txt': '', 'root2/keep.txt': '' });
    const target = join(base, 'root2', 'x.tf');
    const error = await errorOf(resolveInside(join(base, 'root'), target));
    expect(error.message).toMatch(/it is outside/);
  });

  it('refuses a symbolic link and a folder as the target', async () => {
    const dir = await createTree({ 'real.tf': 'keep\n', 'folder.tf/keep.txt': '' });
    await symlink(join(dir, 'real.tf'), join(dir, 'link.tf'));
    expect((await errorOf(resolveInside(dir, 'link.tf'))).message).toBe(
      'refusing to write link.tf: it is a symbolic link',
    );
    expect((await errorOf(resolveInside(dir, 'folder.tf'))).message).toBe(
      'refusing to write folder.tf: it is not a regular file',
    );
  });

  it('names a missing folder, or a missing parent of the target', async () => {
    const dir = await createTree({});
    const missing = join(dir, 'missing');
    const root = await errorOf(resolveInside(missing, 'sub/x.tf'));
    expect(root.message).toBe(`folder ${missing} does not exist`);
    expect(root.cause).toBeInstanceOf(Error);
    const parent = await errorOf(resolveInside(dir, 'nope/x.tf'));
    expect(parent.message).toBe(`folder ${join(dir, 'nope')} does not exist`);
    expect(parent.cause).toBeInstanceOf(Error);
  });
});

describe('readIfExists', () => {
  it('reads a file, and gives undefined for a missing one', async () => {
    const dir = await createTree({ 'a.tf': 'ü\n' });
    expect(await readIfExists(join(dir, 'a.tf'))).toBe('ü\n');
    expect(await readIfExists(join(dir, 'b.tf'))).toBeUndefined();
  });

  it('refuses what it cannot read, naming it', async () => {
    const dir = await createTree({ 'folder/keep.txt': '' });
    const error = await errorOf(readIfExists(join(dir, 'folder')));
    expect(error.message).toBe(`cannot read ${join(dir, 'folder')}`);
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('writeAtomic', () => {
  it('writes UTF-8 with the given mode, replacing the file, and leaves no temp file', async () => {
    const dir = await createTree({ 'a.tf': 'old\n' });
    await writeAtomic(join(dir, 'a.tf'), 'new – ü\n');
    await writeAtomic(join(dir, 'b.tf'), 'b\n', { mode: 0o600 });
    expect(await readFile(join(dir, 'a.tf'), 'utf8')).toBe('new – ü\n');
    expect(await readdir(dir)).toEqual(['a.tf', 'b.tf']);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'b.tf'))).mode & 0o777).toBe(0o600 & ~process.umask());
    }
  });

  it('fails cleanly, naming the file and removing its temp file', async () => {
    const dir = await createTree({ 'folder.tf/keep.txt': '' });
    const error = await errorOf(writeAtomic(join(dir, 'folder.tf'), 'x'));
    expect(error.message).toBe(`cannot write ${join(dir, 'folder.tf')}`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(await readdir(dir)).toEqual(['folder.tf']);
  });

  it('fails cleanly when the folder is missing', async () => {
    const dir = await createTree({});
    const error = await errorOf(writeAtomic(join(dir, 'missing', 'a.tf'), 'x'));
    expect(error.message).toBe(`cannot write ${join(dir, 'missing', 'a.tf')}`);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('closes the files it opens', async () => {
    const dir = await createTree({});
    const before = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 40; i++) await writeAtomic(join(dir, `f${i}.tf`), 'x');
    expect(readdirSync('/proc/self/fd').length).toBeLessThan(before + 20);
  });
});
