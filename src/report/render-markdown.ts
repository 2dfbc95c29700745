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
      lines.push(
        `<details${blocking > 0 ? ' open' : ''}><summary>${shown.length} finding(s)</summary>`,
        '',
      );
      lines.push(
        '| | address | name | live id | location | message |',
        '|---|---|---|---|---|---|',
        ...shown.map(row),
        '',
        '</details>',
        '',
      );
    }
  }
  lines.push('Fix conflicts with `gcadopt import`, then run `terraform plan` again.');
  return `${lines.join('\n')}\n`;
}
