import { relative, resolve } from 'node:path';
import { GcadoptError } from '../../errors.js';
import type { Finding } from '../../preflight/types.js';
import type { CommandContext } from '../context.js';
import { renderImportsFile, type PlannedImport } from '../imports-file.js';
import { runPreflight, type Preflight } from '../preflight.js';
import { ownedMarker, readIfExists, resolveInside, writeAtomic } from '../safe-write.js';
import { renderImportCommand } from '../shell-quote.js';

/** `gcadopt import`: import blocks (or commands) for every adoptable conflict. */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const preflight = await runPreflight(ctx, args[0] ?? '.', opts);
  const wanted = adoptable(preflight, opts.includeCase === true);
  reportOthers(ctx, preflight.result.findings, opts.includeCase === true);
  if (opts.commands === true) {
    const shell = opts.shell === 'powershell' ? 'powershell' : 'bash';
    for (const p of wanted) ctx.io.stdout.write(renderImportCommand(shell, p.to, p.id));
    if (wanted.length === 0) ctx.io.stderr.write('nothing to import\n');
    return 0;
  }
  const dir = preflight.inputs.dir;
  const target = await resolveInside(
    dir,
    typeof opts.out === 'string' ? resolve(ctx.io.cwd, opts.out) : 'imports.tf',
  );
  const existing = await readIfExists(target);
  if (existing !== undefined && !existing.startsWith(ownedMarker)) {
    throw new GcadoptError(
      'write',
      `refusing to overwrite ${relative(ctx.io.cwd, target) || target}: gcadopt did not write it`,
      {
        hint: 'pass --out with another file name, or move that file away',
      },
    );
  }
  const fileName = relative(dir, target).split('\\').join('/');
  const kept = keptFromOwnFile(preflight, fileName);
  const fresh = wanted.filter((p) => !kept.some((k) => k.to === p.to));
  const content = renderImportsFile([...kept, ...fresh]);
  if (opts.dryRun === true) {
    ctx.io.stdout.write(content);
    ctx.io.stderr.write(`dry run: ${fresh.length} new import block(s); nothing written\n`);
    return 0;
  }
  if (fresh.length === 0) {
    ctx.io.stdout.write(
      `nothing new to import${existing === undefined ? '' : `; ${fileName} is up to date`}\n`,
    );
    return 0;
  }
  await writeAtomic(target, content);
  ctx.io.stdout.write(
    `wrote ${fresh.length} new import block(s) to ${fileName} (${kept.length + fresh.length} in all); now run terraform plan\n`,
  );
  return 0;
}

/** One block to write, with the live object it adopts and what apply will then change. */
function plan(
  preflight: Preflight,
  to: string,
  id: string,
  type: string | undefined,
): PlannedImport {
  const drift = preflight.result.findings.find((d) => d.kind === 'drift' && d.address === to);
  const live = [...preflight.live.values()].flat().find((l) => l.id === id);
  const noun = (type === undefined ? undefined : preflight.kinds.get(type)?.noun) ?? 'object';
  return { to, id, live, noun, changes: drift?.changes ?? [] };
}

/** Conflicts (and case-conflicts when asked) whose address no import block already targets. */
function adoptable(preflight: Preflight, includeCase: boolean): PlannedImport[] {
  const targeted = new Set([
    ...preflight.inputs.imports.map((i) => i.to),
    ...preflight.inputs.desired.filter((d) => d.importId !== undefined).map((d) => d.address),
  ]);
  return preflight.result.findings
    .filter((f) => f.kind === 'conflict' || (includeCase && f.kind === 'case-conflict'))
    .flatMap((f) =>
      f.fix !== undefined && 'import' in f.fix && !targeted.has(f.fix.import.to)
        ? [plan(preflight, f.fix.import.to, f.fix.import.id, f.type)]
        : [],
    );
}

/** Blocks gcadopt wrote before, kept (with their notes) so reruns only add. */
function keptFromOwnFile(preflight: Preflight, fileName: string): PlannedImport[] {
  const types = new Map(preflight.inputs.desired.map((d) => [d.address, d.type]));
  return preflight.inputs.imports
    .filter((i) => i.source.file === fileName && typeof i.id === 'string')
    .map((i) => plan(preflight, i.to, i.id as string, types.get(i.to)));
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
    else if (f.severity === 'error' && f.kind !== 'conflict')
      ctx.io.stderr.write(`gcadopt: ${f.address}: ${f.kind}: ${f.message}\n`);
  }
}
