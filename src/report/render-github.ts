import type { CheckResult, Finding } from '../preflight/types.js';
import { describeFix, describeTarget, type ReportTarget } from './describe.js';
import { printable } from './printable.js';

// GitHub workflow commands: data escapes % CR LF; properties also : and ,
// (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
// Before that, printable() shows controls and bidi marks as \uXXXX: the log
// viewer would otherwise interpret ANSI escapes and reorder the annotation.
const data = (text: string): string =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const property = (text: string): string =>
  data(printable(text)).replaceAll(':', '%3A').replaceAll(',', '%2C');

const command = { error: 'error', warning: 'warning', info: 'notice' } as const;

function annotation(f: Finding): string {
  const props = [
    ...(f.source === undefined ? [] : [`file=${property(f.source.file)}`, `line=${f.source.line}`]),
    `title=${property(`gcadopt ${f.kind}: ${f.address}`)}`,
  ];
  const fix = describeFix(f.fix);
  // The only line break is ours, between the message and the fix.
  const message = printable(f.message) + (fix === undefined ? '' : `\nfix: ${printable(fix)}`);
  return `::${command[f.severity]} ${props.join(',')}::${data(message)}`;
}

/** GitHub Actions workflow annotations, one per finding, and a closing notice. */
export function renderGithub(
  result: CheckResult,
  options: { readonly target?: ReportTarget | undefined } = {},
): string {
  const lines = result.findings.filter((f) => f.kind !== 'ok').map(annotation);
  const { errors, warnings, checked } = result.summary;
  lines.push(
    `::notice title=gcadopt check::${errors} error(s), ${warnings} warning(s), ${checked} resource(s) checked${options.target === undefined ? '' : data(` in ${describeTarget(options.target)}`)}`,
  );
  return `${lines.join('\n')}\n`;
}
