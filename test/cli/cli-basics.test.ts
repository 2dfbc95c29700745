import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

describe('small things a user hits', () => {
  it('a bare gcadopt prints help on stdout and exits 0', async () => {
    const io = createTestIo();
    expect(await main([], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: gcadopt \[options\] \[command\]\n/);
    expect(io.out()).toContain('  adopt [options] [dir]');
    expect(io.err()).toBe('');
  });

  it('reads GCADOPT_API_URL and GCADOPT_LOGIN_URL from .env like the credentials', async () => {
    const emulator = await startTestEmulator();
    const env = emulatorEnv(emulator);
    const dir = await createTree({
      '.env': [
        `GENESYSCLOUD_OAUTHCLIENT_ID=${env.GENESYSCLOUD_OAUTHCLIENT_ID}`,
        `GENESYSCLOUD_OAUTHCLIENT_SECRET=${env.GENESYSCLOUD_OAUTHCLIENT_SECRET}`,
        `GCADOPT_API_URL=${emulator.url}`,
        `GCADOPT_LOGIN_URL=${emulator.url}`,
        '',
      ].join('\n'),
    });
    const io = createTestIo({ env: { GCADOPT_CACHE_DIR: env.GCADOPT_CACHE_DIR }, cwd: dir });
    expect(await main(['auth', 'status'], io)).toBe(0);
    expect(io.out()).toContain(`api: ${emulator.url}\nlogin: ${emulator.url}\n`);
  });

  it('import exits 2 while findings it cannot fix remain, 0 once all were adopted', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const io = createTestIo({ env: emulatorEnv(org) });
    expect(await main(['import', dir], io)).toBe(2);
    expect(io.err()).toContain('genesyscloud_auth_division.home: not imported');
    // The fix the home finding names: home = true.
    const main_tf = join(dir, 'main.tf');
    const text = await readFile(main_tf, 'utf8');
    await writeFile(
      main_tf,
      text.replace('name        = "Home"', 'name        = "Home"\n  home        = true'),
    );
    const again = createTestIo({ env: emulatorEnv(org) });
    expect(await main(['import', dir], again)).toBe(0);
  });
});
