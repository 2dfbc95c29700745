import { GcadoptError } from '../errors.js';

/** How many lines of Terraform's own error are shown. */
const errorLines = 8;

/** Why the binary could not be started: missing, not executable, or else. */
export function describeSpawnError(binary: string, error: NodeJS.ErrnoException): GcadoptError {
  if (error.code === 'ENOENT') {
    return new GcadoptError('config', `cannot run ${binary}: no such program`, {
      hint: 'install Terraform or OpenTofu, or name the binary with --terraform=PATH (or GCADOPT_TERRAFORM)',
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new GcadoptError('config', `cannot run ${binary}: it is not executable`, {
      hint: `chmod +x ${binary}, or name another binary with --terraform=PATH`,
      cause: error,
    });
  }
  return new GcadoptError('config', `cannot run ${binary}: ${error.message}`, { cause: error });
}

/** Terraform's own error, its first lines without the box drawing around diagnostics. */
export function describeFailure(
  binary: string,
  command: string,
  dir: string,
  text: string,
  code: number | null,
): GcadoptError {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[╷╵│]\s?/u, '').trimEnd())
    .filter((l) => l.trim() !== '');
  // Warnings (an unreadable CLI configuration, deprecations) come first; the error is what matters.
  const first = lines.findIndex((l) => /^Error\b/.test(l));
  const shown = lines.slice(first === -1 ? 0 : first, (first === -1 ? 0 : first) + errorLines);
  const status = code === null ? 'was stopped' : `exited with ${code}`;
  const body = shown.length === 0 ? '' : `:\n${shown.join('\n')}`;
  return new GcadoptError('input', `${binary} ${command} ${status}${body}`, {
    hint: needsInit(text)
      ? `run \`${binary} init\` in ${dir} first`
      : `run \`${binary} ${command}\` in ${dir} to see the whole message`,
  });
}

/** Terraform and OpenTofu both say "init" when a folder is not (or no longer) initialised. */
function needsInit(text: string): boolean {
  return /\b(?:terraform|tofu) init\b|Backend initialization required|Module not installed|Missing required provider|Inconsistent dependency lock file|Required plugins are not installed/i.test(
    text,
  );
}
