import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GcadoptError } from '../errors.js';
import { exitCodeFor } from '../preflight/engine.js';
import type { FailOn } from '../preflight/types.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import { printable } from '../report/printable.js';
import { createContext, resolveGlobals } from './context.js';
import type { CliIo } from './io.js';
import { runPreflight } from './preflight.js';
import { locateForGithub } from './repo-paths.js';
import { version } from './version.js';

const formats = new Set(['text', 'json', 'sarif', 'github', 'markdown']);

/**
 * The GitHub Action's entry point (action.yml), run the way the runner runs
 * it: inputs in `INPUT_<NAME>` variables, outputs appended to
 * `$GITHUB_OUTPUT`, the markdown report appended to `$GITHUB_STEP_SUMMARY`,
 * the SARIF report written for upload. Returns check's exit code.
 */
export async function runAction(io: CliIo): Promise<number> {
  const input = (name: string): string | undefined => {
    const value = io.env[`INPUT_${name.toUpperCase()}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const output = async (values: Record<string, string | number>): Promise<void> => {
    const file = io.env.GITHUB_OUTPUT;
    if (file === undefined || file === '') return;
    const lines = Object.entries(values).map(([k, v]) => `${k}=${v}\n`);
    await appendFile(file, lines.join(''));
  };
  try {
    const format = input('format') ?? 'github';
    const failOn = input('fail-on') ?? 'error';
    if (!formats.has(format))
      throw new GcadoptError(
        'usage',
        `input format: "${format}" is not one of ${[...formats].join(', ')}`,
      );
    if (failOn !== 'error' && failOn !== 'warning')
      throw new GcadoptError('usage', `input fail-on: "${failOn}" is not error or warning`);
    const ctx = createContext(io, resolveGlobals({ color: false }, io));
    const plan = input('plan');
    const preflight = await runPreflight(ctx, input('folder') ?? '.', {
      failOn: failOn satisfies FailOn,
      ...(plan === undefined ? {} : { plan }),
    });
    const located = await locateForGithub(io.cwd, preflight.inputs, preflight.result, plan);
    const render = (f: ReportFormat): string =>
      renderReport(f === 'github' || f === 'sarif' ? located.result : preflight.result, f, {
        color: false,
        version,
        target: preflight.target,
        fallbackFile: located.fallbackFile,
      });
    io.stdout.write(render(format as ReportFormat));
    const sarifPath = await writeSarif(io, render('sarif'));
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary !== undefined && summary !== '') await appendFile(summary, render('markdown'));
    const code = exitCodeFor(preflight.result);
    const { blocking, errors, warnings } = preflight.result.summary;
    await output({ 'exit-code': code, blocking, errors, warnings, sarif: sarifPath });
    return code;
  } catch (error) {
    if (!GcadoptError.is(error)) throw error;
    const hint = error.hint === undefined ? '' : ` (${error.hint})`;
    // A workflow command: the runner shows it as an error annotation of the run.
    io.stdout.write(
      `::error title=gcadopt::${printable(error.message + hint).replaceAll('%', '%25')}\n`,
    );
    await output({ 'exit-code': 1 });
    return 1;
  }
}

/** The SARIF report, in the runner's temp folder when there is one. */
async function writeSarif(io: CliIo, text: string): Promise<string> {
  const temp = io.env.RUNNER_TEMP;
  const dir =
    temp !== undefined && temp !== '' ? join(temp, 'gcadopt') : resolve(io.cwd, '.gcadopt');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'gcadopt.sarif');
  await writeFile(path, text);
  return path;
}
