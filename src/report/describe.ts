import type { Finding, Fix } from '../preflight/types.js';

/** The fix as one line a person can act on. */
export function describeFix(fix: Fix | undefined): string | undefined {
  if (fix === undefined) return undefined;
  if ('import' in fix) return `import { to = ${fix.import.to}  id = "${fix.import.id}" }`;
  return `set ${Object.entries(fix.set)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(', ')}`;
}

/** `file:line`, or undefined. */
export function describeLocation(finding: Finding): string | undefined {
  return finding.source === undefined ? undefined : `${finding.source.file}:${finding.source.line}`;
}

/** Names and messages may hold anything: keep every report line one line. */
export function oneLine(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Human titles of the finding kinds. */
export const kindTitles: Readonly<Record<Finding['kind'], string>> = {
  conflict: 'Already exists (import it)',
  home: 'Home division needs home = true',
  'built-in': 'Built-in object needs its adopt switch',
  'rename-conflict': 'Rename onto a taken name',
  duplicate: 'Duplicate names in the configuration',
  ambiguous: 'Several live objects match',
  'import-missing': 'Import of a missing object',
  'import-orphan': 'Import into an undeclared address',
  'case-conflict': 'Exists with different case or spaces',
  'stale-state': 'State points at a deleted object',
  drift: 'Adoption will change the object',
  unknown: 'Name not known before apply',
  ok: 'Safe',
};
