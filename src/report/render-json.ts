import type { CheckResult, Finding } from '../preflight/types.js';
import type { ReportTarget } from './describe.js';

/** Key order of a finding in JSON: stable for scripts and diffs. */
const order = [
  'kind',
  'severity',
  'type',
  'address',
  'name',
  'live',
  'candidates',
  'source',
  'message',
  'fix',
  'related',
  'changes',
] as const;

function ordered(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (finding[key] !== undefined) out[key] = finding[key];
  return out;
}

/** The design.md JSON shape: `{version, summary, findings}`, 2-space indent, trailing newline. */
export function renderJson(
  result: CheckResult,
  options: { readonly target?: ReportTarget | undefined } = {},
): string {
  const { blocking, errors, warnings, checked } = result.summary;
  const { target } = options;
  const body = {
    version: result.version,
    ...(target === undefined ? {} : { org: target.org, apiHost: target.apiHost }),
    summary: { blocking, errors, warnings, checked },
    findings: result.findings.map(ordered),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
