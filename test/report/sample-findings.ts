/** Small hand-made check results for the renderer tests. */
import { severityOf, type CheckResult, type Finding } from '../../src/preflight/types.js';

type FindingInput = Omit<Finding, 'severity' | 'type'> & Partial<Pick<Finding, 'type'>>;

/** A finding with the severity its kind has and the division type. */
export function createFinding(input: FindingInput): Finding {
  return { type: 'genesyscloud_auth_division', severity: severityOf[input.kind], ...input };
}

/** A result holding `findings`, its summary counted from them. */
export function createResult(findings: Finding[], checked = findings.length): CheckResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return { version: 1, summary: { blocking: errors, errors, warnings, checked }, findings };
}

/** A conflict with everything set: name, live object, source, fix. */
export const fullConflict = createFinding({
  kind: 'conflict',
  address: 'genesyscloud_auth_division.sales',
  name: 'Sales',
  live: { id: 'id-1', name: 'Sales' },
  source: { file: 'main.tf', line: 3 },
  message: 'division "Sales" already exists (id-1)',
  fix: { import: { to: 'genesyscloud_auth_division.sales', id: 'id-1' } },
});

/** A warning with nothing optional: no name, live object, source or fix. */
export const bareUnknown = createFinding({
  kind: 'unknown',
  address: 'genesyscloud_auth_division.later',
  message: 'the division name is not known before apply',
});

/** An `ok` finding (reported with --include-ok). */
export const safeCreate = createFinding({
  kind: 'ok',
  address: 'genesyscloud_auth_division.fresh',
  name: 'Fresh',
  message: 'no division named "Fresh" exists: the create is safe',
});
