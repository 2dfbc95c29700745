import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { seedDivisions, startTestEmulator } from '../helpers/emulator.js';
import { createTree } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function check(dir: string, emulator: Emulator) {
  const io = createTestIo({ env: emulatorEnv(emulator) });
  const code = await main(['--no-token-cache', 'check', dir, '--format', 'json'], io);
  return { code, out: io.out(), err: io.err() };
}

const division = (label: string, name: string, count = 1): string =>
  `resource "genesyscloud_auth_division" "${label}" {\n  count = ${count}\n  name  = "${name}"\n}\n`;

/** The org requests the emulator has seen, by path, once the login has arrived (or 5 s passed). */
async function orgRequests(emulator: Emulator): Promise<string[]> {
  for (let waited = 0; waited < 5000; waited += 20) {
    if (emulator.requests.some((r) => r.path === '/oauth/token')) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return emulator.requests.map((r) => r.path);
}

describe('check asks the org while it reads the configuration', () => {
  it('logs in and asks which org as soon as the scan finds a division, before the scan ends', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(2) } });
    // The root's division is evaluated before the module is read; the module fails to parse.
    const dir = await createTree({
      'main.tf': `${division('a', 'Division 0001')}\nmodule "m" {\n  source = "./m"\n}\n`,
      'm/main.tf': 'resource "x" "y" {\n  a = \n}\n',
    });
    const { code, out, err } = await check(dir, emulator);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('m/main.tf:2');
    const paths = await orgRequests(emulator);
    expect(paths).toContain('/oauth/token');
    // Only what the first division needs: the org and the division listing
    // (which the names do not change); nothing of the module's kinds.
    expect(
      paths.every((p) =>
        /^\/(oauth\/token|api\/v2\/(organizations\/me|authorization\/divisions))$/.test(p),
      ),
    ).toBe(true);
  });

  it('asks nothing of the org when no resource of a kind has instances', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(2) } });
    const dir = await createTree({ 'main.tf': division('a', 'Division 0001', 0) });
    const { code, out } = await check(dir, emulator);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ summary: { checked: 0 } });
    expect(emulator.requests).toEqual([]);
  });

  it('reports the same findings with the org asked early', async () => {
    const emulator = await startTestEmulator({ seed: { divisions: seedDivisions(3) } });
    const dir = await createTree({
      'main.tf': `${division('a', 'Division 000${count.index + 1}', 2)}\nmodule "m" {\n  source = "./m"\n}\n`,
      'm/main.tf': division('b', 'Division 0003'),
    });
    const { code, out } = await check(dir, emulator);
    expect(code).toBe(2);
    const report = JSON.parse(out) as {
      org: { name: string };
      summary: { blocking: number; checked: number };
      findings: { address: string }[];
    };
    expect(report.org.name).toBe('Emulated Org');
    expect(report.summary).toMatchObject({ blocking: 3, checked: 3 });
    expect([...new Set(report.findings.map((f) => f.address))].sort()).toEqual([
      'genesyscloud_auth_division.a[0]',
      'genesyscloud_auth_division.a[1]',
      'module.m.genesyscloud_auth_division.b[0]',
    ]);
  });
});
