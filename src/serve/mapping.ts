import type { WorkspaceRule } from './config.js';

/** The workspace a run task request names. */
export interface WorkspaceRef {
  readonly organization: string;
  readonly name: string;
}

/**
 * The Genesys org of a workspace: the first rule whose every given criterion
 * matches, in config order, so a specific rule placed first wins over a broad one.
 * The payload names no workspace tags, so rules match on names only.
 */
export function resolveOrgName(
  rules: readonly WorkspaceRule[],
  workspace: WorkspaceRef,
): string | undefined {
  for (const rule of rules) {
    if (rule.organization !== undefined && rule.organization !== workspace.organization) continue;
    if (rule.name !== undefined && rule.name !== workspace.name) continue;
    if (rule.pattern !== undefined && !matchesGlob(rule.pattern, workspace.name)) continue;
    return rule.org;
  }
  return undefined;
}

/** `*` any run of characters, `?` one character; everything else literal; the whole name. */
export function matchesGlob(pattern: string, text: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'su').test(text);
}
