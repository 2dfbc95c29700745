import { lstat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { GcadoptError } from '../errors.js';
import { readIfExists, writeAtomic } from './safe-write.js';

/** Files Terraform reads or keeps: a report written over one would break or lose the configuration. */
const terraformFile =
  /\.(tf|tf\.json|tfvars|tfvars\.json|tfstate|tfstate\.backup)$|^\.terraform\.lock\.hcl$/;

/** The closing line of the text report: `... N error(s), N warning(s), N resource(s) checked`. */
const textSummary = /\d+ error\(s\), \d+ warning\(s\), \d+ resource\(s\) checked$/;

/**
 * True when `text` is a report `gcadopt check` wrote, in any format, so that
 * rerunning `check --out` may replace it. Anything else is someone's file.
 */
export function isCheckReport(text: string): boolean {
  if (text.trim() === '') return true;
  const lines = text.trim().split(/\r?\n/);
  const first = lines[0] ?? '';
  const last = lines[lines.length - 1] ?? '';
  if (first.startsWith('{')) return isJsonReport(text);
  if (first.startsWith('### ') && first.includes('gcadopt check')) return true;
  if (lines.every((l) => l.startsWith('::')) && last.includes('title=gcadopt check::')) return true;
  return textSummary.test(last);
}

function isJsonReport(text: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof json !== 'object' || json === null) return false;
  const report = json as { findings?: unknown; summary?: unknown; runs?: unknown };
  if (Array.isArray(report.findings) && typeof report.summary === 'object') return true;
  const runs = Array.isArray(report.runs) ? (report.runs as unknown[]) : [];
  const run = runs[0] as { tool?: { driver?: { name?: unknown } } } | undefined;
  return run?.tool?.driver?.name === 'gcadopt';
}

/**
 * Writes a `check --out` report atomically, refusing a Terraform file
 * (`.tf`, `.tf.json`, `.tfvars`, state) and any existing file that is not a
 * gcadopt report: a mistyped `--out main.tf` must not replace the configuration.
 */
export async function writeReportFile(cwd: string, out: string, text: string): Promise<void> {
  const path = resolve(cwd, out);
  if (terraformFile.test(basename(path))) {
    throw new GcadoptError(
      'write',
      `refusing to write the report to ${out}: it is a Terraform file`,
      {
        hint: 'pass --out with a report name such as gcadopt.sarif or report.md',
      },
    );
  }
  const info = await lstat(path).catch(() => undefined);
  if (info !== undefined && !info.isFile()) {
    throw new GcadoptError(
      'write',
      `refusing to write the report to ${out}: it is not a regular file`,
    );
  }
  const existing = await readIfExists(path);
  if (existing !== undefined && !isCheckReport(existing)) {
    throw new GcadoptError('write', `refusing to overwrite ${out}: gcadopt did not write it`, {
      hint: 'pass --out with another file name, or move that file away',
    });
  }
  await writeAtomic(path, text);
}
