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
 * Starts listing each kind at once and hands over each listing as it comes
 * in, so that a caller can work on one kind while others still page
 * (generate). Given the check's inputs, a kind may look up the objects they
 * name instead of listing them all. The caller awaits every listing before
 * anything else: any failure fails the whole run.
 */
export async function startListings(
  ctx: CommandContext,
  kinds: readonly Kind[],
  inputs?: Parameters<typeof wantedBy>[1],
  started?: EarlyListings,
): Promise<ReadonlyMap<string, Promise<readonly LiveObject[]>>> {
  const client = await createClientFromContext(ctx);
  return new Map(
    kinds.map((k) => [
      k.tfType,
      started?.take(k) ??
        k.list(client, {
          signal: ctx.io.signal,
          ...(inputs === undefined ? {} : wantedBy(k, inputs)),
        }),
    ]),
  );
}

/**
 * Check listings started while the scan still runs, one per kind whose
 * listing does not depend on what the configuration names (see
 * Kind.looksUp): the round trips then overlap the scan. `take` hands one
 * over; `stop` cancels those never taken (a kind the scan met but the check
 * does not need, or a scan that failed).
 */
export interface EarlyListings {
  start(kind: Kind): void;
  take(kind: Kind): Promise<readonly LiveObject[]> | undefined;
  stop(): void;
}

export function earlyListings(ctx: CommandContext): EarlyListings {
  const stopped = new AbortController();
  const signal =
    ctx.io.signal === undefined ? stopped.signal : AbortSignal.any([ctx.io.signal, stopped.signal]);
  const listings = new Map<string, Promise<readonly LiveObject[]>>();
  return {
    start(kind) {
      if (kind.looksUp === true || listings.has(kind.tfType)) return;
      // Its first request waits inside the client for a login still on the wire.
      const listing = createClientFromContext(ctx).then((client) =>
        // A check's listing: deleted rows too (the names do not change it).
        kind.list(client, { signal, names: [], ids: [] }),
      );
      // Awaited once taken; a listing never taken is cancelled, its failure moot.
      listing.catch(() => undefined);
      listings.set(kind.tfType, listing);
    },
    take(kind) {
      const listing = listings.get(kind.tfType);
      listings.delete(kind.tfType);
      return listing;
    },
    stop() {
      if (listings.size > 0) stopped.abort();
    },
  };
}

/** What the spinner says while the org is read. */
export function describeListing(kinds: readonly Kind[]): string {
  return `Listing ${kinds.map((k) => k.plural).join(', ')}`;
}

/**
 * Lists the org once per kind, concurrently (see startListings). Any failure
 * fails the whole run: a partial listing must never produce a clean result.
 */
export async function readLive(
  ctx: CommandContext,
  kinds: readonly Kind[],
  inputs?: Parameters<typeof wantedBy>[1],
  started?: EarlyListings,
): Promise<Map<string, readonly LiveObject[]>> {
  if (kinds.length === 0) return new Map();
  const listings = await startListings(ctx, kinds, inputs, started);
  const all = Promise.all(listings.values());
  const lists = await withSpinner(ctx, describeListing(kinds), () => all);
  const { stats } = await createClientFromContext(ctx);
  ctx.debug(
    `org: ${stats.requests} request(s), ${stats.retries} retr(ies), ${stats.logins} login(s)`,
  );
  return new Map([...listings.keys()].map((type, i) => [type, lists[i] ?? []]));
}
