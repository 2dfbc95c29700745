import type { CheckResult, Finding } from '../preflight/types.js';
import { describeFix, kindTitles } from '../report/describe.js';
import { escapeMarkdown, printable } from '../report/printable.js';

/** A task result as HCP Terraform's callback takes it (JSON:API, type `task-results`). */
export interface TaskResultBody {
  readonly data: {
    readonly type: 'task-results';
    readonly attributes: {
      readonly status: 'passed' | 'failed' | 'running';
      readonly message: string;
    };
    readonly relationships?: { readonly outcomes: { readonly data: readonly OutcomeRecord[] } };
  };
}

interface OutcomeRecord {
  readonly type: 'task-result-outcomes';
  readonly attributes: {
    readonly 'outcome-id': string;
    readonly description: string;
    readonly tags: Readonly<Record<string, readonly { label: string; level: string }[]>>;
    readonly body: string;
  };
}

// The documented limits of the result schema (runtask-result.json, runtask-outcome.json).
const maxOutcomes = 10;
const maxMessage = 1000;
const maxBody = 10_000;
const maxOutcomeId = 64;

const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 3)}...`;

/** A final result without findings: a failure's reason, or an unmapped workspace's warning. */
export function renderStatusBody(status: 'passed' | 'failed', message: string): TaskResultBody {
  return {
    data: {
      type: 'task-results',
      attributes: { status, message: cut(printable(message), maxMessage) },
    },
  };
}

/**
 * The check's verdict: failed when a finding blocks, one line saying why, and
 * (when the caller accepts outcomes) one outcome per finding, the most severe
 * first, up to the ten the API takes; the message counts the rest.
 */
export function renderCheckBody(result: CheckResult, outcomes: boolean): TaskResultBody {
  const shown = result.findings.filter((f) => f.kind !== 'ok').sort((a, b) => rank(a) - rank(b));
  const { blocking, errors, warnings, checked } = result.summary;
  const verdict =
    blocking > 0
      ? `terraform apply would fail: ${errors} error(s), ${warnings} warning(s) in ${checked} resource(s) checked`
      : `no collisions: ${checked} resource(s) checked, ${warnings} warning(s)`;
  const more =
    outcomes && shown.length > maxOutcomes
      ? `; the first ${maxOutcomes} of ${shown.length} findings are listed`
      : '';
  const attributes = {
    status: blocking > 0 ? 'failed' : 'passed',
    message: cut(`${verdict}${more}`, maxMessage),
  } as const;
  if (!outcomes || shown.length === 0) return { data: { type: 'task-results', attributes } };
  return {
    data: {
      type: 'task-results',
      attributes,
      relationships: { outcomes: { data: shown.slice(0, maxOutcomes).map(renderOutcome) } },
    },
  };
}

const order = { error: 0, warning: 1, info: 2 } as const;
const rank = (f: Finding): number => order[f.severity];
const levels = { error: 'error', warning: 'warning', info: 'info' } as const;
const labels = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

function renderOutcome(finding: Finding): OutcomeRecord {
  return {
    type: 'task-result-outcomes',
    attributes: {
      'outcome-id': cut(`gcadopt-${finding.kind}`, maxOutcomeId),
      description: cut(printable(`${finding.address}: ${finding.message}`), maxMessage),
      tags: {
        Severity: [{ label: labels[finding.severity], level: levels[finding.severity] }],
        Finding: [{ label: kindTitles[finding.kind], level: 'none' }],
      },
      body: cut(renderFindingMarkdown(finding), maxBody),
    },
  };
}

/** The finding as Markdown: what, where, and the fix as HCL to paste. Names are escaped. */
function renderFindingMarkdown(finding: Finding): string {
  const lines = [
    `**${escapeMarkdown(kindTitles[finding.kind])}**: ${escapeMarkdown(finding.message)}`,
    '',
    `- Address: ${escapeMarkdown(finding.address)}`,
  ];
  if (finding.name !== undefined) lines.push(`- Name: ${escapeMarkdown(finding.name)}`);
  if (finding.live !== undefined) lines.push(`- Live id: ${escapeMarkdown(finding.live.id)}`);
  const fix = finding.fix;
  if (fix !== undefined && 'import' in fix) {
    const hcl = [
      'import {',
      `  to = ${printable(fix.import.to)}`,
      `  id = ${JSON.stringify(fix.import.id)}`,
      '}',
    ];
    // A key in the address may hold backticks: the fence must be longer than any run of them.
    const fence = '`'.repeat(Math.max(3, ...hcl.map((l) => longestBacktickRun(l) + 1)));
    lines.push(
      '',
      '**Fix**: adopt the live object with an import block, then plan again (`gcadopt import` writes it):',
      '',
      `${fence}hcl`,
      ...hcl,
      fence,
    );
  } else if (fix !== undefined) {
    lines.push('', `**Fix**: ${escapeMarkdown(describeFix(fix) ?? '')}`);
  }
  return lines.join('\n');
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
