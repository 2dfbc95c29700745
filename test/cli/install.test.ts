import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTree } from '../helpers/example.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const available = spawnSync(npm, ['--version'], { encoding: 'utf8' }).status === 0;
if (!available) console.warn('npm is not on PATH: skipping the install-from-tarball test');

/** npm without the network: the tarball carries its dependencies, so nothing is fetched. */
function runNpm(args: string[], cwd: string): string {
  const result = spawnSync(npm, [...args, '--offline', '--no-audit', '--no-fund'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe.skipIf(!available)('installing from the tarball npm pack makes', () => {
  it('a global install with no registry runs gcadopt from another folder', async () => {
    const temp = await createTree({ 'elsewhere/README.md': '' });
    // dist/ is built by `npm test` before the tests run; pack it as it is.
    runNpm(['pack', '--ignore-scripts', '--pack-destination', temp], root);
    const [tarball] = (await readdir(temp)).filter((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^gcadopt-\d+\.\d+\.\d+\.tgz$/);
    const prefix = join(temp, 'prefix');
    runNpm(['install', '--global', '--prefix', prefix, join(temp, tarball ?? '')], temp);
    const bin = join(prefix, process.platform === 'win32' ? 'gcadopt.cmd' : 'bin/gcadopt');
    const demo = spawnSync(bin, ['demo'], {
      cwd: join(temp, 'elsewhere'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: temp, NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('error conflict: Already exists (import it) (6)');
  }, 180_000);
});
