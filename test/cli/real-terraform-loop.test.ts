import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { importBlock, renderFile } from '../../src/terraform/hcl-writer.js';
import { parsePlan } from '../../src/terraform/plan.js';
import { emulatorEnv } from '../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../helpers/example.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { createTestIo } from '../helpers/io.js';

const available =
  spawnSync('terraform', ['version'], { env: { PATH: process.env.PATH } }).status === 0;
if (!available)
  console.warn('terraform is not on PATH: skipping the tests that run gcadopt with real Terraform');

/** Offline: only the built-in provider, no version check with HashiCorp, no user CLI config. */
const offline = (dir: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: dir,
  CHECKPOINT_DISABLE: '1',
});

function terraform(dir: string, ...args: string[]): string {
  return execFileSync('terraform', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...offline(dir), TF_IN_AUTOMATION: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(args: string[], env: Record<string, string>) {
  const io = createTestIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Module keys that need escaping in an address and in HCL: quotes, backslashes, templates, unicode. */
const hostileKeys = ['a"b', 'back\\slash', '${x}', '%{y}', 'ünï – ✓', 'tab\there', ' '];

/** Plans DIR and reads the plan the way `--plan` does, for terraform_data only. */
function plan(dir: string) {
  terraform(dir, 'plan', '-out=tfplan', '-input=false', '-lock=false');
  const json = JSON.parse(terraform(dir, 'show', '-json', 'tfplan')) as unknown;
  return parsePlan(json, 'plan.json', { types: new Set(['terraform_data']) });
}

describe.skipIf(!available)('gcadopt with real Terraform (terraform_data stands in)', () => {
  it('every import block gcadopt writes for hostile module keys is planned as exactly that import', async () => {
    // HCL source for the keys: JSON quoting, then template sequences doubled (`$${`, `%%{`).
    const keys = `[${hostileKeys.map((k) => JSON.stringify(k).replace(/([$%])\{/g, (m) => `${m[0] ?? ''}${m}`)).join(', ')}]`;
    const dir = await createTree({
      'main.tf': `module "m" {\n  source   = "./m"\n  for_each = toset(${keys})\n}\n`,
      'm/main.tf':
        'resource "terraform_data" "t" {\n  count = 2\n}\nresource "terraform_data" "by_key" {\n  for_each = toset(["x\\"y", "$${z}"])\n}\n',
    });
    terraform(dir, 'init', '-input=false');
    const first = plan(dir);
    expect(first.desired).toHaveLength(hostileKeys.length * 4);
    expect(first.desired.every((d) => d.action === 'create')).toBe(true);
    // Every planned create gets an import block, as gcadopt writes them.
    const wanted = new Map(first.desired.map((d, i) => [d.address, `id-${i}`]));
    const blocks = [...wanted].map(([to, id]) => importBlock(to, id));
    await writeFile(join(dir, 'imports.tf'), renderFile(blocks));
    const second = plan(dir);
    expect(new Map(second.desired.map((d) => [d.address, d.importId]))).toEqual(wanted);
    // Imported with no change: no create, no replacement.
    expect(second.desired.map((d) => d.action)).toEqual(second.desired.map(() => 'no-op'));
  }, 120_000);

  it('check --terraform plans and reads state through real Terraform', async () => {
    const org = await startExampleOrg();
    const dir = await createTree({
      'main.tf':
        'variable "v" {\n  type = string\n}\nresource "terraform_data" "a" {\n  input = var.v\n}\n',
    });
    terraform(dir, 'init', '-input=false');
    const env = { ...emulatorEnv(org), ...offline(dir) };
    const clean = await run(['check', dir, '--terraform', '--var', 'v=1', '--format', 'json'], env);
    expect(clean.err).toBe('');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ summary: { blocking: 0 }, findings: [] });

    const missing = await run(['check', dir, '--terraform', '--var', 'w=1'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^gcadopt: terraform plan exited with 1:\nError: Value for undeclared variable\n/,
    );
    expect(missing.err).toContain(
      `hint: run \`terraform plan\` in ${dir} to see the whole message\n`,
    );
  }, 120_000);

  it('an uninitialised folder gets the init hint', async () => {
    const emulator = await startTestEmulator();
    const dir = await createTree({
      'main.tf': 'terraform {\n  backend "local" {\n    path = "x.tfstate"\n  }\n}\n',
    });
    const result = await run(['check', dir, '--terraform'], {
      ...emulatorEnv(emulator),
      ...offline(dir),
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^gcadopt: terraform plan exited with 1:\nError: Backend initialization required/,
    );
    expect(result.err).toContain(`hint: run \`terraform init\` in ${dir} first\n`);
  }, 60_000);
});
