import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, hasTerraform } from './terraform-helpers.js';

function demo(path: string) {
  return spawnSync(process.execPath, [bin, 'demo'], {
    encoding: 'utf8',
    env: { PATH: path, HOME: process.env.HOME ?? '', NO_COLOR: '1' },
    timeout: 120_000,
  });
}

describe('gcadopt demo with real Terraform (built bin)', () => {
  it.skipIf(!hasTerraform())(
    'runs the failing apply, the import and the adopting apply through the local provider',
    () => {
      const result = demo(process.env.PATH ?? '');
      expect(result.status, result.stderr).toBe(0);
      const story = result.stdout.slice(result.stdout.indexOf('Now for real'));
      expect(
        story.match(
          /^ {2}genesyscloud_auth_division\.d\d: Failed to create division .+ already exists\.$/gm,
        ),
      ).toHaveLength(2);
      expect(story).toContain('(exit code 1)\n$ gcadopt import\nimports.tf: 2 block(s) added');
      expect(story).toMatch(
        /Apply complete! Resources: 2 imported, 0 added, \d changed, 0 destroyed\.\n\(exit code 0\)\n$/,
      );
      expect(result.stdout).not.toContain('emulator-demo-secret');
    },
    150_000,
  );

  it('without terraform on PATH, says what it would show', () => {
    const result = demo('/nonexistent');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /\(No terraform on PATH\. With it, the demo goes on for real: .+\)\n$/,
    );
  }, 60_000);
});
