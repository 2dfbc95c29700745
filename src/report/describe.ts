import { GcadoptError } from '../errors.js';
import type { Finding, Fix } from '../preflight/types.js';
import { importBlock, renderBlock } from '../terraform/hcl-writer.js';
import { printable } from './printable.js';

/** The fix as one line a person can act on. */
export function describeFix(fix: Fix | undefined): string | undefined {
  if (fix === undefined) return undefined;
  if ('import' in fix) return `import { to = ${fix.import.to}  id = "${fix.import.id}" }`;
  if ('data' in fix)
    return `data "${fix.data.type}" "${fix.data.label}" { name = ${JSON.stringify(fix.data.name)} }`;
  return `set ${Object.entries(fix.set)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(', ')}`;
}

/**
 * The fix as report lines: `label` then the fix on the same line, or, for an
 * import, `label` alone and below it the `import` block itself, one attribute
 * per line as `terraform fmt` writes it, with the id escaped as an HCL string,
 * so the pasted block parses. An address no import block can target (or an id
 * HCL cannot spell) falls back to the one-line description. Every line is
 * indented by `indent` and shown with {@link printable}.
 */
export function describeFixLines(fix: Fix | undefined, indent: string, label = 'fix:'): string[] {
  if (fix === undefined) return [];
  if ('import' in fix) {
    try {
      const block = renderBlock(importBlock(fix.import.to, fix.import.id)).trimEnd().split('\n');
      return [`${indent}${label}`, ...block.map((line) => `${indent}  ${printable(line)}`)];
    } catch (error) {
      if (!GcadoptError.is(error)) throw error;
    }
  }
  return [`${indent}${label} ${printable(describeFix(fix) ?? '')}`];
}

/** What a report checked: the org (from `GET /api/v2/organizations/me`) and the API host. */
export interface ReportTarget {
  readonly org: { readonly id: string; readonly name: string };
  /** e.g. `api.mypurecloud.com`. */
  readonly apiHost: string;
}

/** `org "Name" (id) at api.mypurecloud.com`: one line (names can hold anything). */
export function describeTarget(target: ReportTarget): string {
  return printable(
    `org ${JSON.stringify(target.org.name)} (${target.org.id}) at ${target.apiHost}`,
  );
}

/** `file:line`, or undefined. */
export function describeLocation(finding: Finding): string | undefined {
  return finding.source === undefined ? undefined : `${finding.source.file}:${finding.source.line}`;
}

/**
 * Names and messages may hold anything: keep every report line one line.
 * @deprecated the same function as {@link printable}; import that.
 */
export const oneLine: (text: string) => string = printable;

/** Human titles of the finding kinds. */
export const kindTitles: Readonly<Record<Finding['kind'], string>> = {
  conflict: 'Already exists (import it)',
  takeover: 'Apply would take over an existing object',
  home: 'Home division needs home = true',
  'built-in': 'Built-in object needs its adopt switch',
  'rename-conflict': 'Rename onto a taken name',
  duplicate: 'Duplicate names in the configuration',
  ambiguous: 'Several live objects match',
  'import-missing': 'Import of a missing object',
  'import-orphan': 'Import into an undeclared address',
  'case-conflict': 'Exists with different case or spaces',
  restores: 'Apply restores a deleted object',
  'deleted-name': 'A deleted object may still hold the name',
  adopts: 'Apply adopts the existing object',
  elsewhere: 'Same name elsewhere in the org',
  'stale-state': 'State points at a deleted object',
  drift: 'Adoption will change the object',
  unknown: 'Name not known before apply',
  ok: 'Safe',
};
