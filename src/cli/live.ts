import type { Kind } from '../kinds/kind.js';
import type { LiveObject } from '../model.js';
import { createClientFromContext } from './client.js';
import type { CommandContext } from './context.js';
import { withSpinner } from './spinner.js';

/**
 * Lists the org once per kind, concurrently. Any failure fails the whole run:
 * a partial listing must never produce a clean result.
 */
export async function readLive(
  ctx: CommandContext,
  kinds: readonly Kind[],
): Promise<Map<string, readonly LiveObject[]>> {
  if (kinds.length === 0) return new Map();
  const client = await createClientFromContext(ctx);
  const lists = await withSpinner(ctx, `Listing ${kinds.map((k) => k.plural).join(', ')}`, () =>
    Promise.all(kinds.map((k) => k.list(client, { signal: ctx.io.signal }))),
  );
  ctx.debug(
    `org: ${client.stats.requests} request(s), ${client.stats.retries} retr(ies), ${client.stats.logins} login(s)`,
  );
  return new Map(kinds.map((k, i) => [k.tfType, lists[i] ?? []]));
}
