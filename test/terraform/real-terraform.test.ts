import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readConfig } from '../../src/terraform/config/index.js';
import { readPlan } from '../../src/terraform/plan.js';
import { readState } from '../../src/terraform/state.js';
import { locateState } from '../../src/terraform/state-location.js';
import { createTree } from '../helpers/example.js';

const available =
  spawnSync('terraform', ['version'], { env: { PATH: process.env.PATH } }).status === 0;
if (!available)
  console.warn('terraform is not on PATH: skipping the tests against real Terraform output');

/** Runs terraform offline: only the built-in provider, no version check with HashiCorp. */
function terraform(dir: string, ...args: string[]): string {
  return execFileSync('terraform', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe.skipIf(!available)('the readers tell real Terraform output apart', () => {
  it('a plan, an empty plan, a state shown as JSON, a state file, a saved plan and backend settings', async () => {
    const dir = await createTree({
      'main.tf':
        'terraform {\n  backend "local" {\n    path = "st/my.tfstate"\n  }\n}\nresource "terraform_data" "a" {\n  input = "x"\n}\n',
      'empty/main.tf': 'output "x" {\n  value = 1\n}\n',
    });
    terraform(dir, 'init');
    terraform(dir, 'plan', '-out', 'tfplan');
    await writeFile(join(dir, 'plan.json'), terraform(dir, 'show', '-json', 'tfplan'));
    terraform(dir, 'apply', 'tfplan');
    await writeFile(join(dir, 'state.json'), terraform(dir, 'show', '-json'));
    const empty = join(dir, 'empty');
    terraform(empty, 'init');
    terraform(empty, 'plan', '-out', 'tfplan');
    await writeFile(join(empty, 'plan.json'), terraform(empty, 'show', '-json', 'tfplan'));

    expect((await readPlan(join(dir, 'plan.json'))).desired.map((d) => d.address)).toEqual([
      'terraform_data.a',
    ]);
    expect(await readPlan(join(empty, 'plan.json'))).toMatchObject({ desired: [], managed: [] });
    expect((await readState(join(dir, 'state.json'))).map((m) => m.address)).toEqual([
      'terraform_data.a',
    ]);
    expect((await readState(join(dir, 'st/my.tfstate'))).map((m) => m.address)).toEqual([
      'terraform_data.a',
    ]);

    expect((await failure(readPlan(join(dir, 'state.json')))).message).toMatch(
      /state\.json is a Terraform state \(terraform show -json of a state\), not a plan: pass it as --state$/,
    );
    expect((await failure(readPlan(join(dir, 'st/my.tfstate')))).message).toMatch(
      /my\.tfstate is a Terraform state file \(terraform\.tfstate\), not a plan: pass it as --state$/,
    );
    expect((await failure(readState(join(dir, 'plan.json')))).message).toMatch(
      /plan\.json is a Terraform plan \(terraform show -json of a plan\), not a state: pass it as --plan$/,
    );
    expect((await failure(readPlan(join(dir, 'tfplan')))).message).toMatch(
      /tfplan is a saved plan file \(a zip archive\), not JSON$/,
    );
    expect((await failure(readPlan(join(dir, '.terraform', 'terraform.tfstate')))).message).toMatch(
      /is Terraform's backend settings \(\.terraform\/terraform\.tfstate\), not a Terraform plan$/,
    );

    const scan = await readConfig(dir);
    expect(await locateState({ dir, backend: scan.backend })).toEqual({
      kind: 'local',
      path: join(dir, 'st', 'my.tfstate'),
      workspace: 'default',
    });
    terraform(dir, 'workspace', 'new', 'dev');
    expect(await locateState({ dir, backend: scan.backend })).toEqual({
      kind: 'local',
      path: join(dir, 'terraform.tfstate.d', 'dev', 'terraform.tfstate'),
      workspace: 'dev',
    });
  }, 60_000);
});
