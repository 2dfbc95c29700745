import { exitCodeFor } from '../../preflight/engine.js';
import type { FailOn } from '../../preflight/types.js';
import { renderReport, type ReportFormat } from '../../report/index.js';
import type { CommandContext } from '../context.js';
import { runPreflight } from '../preflight.js';
import { writeReportFile } from '../report-file.js';
import { locateForGithub } from '../repo-paths.js';
import { version } from '../version.js';

/** `gcadopt check`: exit 0 clean, 2 blocking findings, 1 error. */
export async function run(
  ctx: CommandContext,
  args: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const failOn = (opts.failOn === 'warning' ? 'warning' : 'error') satisfies FailOn;
  const preflight = await runPreflight(ctx, args[0] ?? '.', { ...opts, failOn });
  const { target } = preflight;
  const format = (typeof opts.format === 'string' ? opts.format : 'text') as ReportFormat;
  // GitHub places annotations and code-scanning results by paths from the repository root.
  const { result, fallbackFile } =
    format === 'github' || format === 'sarif'
      ? await locateForGithub(ctx.io.cwd, preflight.inputs, preflight.result, opts.plan)
      : { result: preflight.result, fallbackFile: undefined };
  const toFile = typeof opts.out === 'string';
  const text = renderReport(result, format, {
    color: ctx.globals.color && !toFile,
    version,
    target,
    fallbackFile,
  });
  if (toFile) {
    await writeReportFile(ctx.io.cwd, opts.out as string, text);
    ctx.io.stderr.write(`report written to ${opts.out as string}\n`);
  } else {
    ctx.io.stdout.write(text);
  }
  return exitCodeFor(result);
}
