import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

const shared = { id: '3e0b8f5d-1a7c-4e9b-94f6-8b2c5a0d7e45', name: 'Shared Services' };
const sharedTf = `resource "genesyscloud_auth_division" "shared" {\n  name        = "${shared.name}"\n  description = "Back office shared by every business unit"\n}\n`;

/** A v4 state that manages the live "Shared Services" division as genesyscloud_auth_division.shared. */
const sharedState = JSON.stringify({
  version: 4,
  terraform_version: '1.11.4',
  serial: 1,
  lineage: 'test',
  resources: [
    {
      mode: 'managed',
      type: 'genesyscloud_auth_division',
      name: 'shared',
      instances: [
        {
          attributes: {
            id: shared.id,
            name: shared.name,
            description: 'Back office shared by every business unit',
            home: false,
          },
        },
      ],
    },
  ],
});

async function check(
  dir: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
  command = 'check',
) {
  const org = await startExampleOrg();
  const io = createTestIo({ env: emulatorEnv(org, extraEnv), cwd: dir });
  const format = command === 'check' ? ['--format', 'json'] : [];
  const code = await main([command, dir, ...format, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

interface Report {
  summary: { checked: number; blocking: number };
  findings: { kind: string; address: string; source?: { file: string; line: number } }[];
}

describe('symlinked configuration is read, as Terraform reads it', () => {
  it('finds the collision in a symlinked .tf file, a symlinked module folder and a symlinked tfvars', async () => {
    const dir = await createTree({
      'main.tf': 'variable "team" {}\nmodule "org" {\n  source = "./org"\n  team   = var.team\n}\n',
      'real/shared.tf': sharedTf,
      'elsewhere/org/main.tf':
        'variable "team" {}\nresource "genesyscloud_auth_division" "team" {\n  name        = var.team\n  description = "Evaluations and calibration"\n}\n',
      'vars/team.tfvars': 'team = "Quality Assurance"\n',
    });
    await symlink(join('real', 'shared.tf'), join(dir, 'shared.tf'));
    await symlink(join('elsewhere', 'org'), join(dir, 'org'));
    await symlink(join('vars', 'team.tfvars'), join(dir, 'terraform.tfvars'));
    const { code, out } = await check(dir);
    expect(code).toBe(2);
    const report = JSON.parse(out) as Report;
    expect(report.findings.map((f) => [f.kind, f.address, f.source?.file, f.source?.line])).toEqual(
      [
        ['conflict', 'genesyscloud_auth_division.shared', 'shared.tf', 1],
        ['conflict', 'module.org.genesyscloud_auth_division.team', 'org/main.tf', 2],
      ],
    );
  });

  it('ignores hidden files as Terraform does (an editor lock is a dangling symlink)', async () => {
    const dir = await createTree({
      'main.tf': 'resource "genesyscloud_auth_division" "new" {\n  name = "Brand New"\n}\n',
      '.backup.tf': sharedTf,
    });
    await symlink('user@host.1234:1700000000', join(dir, '.#main.tf'));
    const { code, out } = await check(dir);
    expect(code).toBe(0);
    expect((JSON.parse(out) as Report).summary.checked).toBe(1);
  });

  it('refuses symlink loops with one line: between .tf files, and a module folder that points at an ancestor', async () => {
    const files = await createTree({ 'main.tf': '' });
    await symlink('b.tf', join(files, 'a.tf'));
    await symlink('a.tf', join(files, 'b.tf'));
    const fileLoop = await check(files);
    expect(fileLoop.code).toBe(1);
    expect(fileLoop.out).toBe('');
    expect(fileLoop.err).toMatch(
      /^gcadopt: 2 files have errors: cannot read configuration file a\.tf: too many levels of symbolic links .*; cannot read configuration file b\.tf: /,
    );
    const folder = await createTree({
      'main.tf': `module "self" {\n  source = "./loop"\n}\n${sharedTf}`,
    });
    await symlink('.', join(folder, 'loop'));
    const folderLoop = await check(folder);
    expect(folderLoop.code).toBe(1);
    expect(folderLoop.err).toMatch(
      /modules nest deeper than 32 levels .*is a module calling itself\?/,
    );
    expect(folderLoop.err.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('remote state is never mistaken for no state', () => {
  it.each([
    [
      'an s3 backend',
      { 'main.tf': `terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n` },
      's3',
      'main.tf:2',
    ],
    [
      'a remote backend',
      { 'main.tf': `terraform {\n  backend "remote" {}\n}\n` },
      'remote',
      'main.tf:2',
    ],
    [
      'a cloud block',
      { 'main.tf': `terraform {\n  cloud {\n    organization = "o"\n  }\n}\n` },
      'cloud',
      'main.tf:2',
    ],
    [
      'a backend in JSON syntax',
      { 'backend.tf.json': '{"terraform": {"backend": {"azurerm": {"key": "k"}}}}', 'main.tf': '' },
      'azurerm',
      'backend.tf.json:1',
    ],
    [
      'the backend terraform init recorded',
      {
        'main.tf': '',
        '.terraform/terraform.tfstate':
          '{"version":3,"backend":{"type":"gcs","config":{"bucket":"b"}}}',
      },
      'gcs',
      '.terraform/terraform.tfstate',
    ],
  ])('%s: exit 1 with the way out, no findings', async (_what, files, backend, where) => {
    const dir = await createTree({ ...files, 'divisions.tf': sharedTf });
    const { code, out, err } = await check(dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      `the state is in the "${backend}" backend (${where}), which gcadopt cannot read`,
    );
    expect(err).toContain('terraform show -json > state.json');
    expect(err).toContain('--state state.json');
    expect(err.trim().split('\n')).toHaveLength(2);
    // The way out works: with the state given, the managed division is no conflict.
    await writeFile(join(dir, 'state.json'), sharedState);
    const given = await check(dir, ['--state', join(dir, 'state.json')]);
    expect(given.code).toBe(0);
    expect((JSON.parse(given.out) as Report).summary).toMatchObject({ checked: 1, blocking: 0 });
  });

  it('reads TF_DATA_DIR instead of .terraform, as terraform does', async () => {
    const dir = await createTree({
      'divisions.tf': sharedTf,
      'data/terraform.tfstate': '{"version":3,"backend":{"type":"s3","config":{}}}',
    });
    const { code, err } = await check(dir, [], { TF_DATA_DIR: 'data' });
    expect(code).toBe(1);
    expect(err).toContain('the state is in the "s3" backend (data/terraform.tfstate)');
  });

  it('generate refuses too, instead of generating managed objects', async () => {
    const dir = await createTree({
      'main.tf': `terraform {\n  backend "s3" {}\n}\n${sharedTf}`,
    });
    const { code, err } = await check(dir, ['--dry-run'], {}, 'generate');
    expect(code).toBe(1);
    expect(err).toContain('the state is in the "s3" backend (main.tf:2)');
  });
});

describe('local state is read where Terraform keeps it', () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      'backend "local" with a path',
      {
        'main.tf': `terraform {\n  backend "local" {\n    path = "st/my.tfstate"\n  }\n}\n`,
        'st/my.tfstate': sharedState,
      },
      {},
    ],
    [
      'a path given to terraform init (-backend-config)',
      {
        'main.tf': `terraform {\n  backend "local" {}\n}\n`,
        '.terraform/terraform.tfstate':
          '{"version":3,"backend":{"type":"local","config":{"path":"other.tfstate","workspace_dir":null}}}',
        'other.tfstate': sharedState,
      },
      {},
    ],
    [
      'the workspace terraform workspace select recorded',
      {
        'main.tf': '',
        '.terraform/environment': 'dev',
        'terraform.tfstate.d/dev/terraform.tfstate': sharedState,
      },
      {},
    ],
    [
      'the workspace TF_WORKSPACE names, under workspace_dir',
      {
        'main.tf': `terraform {\n  backend "local" {\n    workspace_dir = "ws"\n  }\n}\n`,
        '.terraform/environment': 'other',
        'ws/prod/terraform.tfstate': sharedState,
      },
      { TF_WORKSPACE: 'prod' },
    ],
  ])('%s', async (_what, files, env) => {
    // A default-workspace state beside it that does not manage the division: reading it would be wrong.
    const dir = await createTree({
      ...files,
      'divisions.tf': sharedTf,
      'terraform.tfstate': '{"version":4,"serial":1,"lineage":"x","resources":[]}',
    });
    const { code, out, err } = await check(dir, [], env);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(out) as Report).summary).toMatchObject({ checked: 1, blocking: 0 });
  });

  it('backend "local" with a path that holds no file yet: nothing is managed, the division is a conflict', async () => {
    const dir = await createTree({
      'main.tf': `terraform {\n  backend "local" {\n    path = "st/none.tfstate"\n  }\n}\n`,
      'divisions.tf': sharedTf,
      // The default path holds a state that manages it: reading it would be wrong.
      'terraform.tfstate': sharedState,
    });
    const { code } = await check(dir);
    expect(code).toBe(2);
  });

  it('refuses a workspace name that is a path', async () => {
    const dir = await createTree({ 'divisions.tf': sharedTf });
    await mkdir(join(dir, '.terraform'));
    const { code, err } = await check(dir, [], { TF_WORKSPACE: '../../etc' });
    expect(code).toBe(1);
    expect(err).toMatch(/the selected Terraform workspace "\.\.\/\.\.\/etc" is not a valid name/);
  });
});
