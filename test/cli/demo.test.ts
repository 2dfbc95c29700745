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
    expect(result.stdout).toContain('error conflict: Already exists (import it) (6)');
    expect(result.stdout).toContain('error home: Home division needs home = true (1)');
    // Collisions in three kinds, each with its import block.
    for (const noun of ['division', 'queue', 'skill'])
      expect(result.stdout).toMatch(new RegExp(`^    ${noun} "[^"]+" already exists`, 'm'));
    const imports = result.stdout.slice(result.stdout.indexOf('--- imports.tf ---'));
    expect(imports.match(/^import \{$/gm)).toHaveLength(6);
    for (const to of [
      'genesyscloud_auth_division.shared_services',
      'genesyscloud_routing_queue.customer_support',
      'genesyscloud_routing_skill.language["English"]',
    ])
      expect(imports).toContain(`  to = ${to}\n`);
    // A deleted skill named in the configuration is no collision: a warning, never an import.
    expect(result.stdout).toContain('a deleted skill "French"');
    expect(imports).not.toContain('language["French"]');
    expect(result.stdout).not.toContain('emulator-demo-secret');
  });

  it('answers --help fast, listing every command', () => {
    const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const command of ['check', 'import', 'generate', 'list', 'divisions', 'emulator', 'demo'])
      expect(result.stdout).toContain(command);
  });
});
