import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/gcadopt.js', import.meta.url));

describe('gcadopt demo (built bin)', () => {
  it('prints findings and import blocks with no credentials and exits 0', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
    const result = spawnSync(process.execPath, [bin, 'demo'], {
      encoding: 'utf8',
      env,
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('error conflict: Already exists (import it) (4)');
    expect(result.stdout).toContain('error home: Home division needs home = true (1)');
    expect(result.stdout).toContain('--- imports.tf ---');
    expect(result.stdout.match(/^import \{$/gm)).toHaveLength(4);
    expect(result.stdout).not.toContain('emulator-demo-secret');
  });

  it('answers --help fast, listing every command', () => {
    const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const command of ['check', 'import', 'generate', 'divisions', 'emulator', 'demo'])
      expect(result.stdout).toContain(command);
  });
});
