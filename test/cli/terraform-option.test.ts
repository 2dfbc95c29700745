import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { copyExample, createTree, startExampleOrg } from '../helpers/example.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], env: Record<string, string>, cwd?: string) {
  const io = createTestIo({ env, ...(cwd === undefined ? {} : { cwd }) });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * A stand-in `terraform`: logs `cwd|args` per call, writes a plan file for
 * `plan -out=`, prints $STUB_PLAN for `show -json FILE`, an empty state for
 * `show -json`; with $STUB_FAIL it prints that file to stderr and exits 1.
 */
const stub = `#!/bin/sh
printf '%s|%s\\n' "$(pwd)" "$*" >> "$STUB_LOG"
if [ -n "$STUB_FAIL" ]; then cat "$STUB_FAIL" >&2; exit 1; fi
case "$1" in
  plan) for a in "$@"; do case "$a" in -out=*) printf 'zip' > "\${a#-out=}";; esac; done;;
  show) if [ "$#" -eq 4 ]; then cat "$4" > /dev/null && cat "$STUB_PLAN"; else printf '{"format_version":"1.0"}\\n'; fi;;
esac
`;

/** A folder with the stand-in as `terraform` and as `tofu`, and the env it reads. */
async function createStub(dir: string): Promise<{ bin: string; env: Record<string, string> }> {
  const bin = join(dir, 'stub-bin');
  await mkdir(bin);
  for (const name of ['terraform', 'tofu']) {
    await writeFile(join(bin, name), stub);
    await chmod(join(bin, name), 0o755);
  }
  return {
    bin,
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      STUB_LOG: join(dir, 'stub.log'),
      STUB_PLAN: join(dir, 'plan.json'),
    },
  };
}

const calls = async (env: Record<string, string>): Promise<string[]> =>
  (await readFile(env.STUB_LOG ?? '', 'utf8')).trimEnd().split('\n');

describe('--terraform with a stand-in terraform', () => {
  it('plans in DIR with the user variables, reads the plan and state, and finds what --plan finds', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { env } = await createStub(dir);
    const base = { ...emulatorEnv(org), ...env };
    await writeFile(join(dir, 'x.tfvars'), '');
    await writeFile(join(dir, 'extra.tf'), 'variable "a" {\n  default = ""\n}\n');
    const viaPlan = await run(
      ['check', dir, '--plan', join(dir, 'plan.json'), '--format', 'json'],
      base,
    );
    const viaTerraform = await run(
      ['check', dir, '--format', 'json', '--terraform', '--var', 'a=b c', '--var-file', 'x.tfvars'],
      base,
      dir,
    );
    expect(viaTerraform.err).toBe('');
    expect(viaTerraform.code).toBe(2);
    expect(viaTerraform.out).toBe(viaPlan.out);
    const log = await calls(env);
    expect(log).toHaveLength(3);
    const planFile = /-out=(\S+)/.exec(log[0] ?? '')?.[1] ?? '';
    expect(log[0]).toBe(
      `${dir}|plan -out=${planFile} -input=false -lock=false -no-color -var=a=b c -var-file=${join(dir, 'x.tfvars')}`,
    );
    expect(log[1]).toBe(`${dir}|show -json -no-color ${planFile}`);
    expect(log[2]).toBe(`${dir}|show -json -no-color`);
    // The plan file may hold sensitive values: it is gone with its private folder.
    expect(planFile.startsWith(tmpdir())).toBe(true);
    await expect(readdir(join(planFile, '..'))).rejects.toThrow(/ENOENT/);
  });

  it('runs the binary GCADOPT_TERRAFORM or --terraform=PATH names (tofu works the same)', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { bin, env } = await createStub(dir);
    const base = { ...emulatorEnv(org), ...env, PATH: '/usr/bin:/bin' };
    const viaEnv = await run(['check', dir, '--terraform'], {
      ...base,
      GCADOPT_TERRAFORM: join(bin, 'tofu'),
    });
    expect(viaEnv.code).toBe(2);
    const viaPath = await run(['import', dir, '--terraform=stub-bin/tofu', '--dry-run'], base, dir);
    expect(viaPath.code).toBe(2);
    expect(viaPath.out).toContain('genesyscloud_auth_division.shared_services');
    expect((await calls(env)).filter((l) => l.includes('|plan '))).toHaveLength(2);
  });

  it('generate --terraform skips what the plan creates and state manages', async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { env } = await createStub(dir);
    const base = { ...emulatorEnv(org), ...env };
    const viaTerraform = await run(['generate', dir, '--terraform', '--out', '-'], base);
    const viaConfig = await run(['generate', dir, '--out', '-'], base);
    expect(viaTerraform.code).toBe(0);
    expect(viaTerraform.out).toContain('resource "genesyscloud_auth_division"');
    expect(viaTerraform.out).toBe(viaConfig.out);
    expect((await calls(env)).filter((l) => l.includes('|plan '))).toHaveLength(1);
  });

  it("shows Terraform's own error (its first lines, after the warnings) with exit 1 and writes nothing", async () => {
    const org = await startExampleOrg();
    const dir = await copyExample();
    const { env } = await createStub(dir);
    await writeFile(
      join(dir, 'fail.txt'),
      [
        '╷',
        '│ Warning: Unable to open CLI configuration file',
        '╵',
        '',
        '╷',
        '│ Error: Invalid value for input variable',
        '│ ',
        '│   on terraform.tfvars line 1:',
        '│   1: business_units = 3',
        '│ ',
        '│ The given value is not suitable for var.business_units.',
        '╵',
        '',
      ].join('\n'),
    );
    const result = await run(['import', dir, '--terraform'], {
      ...emulatorEnv(org),
      ...env,
      STUB_FAIL: join(dir, 'fail.txt'),
    });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      [
        'gcadopt: terraform plan exited with 1:',
        'Error: Invalid value for input variable',
        '  on terraform.tfvars line 1:',
        '  1: business_units = 3',
        'The given value is not suitable for var.business_units.',
        `hint: run \`terraform plan\` in ${dir} to see the whole message`,
        '',
      ].join('\n'),
    );
    await expect(readFile(join(dir, 'imports.tf'))).rejects.toThrow(/ENOENT/);
  });

  it('an uninitialised folder, a missing binary, a folder as binary, and --plan with it get one-line errors', async () => {
    const dir = await createTree({ 'main.tf': '' });
    const { env } = await createStub(dir);
    await writeFile(
      join(dir, 'init.txt'),
      'Error: Backend initialization required, please run "terraform init"\n',
    );
    const uninit = await run(['check', dir, '--terraform'], {
      ...env,
      STUB_FAIL: join(dir, 'init.txt'),
    });
    expect(uninit.code).toBe(1);
    expect(uninit.err).toContain(`hint: run \`terraform init\` in ${dir} first\n`);

    const missing = await run(['check', dir, '--terraform=no-such-tf'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      'gcadopt: cannot run no-such-tf: no such program\nhint: install Terraform or OpenTofu, or name the binary with --terraform=PATH (or GCADOPT_TERRAFORM)\n',
    );

    const folder = await run(['check', '--terraform', dir], env);
    expect(folder.code).toBe(1);
    expect(folder.err).toMatch(/^gcadopt: --terraform \S+: that is a folder, not a binary\nhint: /);

    const both = await run(['check', dir, '--terraform', '--plan', 'p.json'], env);
    expect(both.code).toBe(1);
    expect(both.err).toContain('gcadopt: --terraform makes the plan and reads the state itself\n');
    expect(missing.err + folder.err + both.err).not.toMatch(/\n\s+at /);
  });
});
