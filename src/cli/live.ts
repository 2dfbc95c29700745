import type { Kind, ListOptions } from '../kinds/kind.js';
import type { DesiredResource, LiveObject, ManagedResource } from '../model.js';
import { createClientFromContext } from './client.js';
import type { CommandContext } from './context.js';
import { withSpinner } from './spinner.js';

/** What a check asks of a kind: the names the configuration wants and the ids it refers to. */
function wantedBy(
  kind: Kind,
  inputs: {
    readonly desired: readonly DesiredResource[];
    readonly managed: readonly ManagedResource[];
  },
): Pick<ListOptions, 'names' | 'ids'> {
  const desired = inputs.desired.filter((d) => d.type === kind.tfType);
  const names = desired
    .map((d) => kind.desiredName(d.attributes))
    .filter((n): n is string => typeof n === 'string');
  const ids = [
    ...inputs.managed.filter((m) => m.type === kind.tfType && m.id !== '').map((m) => m.id),
    ...desired.flatMap((d) => (d.importId === undefined ? [] : [d.importId])),
  ];
  return { names, ids };
}

/**
 * Lists the org once per kind, concurrently. Given the check's inputs, a kind
 * may look up the objects they name instead of listing them all. Any failure fails the whole run:
 * a partial listing must never produce a clean result.
 */
export async function readLive(
  ctx: CommandContext,
  kinds: readonly Kind[],
  inputs?: Parameters<typeof wantedBy>[1],
): Promise<Map<string, readonly LiveObject[]>> {
  if (kinds.length === 0) return new Map();
  const client = await createClientFromContext(ctx);
  const lists = await withSpinner(ctx, `Listing ${kinds.map((k) => k.plural).join(', ')}`, () =>
    Promise.all(
      kinds.map((k) =>
        k.list(client, {
          signal: ctx.io.signal,
          ...(inputs === undefined ? {} : wantedBy(k, inputs)),
        }),
      ),
    ),
  );
  ctx.debug(
    `org: ${client.stats.requests} request(s), ${client.stats.retries} retr(ies), ${client.stats.logins} login(s)`,
  );
  return new Map(kinds.map((k, i) => [k.tfType, lists[i] ?? []]));
}
