import { importFixOf, type Finding } from '../../preflight/types.js';
import { describeFixLines } from '../../report/describe.js';
import { printable } from '../../report/printable.js';
import type { CommandContext } from '../context.js';
import { runPreflight, type Preflight } from '../preflight.js';
import { writeImports } from './import.js';

/** An import block adopt writes: a conflict's fix. */
interface Adoption {
  readonly to: string;
  readonly id: string;
}

/**
 * `gcadopt adopt [DIR]`: plan with Terraform, check, write the import blocks,
 * plan again, and verify that Terraform now imports every adopted object
 * instead of creating it. Exit 0 only when the second plan has no collision
 * left; 2 when something remains (printed with its fix); 1 on error.
 */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const dir = args[0] ?? '.';
  // adopt always runs Terraform: the second plan is the proof.
  const shared = { ...opts, terraform: typeof opts.terraform === 'string' ? opts.terraform : true };
  const first = await runPreflight(ctx, dir, shared);
  const adoptions = listAdoptions(first);
  await writeImports(ctx, first, { ...opts, nextStep: false });
  if (opts.dryRun === true) {
    const left = remaining(first).filter((f) => importFixOf(f) === undefined);
    printRemaining(ctx, left);
    return left.length === 0 ? 0 : 2;
  }
  if (adoptions.length === 0 && first.result.summary.blocking === 0) {
    ctx.io.stdout.write('adopt: the plan has no collision; nothing to adopt\n');
    return 0;
  }
  ctx.io.stdout.write('adopt: planning again with the import blocks\n');
  const second = await runPreflight(ctx, dir, shared);
  const problems = verifyImports(second, adoptions);
  for (const p of problems) ctx.io.stdout.write(`adopt: ${printable(p)}\n`);
  if (problems.length === 0 && adoptions.length > 0) {
    ctx.io.stdout.write(`adopt: the new plan imports all ${adoptions.length} adopted object(s)\n`);
  }
  const left = remaining(second);
  printRemaining(ctx, left);
  if (problems.length === 0 && left.length === 0) {
    ctx.io.stdout.write('adopt: the plan is free of collisions: run terraform apply\n');
    return 0;
  }
  return 2;
}

function listAdoptions(preflight: Preflight): Adoption[] {
  return preflight.result.findings.flatMap((f) => {
    const fix = importFixOf(f);
    return fix === undefined ? [] : [fix];
  });
}

/** Blocking findings: what still stops `terraform apply`. */
function remaining(preflight: Preflight): Finding[] {
  return preflight.result.findings.filter((f) => f.severity === 'error');
}

/**
 * Every adopted object must show in the new plan as importing its id, with
 * no replacement (which would delete the live object) and no create.
 */
function verifyImports(second: Preflight, adoptions: readonly Adoption[]): string[] {
  const planned = new Map(second.inputs.desired.map((d) => [d.address, d]));
  return adoptions.flatMap(({ to, id }) => {
    const d = planned.get(to);
    if (d === undefined) return [`${to}: not in the new plan`];
    if (d.importId !== id) {
      const instead = d.importId === undefined ? `plans ${d.action}` : `imports ${d.importId}`;
      return [`${to}: the new plan does not import ${id}; it ${instead}`];
    }
    if (d.action === 'replace' || d.action === 'create' || d.action === 'delete')
      return [`${to}: imported, then planned for ${d.action}: the live object would not survive`];
    return [];
  });
}

function printRemaining(ctx: CommandContext, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  ctx.io.stdout.write(`adopt: ${findings.length} finding(s) remain:\n`);
  for (const f of findings) {
    ctx.io.stdout.write(`  ${printable(f.address)}: ${f.kind}: ${printable(f.message)}\n`);
    for (const line of describeFixLines(f.fix, '    ')) ctx.io.stdout.write(`${line}\n`);
  }
}
