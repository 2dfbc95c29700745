import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { emulatorEnv } from '../../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../../helpers/example.js';
import { createTestIo } from '../../helpers/io.js';

describe('gcadopt check on names Terraform computes at plan time', () => {
  it('finds the conflict in a name built from TF_VAR_ and yamldecode(file())', async () => {
    const org = await startExampleOrg();
    const dir = await createTree({
      'main.tf': [
        'variable "region" {}',
        'locals {\n  teams = yamldecode(file("${path.module}/teams.yaml"))\n}',
        'resource "genesyscloud_auth_division" "team" {',
        '  for_each = toset(local.teams)',
        '  name     = "${var.region} ${each.key}"',
        '}',
      ].join('\n'),
      'teams.yaml': '- Sales\n- Brand New Team\n',
    });
    const io = createTestIo({ env: emulatorEnv(org, { TF_VAR_region: 'EMEA' }), cwd: dir });
    const code = await main(['check', '.', '--format', 'json'], io);
    const report = JSON.parse(io.out()) as {
      findings: { kind: string; address: string; name: string }[];
    };
    expect(io.err()).toBe('');
    expect(code).toBe(2);
    expect(report.findings.filter((f) => f.kind === 'unknown')).toEqual([]);
    expect(
      report.findings.filter((f) => f.kind === 'conflict').map((f) => [f.address, f.name]),
    ).toEqual([['genesyscloud_auth_division.team["Sales"]', 'EMEA Sales']]);
  });
});
