import { GcadoptError } from '../errors.js';
import { ApiError } from '../genesys/api-error.js';
import type { Division, DivisionInput, DivisionsResource } from '../genesys/client.js';
import { oneLine as printable } from '../report/describe.js';

// PUTs sent in all when each answer is lost while the division stays as it was.
const maxPuts = 3;
const unsureStatuses = new Set([408, 429, 500, 502, 503, 504]);

/**
 * PUTs `wanted` over `before` without ever overwriting someone else's change.
 * The PUT is sent once; when its answer is lost (network failure, 5xx, 429),
 * the division is read again: already as `wanted` -> it was applied; still as
 * `before` -> the PUT is sent again; anything else -> someone changed it
 * meanwhile, and the three versions are reported instead of a blind retry.
 */
export async function writeDivisionChecked(
  divisions: DivisionsResource,
  before: Division,
  wanted: DivisionInput,
  signal: AbortSignal | undefined,
  debug: (line: string) => void,
): Promise<void> {
  for (let put = 1; ; put++) {
    try {
      await divisions.update(before.id, wanted, { signal, retry: false });
      return;
    } catch (error) {
      if (!isAnswerLost(error) || signal?.aborted === true) throw error;
      debug(`PUT of division ${before.id} got no answer (${(error as Error).message}); re-reading`);
      const now = await divisions.get(before.id, { signal });
      if (hasValues(now, wanted)) return;
      if (!isUnchanged(now, before)) throw createConflict(before, now, wanted);
      if (put >= maxPuts) throw error;
    }
  }
}

/** True when `division` holds `wanted` (an API that trims the name counts). */
export function hasValues(division: Division, wanted: DivisionInput): boolean {
  return (
    (division.name === wanted.name || division.name === wanted.name.trim()) &&
    (division.description ?? '') === (wanted.description ?? '')
  );
}

// The API and the provider treat an absent and an empty description alike.
function isUnchanged(now: Division, before: Division): boolean {
  return now.name === before.name && (now.description ?? '') === (before.description ?? '');
}

function isAnswerLost(error: unknown): boolean {
  if (error instanceof ApiError) return unsureStatuses.has(error.status);
  return GcadoptError.is(error) && error.code === 'network';
}

function createConflict(before: Division, theirs: Division, ours: DivisionInput): GcadoptError {
  const show = (v: { name: string; description?: string | null | undefined }): string =>
    `name "${printable(v.name)}", description "${printable(v.description ?? '')}"`;
  return new GcadoptError(
    'refused',
    [
      `division ${before.id} was changed by someone else while this update's answer was lost; not written again`,
      `  before: ${show(before)}`,
      `  theirs: ${show(theirs)}`,
      `  ours:   ${show(ours)}`,
    ].join('\n'),
    { hint: 'run the command again to update their version' },
  );
}
