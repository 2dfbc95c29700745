import { findingKinds, type CheckResult, type Finding } from '../preflight/types.js';
import {
  describeFix,
  describeLocation,
  describeTarget,
  kindTitles,
  type ReportTarget,
} from './describe.js';
import { escapeMarkdown } from './printable.js';

/** Text for a table cell: names can hold anything, and GitHub renders the comment. */
function cell(text: string): string {
  return escapeMarkdown(text).trim();
}

/**
 * GitHub refuses a pull-request comment over 65,536 characters. String length
 * counts UTF-16 units, never fewer than characters, so staying under it in
 * units stays under it in characters.
 */
export const maxCommentLength = 65_536;

const icon = { error: '❌', warning: '⚠️', info: '✅' } as const;

function row(f: Finding): string {
  const fix = describeFix(f.fix);
  return `| ${icon[f.severity]} \`${f.kind}\` | ${cell(f.address)} | ${cell(f.name ?? '')} | ${f.live === undefined ? '' : cell(f.live.id)} | ${cell(describeLocation(f) ?? '')} | ${cell(f.message)}${fix === undefined ? '' : `<br>**fix:** ${cell(fix)}`} |`;
}

/** A pull-request comment: verdict, a summary table, then every finding in a collapsible table. */
export function renderMarkdown(
  result: CheckResult,
  options: { readonly target?: ReportTarget | undefined } = {},
): string {
  const { blocking, errors, warnings, checked } = result.summary;
  const lines = [
    blocking > 0
      ? '### ❌ gcadopt check: terraform apply would fail'
      : '### ✅ gcadopt check: no conflicts',
    '',
    `${errors} error(s), ${warnings} warning(s), ${checked} resource(s) checked${options.target === undefined ? '' : ` in ${cell(describeTarget(options.target))}`}.`,
    '',
  ];
  const counts = findingKinds
    .map((k) => [k, result.findings.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0);
  if (counts.length > 0) {
    lines.push('| finding | what it means | count |', '|---|---|---:|');
    for (const [kind, n] of counts) lines.push(`| \`${kind}\` | ${kindTitles[kind]} | ${n} |`);
    lines.push('');
    const shown = result.findings.filter((f) => f.kind !== 'ok');
    if (shown.length > 0) {
      // Room for everything but the rows, and the note on what was left out.
      const reserve = lines.join('\n').length + 1_024;
      const rows = fitRows(shown.map(row), maxCommentLength - reserve);
      const left = shown.length - rows.length;
      lines.push(
        `<details${blocking > 0 ? ' open' : ''}><summary>${shown.length} finding(s)</summary>`,
        '',
      );
      lines.push(
        '| | address | name | live id | location | message |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
        ...(left === 0
          ? []
          : [
              `${left} more finding(s) left out: a comment holds at most ${maxCommentLength} characters. Run \`gcadopt check --format text\` for all of them.`,
              '',
            ]),
        '</details>',
        '',
      );
    }
  }
  lines.push('Fix conflicts with `gcadopt import`, then run `terraform plan` again.');
  return `${lines.join('\n')}\n`;
}

/** The first rows whose lines fit in `budget` characters. */
function fitRows(rows: readonly string[], budget: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const r of rows) {
    used += r.length + 1;
    if (used > budget) break;
    kept.push(r);
  }
  return kept;
}
