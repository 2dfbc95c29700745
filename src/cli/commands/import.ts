import { importIdOf } from '../../kinds/kind.js';
import { importFixOf, type Finding } from '../../preflight/types.js';
import { resolveImportTarget } from '../../terraform/hcl-writer.js';
import type { FileBlock } from '../../terraform/owned-file.js';
import type { CommandContext } from '../context.js';
import { importsHeader, planImportBlocks, type PlannedImport } from '../imports-file.js';
import { resolveOutTarget } from '../out-target.js';
import { describeMerge, mergeFile, readCurrentFile, writeMerge } from '../owned-write.js';
import { runPreflight, type Preflight } from '../preflight.js';
import { renderImportCommand } from '../shell-quote.js';
import { importTarget, staleImports } from './import-stale.js';

/** `gcadopt import`: import blocks (or commands) for every adoptable conflict. */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  return writeImports(ctx, await runPreflight(ctx, args[0] ?? '.', opts), opts);
}

/** Writes (or prints) the import blocks a preflight calls for; `adopt` shares it. */
export async function writeImports(
  ctx: CommandContext,
  preflight: Preflight,
  opts: Record<string, unknown>,
): Promise<number> {
  const wanted = adoptable(preflight, opts.includeCase === true);
  reportOthers(ctx, preflight.result.findings, opts.includeCase === true);
  if (opts.commands === true) {
    const shell = opts.shell === 'powershell' ? 'powershell' : 'bash';
    for (const p of wanted) ctx.io.stdout.write(renderImportCommand(shell, p.to, p.id));
    if (wanted.length === 0) ctx.io.stderr.write('nothing to import\n');
    return exitCodeFor(preflight);
  }
  const { inputs } = preflight;
  const target = await resolveOutTarget({
    cwd: ctx.io.cwd,
    dir: inputs.dir,
    out: opts.out,
    fallback: 'imports.tf',
    files: inputs.scan?.files ?? [],
  });
  const current = await readCurrentFile(target);
  const stale: ReadonlyMap<FileBlock, string> = target.stdout
    ? new Map()
    : staleImports(current.owned, inputs, target.name);
  for (const [block, reason] of stale) {
    const where = `${target.stdout ? '-' : target.name}:${block.line}`;
    ctx.io.stderr.write(`gcadopt: ${where}: removing gcadopt's import block: ${reason}\n`);
  }
  // Without a readable configuration (a plan alone) the file's own blocks still count as written.
  const ownTargets = new Set(current.owned.flatMap((b) => importTarget(b.body)));
  const fresh = wanted.filter((p) => !ownTargets.has(p.to));
  const merge = mergeFile(current, importsHeader, new Set(stale.keys()), planImportBlocks(fresh));
  const wrote = await writeMerge(ctx, target, merge, opts.dryRun === true);
  if (!wrote && opts.dryRun !== true) {
    const name = target.stdout ? '' : `; ${describeMerge(target.name, merge)}`;
    // With --out - standard output holds HCL only.
    (target.stdout ? ctx.io.stderr : ctx.io.stdout).write(`nothing new to import${name}\n`);
  } else if (wrote && !target.stdout && opts.nextStep !== false) {
    ctx.io.stdout.write('now run terraform plan\n');
  }
  return exitCodeFor(preflight);
}

/**
 * 2 when findings import cannot fix remain (home, rename, duplicate,
 * ambiguous...), so a script can tell "all adopted" from "more to do"; else 0.
 */
function exitCodeFor(preflight: Preflight): 0 | 2 {
  const unfixed = preflight.result.findings.filter(
    (f) => f.severity === 'error' && importFixOf(f) === undefined,
  );
  return unfixed.length === 0 ? 0 : 2;
}

/** One block to write, with the live object it adopts and what apply will then change. */
function plan(
  preflight: Preflight,
  to: string,
  id: string,
  type: string | undefined,
): PlannedImport {
  const drift = preflight.result.findings.find((d) => d.kind === 'drift' && d.address === to);
  const kind = type === undefined ? undefined : preflight.kinds.get(type);
  const live = [...preflight.live.values()]
    .flat()
    .find((l) => l.id === id || (kind !== undefined && importIdOf(kind, l) === id));
  const noun = kind?.noun ?? 'object';
  return { to: resolveImportTarget(to), id, live, noun, changes: drift?.changes ?? [] };
}

/**
 * Conflicts (and case-conflicts when asked) whose address no import block
 * targets. The configuration's import blocks count even with --plan: a plan
 * made before the user wrote one does not show it importing.
 */
function adoptable(preflight: Preflight, includeCase: boolean): PlannedImport[] {
  const targeted = new Set([
    ...preflight.inputs.imports.map((i) => i.to),
    ...preflight.inputs.desired.filter((d) => d.importId !== undefined).map((d) => d.address),
  ]);
  return preflight.result.findings.flatMap((f) => {
    const fix =
      includeCase && f.kind === 'case-conflict' && f.fix !== undefined && 'import' in f.fix
        ? f.fix.import
        : importFixOf(f);
    return fix !== undefined && !targeted.has(fix.to)
      ? [plan(preflight, fix.to, fix.id, f.type)]
      : [];
  });
}

/** What import does not fix is said on stderr, with what to do instead. */
function reportOthers(
  ctx: CommandContext,
  findings: readonly Finding[],
  includeCase: boolean,
): void {
  for (const f of findings) {
    if (f.kind === 'home')
      ctx.io.stderr.write(`gcadopt: ${f.address}: not imported: ${f.message}; set home = true\n`);
    else if (f.kind === 'case-conflict' && !includeCase)
      ctx.io.stderr.write(
        `gcadopt: ${f.address}: not imported (differs by case; pass --include-case to import it)\n`,
      );
    else if (f.severity === 'error' && f.kind !== 'conflict' && importFixOf(f) === undefined)
      ctx.io.stderr.write(`gcadopt: ${f.address}: ${f.kind}: ${f.message}\n`);
  }
}
