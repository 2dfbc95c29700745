import type { SourceLocation } from '../model.js';

/** Every kind of finding, in the order reports list them. */
export const findingKinds = [
  'conflict',
  'takeover',
  'home',
  'built-in',
  'rename-conflict',
  'duplicate',
  'ambiguous',
  'import-missing',
  'import-orphan',
  'case-conflict',
  'stale-state',
  'drift',
  'unknown',
  'restores',
  'deleted-name',
  'adopts',
  'elsewhere',
  'ok',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export type Severity = 'error' | 'warning' | 'info';

/** One attribute the adoption (import + apply) or the next apply will change. */
export interface AttributeChange {
  readonly attribute: string;
  readonly live: string | number | boolean | null;
  readonly desired: string | number | boolean | null;
}

/** What to do about a finding. */
export type Fix =
  | { readonly import: { readonly to: string; readonly id: string } }
  | { readonly set: Readonly<Record<string, string | number | boolean>> }
  /** A built-in object: refer to it with a `data` block (by name), never import or create it. */
  | { readonly data: { readonly type: string; readonly label: string; readonly name: string } };

/** The live object a finding is about. */
export interface LiveRef {
  readonly id: string;
  readonly name: string;
  readonly [attribute: string]: string | number | boolean | null;
}

/** One finding (the JSON shape of design.md, plus `related` and `changes`). */
export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly type: string;
  readonly address: string;
  readonly name?: string | undefined;
  readonly live?: LiveRef | undefined;
  /** Other live objects that match (ambiguous). */
  readonly candidates?: readonly LiveRef[] | undefined;
  readonly source?: SourceLocation | undefined;
  readonly message: string;
  readonly fix?: Fix | undefined;
  /** Other addresses involved (duplicate). */
  readonly related?: readonly string[] | undefined;
  /** Attribute changes (drift). */
  readonly changes?: readonly AttributeChange[] | undefined;
}

/** Counts for the summary line and the exit code. */
export interface Summary {
  /** Findings that make `check` exit 2. */
  readonly blocking: number;
  readonly errors: number;
  readonly warnings: number;
  /** Desired resources examined. */
  readonly checked: number;
}

/** The engine's answer. */
export interface CheckResult {
  readonly version: 1;
  readonly summary: Summary;
  readonly findings: readonly Finding[];
}

/** Which severities block. */
export type FailOn = 'error' | 'warning';

/**
 * How the org compares names. `normalized`: names that differ only by case or
 * surrounding spaces collide (the conservative default: the platform's rule is
 * unverified). `exact`: only identical names collide (after Unicode NFC).
 */
export type NameMatch = 'normalized' | 'exact';

export const severityOf: Readonly<Record<FindingKind, Severity>> = {
  conflict: 'error',
  takeover: 'error',
  home: 'error',
  'built-in': 'error',
  'rename-conflict': 'error',
  duplicate: 'error',
  ambiguous: 'error',
  'import-missing': 'error',
  'import-orphan': 'error',
  'case-conflict': 'warning',
  restores: 'warning',
  'deleted-name': 'warning',
  adopts: 'warning',
  elsewhere: 'warning',
  'stale-state': 'warning',
  drift: 'warning',
  unknown: 'warning',
  ok: 'info',
};

/**
 * The import a finding asks for, when an import block resolves it (a
 * conflict, a takeover, an object the provider would adopt after its error).
 */
export function importFixOf(
  finding: Finding,
): { readonly to: string; readonly id: string } | undefined {
  if (!['conflict', 'takeover', 'adopts'].includes(finding.kind)) return undefined;
  return finding.fix !== undefined && 'import' in finding.fix ? finding.fix.import : undefined;
}
