import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CheckResult } from '../preflight/types.js';
import type { Inputs } from './inputs.js';

/**
 * The git top-level of `start`: the nearest folder at or above it holding
 * `.git` (a folder, or a file in a worktree or submodule); else `fallback`.
 * GitHub places annotations and code-scanning results by paths from there.
 */
export async function findRepoRoot(start: string, fallback: string): Promise<string> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if ((await stat(join(dir, '.git')).catch(() => undefined)) !== undefined) return dir;
    if (dirname(dir) === dir) return fallback;
  }
}

/**
 * `file` (absolute, or relative to `dir`) as a `/`-separated path from `root`.
 * A file outside `root` (DIR outside the working folder, no repository) keeps
 * its path as given: no `../` path can name a file of the repository anyway.
 */
export function relativeToRoot(root: string, dir: string, file: string): string {
  const path = relative(root, isAbsolute(file) ? file : join(dir, file));
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return file;
  return path.split(sep).join('/');
}

/** The findings with every source file relative to `root` instead of DIR. */
export function rebaseFindings(result: CheckResult, dir: string, root: string): CheckResult {
  return {
    ...result,
    findings: result.findings.map((f) =>
      f.source === undefined
        ? f
        : { ...f, source: { ...f.source, file: relativeToRoot(root, dir, f.source.file) } },
    ),
  };
}

/**
 * The result with paths from the repository root, and the file a SARIF
 * result without a source points at: the plan file when one was given, else
 * the first configuration file of DIR (code scanning needs a file for every result).
 */
export async function locateForGithub(
  cwd: string,
  inputs: Pick<Inputs, 'dir' | 'scan'>,
  result: CheckResult,
  plan: unknown,
): Promise<{ result: CheckResult; fallbackFile: string | undefined }> {
  const root = await findRepoRoot(inputs.dir, cwd);
  const first = inputs.scan?.files[0];
  const fallbackFile =
    typeof plan === 'string'
      ? relativeToRoot(root, cwd, plan)
      : first === undefined
        ? undefined
        : relativeToRoot(root, inputs.dir, first);
  return { result: rebaseFindings(result, inputs.dir, root), fallbackFile };
}
