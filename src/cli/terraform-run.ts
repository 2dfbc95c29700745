import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { GcadoptError } from '../errors.js';
import type { Plan } from '../terraform/plan.js';
import type { CliIo } from './io.js';
import { describeFailure, describeSpawnError } from './terraform-error.js';

/** How gcadopt runs Terraform (or OpenTofu) in a root module. */
export interface TerraformRunOptions {
  /** The binary: a name looked up on PATH (`terraform`, `tofu`) or a path. */
  readonly binary: string;
  /** The root module folder (absolute). */
  readonly dir: string;
  /** `--var name=value`, passed through as `-var`. @default [] */
  readonly vars?: readonly string[];
  /** `--var-file` paths (absolute), passed through as `-var-file`. @default [] */
  readonly varFiles?: readonly string[];
}

/** What Terraform itself said: the saved plan and the current state, as `show -json` prints them. */
export interface TerraformOutput {
  readonly planJson: string;
  readonly stateJson: string;
  /** The label that names the plan in messages, e.g. `terraform plan in envs/prod`. */
  readonly label: string;
}

/**
 * The binary `--terraform[=PATH]` asks for: the option's value, else
 * `GCADOPT_TERRAFORM`, else `terraform`; undefined when the option is absent.
 * A relative path is taken from the working folder, though Terraform runs in DIR.
 */
export function resolveTerraformBinary(option: unknown, io: CliIo): string | undefined {
  const fromEnv = io.env.GCADOPT_TERRAFORM;
  const named =
    typeof option === 'string' && option !== ''
      ? option
      : option !== true
        ? undefined
        : fromEnv !== undefined && fromEnv !== ''
          ? fromEnv
          : 'terraform';
  if (named === undefined) return undefined;
  // A bare name is looked up on PATH; anything with a separator is a path.
  return /[\\/]/.test(named) && !isAbsolute(named) ? resolve(io.cwd, named) : named;
}

/**
 * Runs `plan -out` into a private temp folder, then `show -json` of that plan
 * and `show -json` of the state, so whatever backend the folder uses (remote,
 * `cloud {}`) is read by Terraform itself. The plan file, which may hold
 * sensitive values, is removed afterwards.
 */
export async function runTerraformPlan(
  io: CliIo,
  options: TerraformRunOptions,
): Promise<TerraformOutput> {
  await checkBinary(options.binary);
  const temp = await mkdtemp(join(tmpdir(), 'gcadopt-plan-'));
  try {
    const planFile = join(temp, 'tfplan');
    const args = [
      'plan',
      `-out=${planFile}`,
      '-input=false',
      '-lock=false',
      '-no-color',
      ...(options.vars ?? []).map((v) => `-var=${v}`),
      ...(options.varFiles ?? []).map((f) => `-var-file=${f}`),
    ];
    await runTerraform(io, options, args);
    const planJson = await runTerraform(io, options, ['show', '-json', '-no-color', planFile]);
    const stateJson = await runTerraform(io, options, ['show', '-json', '-no-color']);
    return { planJson, stateJson, label: `${options.binary} plan` };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** `--terraform DIR` takes DIR as the binary: say so instead of failing to run a folder. */
async function checkBinary(binary: string): Promise<void> {
  const info = await stat(binary).catch(() => undefined);
  if (info?.isDirectory() === true) {
    throw new GcadoptError('usage', `--terraform ${binary}: that is a folder, not a binary`, {
      hint: `write --terraform=PATH for a binary, or put the folder before --terraform (gcadopt check ${binary} --terraform)`,
    });
  }
}

/** Runs one Terraform command in the root module; its stdout, or a one-line error. */
function runTerraform(io: CliIo, options: TerraformRunOptions, args: string[]): Promise<string> {
  const { binary, dir } = options;
  return new Promise((resolveRun, reject) => {
    const child = spawn(binary, args, {
      cwd: dir,
      // The user's environment carries backend credentials and TF_VAR_*.
      env: { ...io.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error: NodeJS.ErrnoException) => reject(describeSpawnError(binary, error)));
    child.on('close', (code) => {
      if (code === 0) return resolveRun(Buffer.concat(out).toString('utf8'));
      const text = Buffer.concat(err).toString('utf8') || Buffer.concat(out).toString('utf8');
      reject(describeFailure(binary, args[0] ?? '', dir, text, code));
    });
  });
}

/**
 * The plan and state Terraform itself reports for DIR, read like `--plan`
 * and `--state` files: the plan says what will change, the state what is managed.
 */
export async function readTerraformPlan(
  io: CliIo,
  options: TerraformRunOptions & { readonly types: ReadonlySet<string> },
): Promise<Plan> {
  const [{ parseJsonText }, { parsePlan }, { parseState }] = await Promise.all([
    import('../terraform/read-json.js'),
    import('../terraform/plan.js'),
    import('../terraform/state.js'),
  ]);
  const output = await runTerraformPlan(io, options);
  const read = { types: options.types };
  const planName = `${output.label} (show -json)`;
  const stateName = `${options.binary} show -json`;
  const plan = parsePlan(parseJsonText(output.planJson, planName, 'plan'), planName, read);
  const managed = parseState(parseJsonText(output.stateJson, stateName, 'state'), stateName, read);
  return { ...plan, managed };
}
