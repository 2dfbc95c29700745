import { createColors } from 'picocolors';
import { findingKinds, type CheckResult, type Finding } from '../preflight/types.js';
import {
  describeFixLines,
  describeLocation,
  describeTarget,
  kindTitles,
  type ReportTarget,
} from './describe.js';
import { printable } from './printable.js';

/** Text report options. */
export interface TextOptions {
  /** ANSI colours (the caller decides: TTY, NO_COLOR, --no-color). @default false */
  readonly color?: boolean | undefined;
  /** The org and API host checked, named on the first line. @default none */
  readonly target?: ReportTarget | undefined;
}

/** The terminal report: findings grouped by kind, one line each plus fix, then a summary. */
export function renderText(result: CheckResult, options: TextOptions = {}): string {
  const c = createColors(options.color === true);
  const paint = (f: Finding, text: string): string =>
    f.severity === 'error'
      ? c.red(text)
      : f.severity === 'warning'
        ? c.yellow(text)
        : c.green(text);
  const lines: string[] =
    options.target === undefined ? [] : [c.dim(`checked ${describeTarget(options.target)}`), ''];
  for (const kind of findingKinds) {
    const group = result.findings.filter((f) => f.kind === kind);
    if (group.length === 0) continue;
    const first = group[0] as Finding;
    lines.push(
      c.bold(paint(first, `${first.severity} ${kind}: ${kindTitles[kind]} (${group.length})`)),
    );
    for (const f of group) {
      const where = describeLocation(f);
      const id = f.live === undefined ? '' : ` ${c.dim(`[${printable(f.live.id)}]`)}`;
      const name = f.name === undefined ? '' : ` ${printable(JSON.stringify(f.name))}`;
      lines.push(
        `  ${c.bold(printable(f.address))}${name}${id}${where === undefined ? '' : c.dim(` ${printable(where)}`)}`,
      );
      lines.push(`    ${printable(f.message)}`);
      lines.push(...describeFixLines(f.fix, '    ', c.cyan('fix:')));
    }
    lines.push('');
  }
  const { errors, warnings, checked, blocking } = result.summary;
  const verdict =
    blocking > 0 ? c.red(c.bold('terraform apply would fail')) : c.green(c.bold('no conflicts'));
  lines.push(
    `${verdict}: ${errors} error(s), ${warnings} warning(s), ${checked} resource(s) checked`,
  );
  return `${lines.join('\n')}\n`;
}
