import { parse } from '@cdktn/hcl2json';
import { spawn } from 'node:child_process';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, startExampleOrg } from '../helpers/example.js';

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
      expect(parsed.import).toHaveLength(4);
      // A leftover temp file is a dot-file ending in .tmp, which Terraform never reads.
      expect(names.filter((n) => n.startsWith('.imports') && !n.endsWith('.tmp'))).toEqual([]);
    }
    // However the kills fell, an uninterrupted run still writes the whole file.
    await rm(join(dir, 'imports.tf'), { force: true });
    const last = spawn(process.execPath, [bin, 'import', dir, '--include-case'], {
      env,
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => last.once('exit', resolve))).toBe(0);
    const parsed = (await parse('imports.tf', await readFile(join(dir, 'imports.tf'), 'utf8'))) as {
      import: unknown[];
    };
    expect(parsed.import).toHaveLength(4);
  }, 60_000);
});
