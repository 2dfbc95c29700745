import type { GenesysClient } from '../genesys/client.js';
import type { Entity, EntityListOptions, SearchCriterion } from '../genesys/resources/entities.js';
import type { ListOptions } from './kind.js';
import type { EntityFamily } from '../genesys/resources/entities.js';

/**
 * How a check finds the few objects a configuration names without listing a
 * large org: one `POST {path}/search` per name, EXACT on the key field.
 */
export interface SearchLookup {
  /** The API field the key is searched on: `email`. */
  readonly field: string;
  /** Criteria every search adds (users: every `state`, so deleted users are found too). @default [] */
  readonly also?: readonly SearchCriterion[] | undefined;
}

/**
 * Lookups by a listing's server-side name filter, one per name. The filters
 * are loose (prefix, wildcard) and the engine compares exactly, but whether
 * they ignore case is unknown per type: near misses by case may go unseen.
 */
export interface FilterLookup {
  /** The query parameter: `name`. */
  readonly filter: string;
}

/** What `readObjects` needs of a kind. */
export interface ReadPlan {
  readonly family: EntityFamily;
  /** Query of every listing: users' `state=any` (the default lists active users only). */
  readonly listQuery?: Readonly<Record<string, string>> | undefined;
  readonly lookup?: SearchLookup | FilterLookup | undefined;
}

/**
 * The objects a check or a listing needs. Without `names` (generate, list):
 * every live object. With them, the cheaper of a full listing and one lookup
 * per name and per id, judged from the first page's `total`: 20 emails among
 * 50,000 users cost 1 + 20 requests, not 500 pages.
 */
export async function readObjects(
  plan: ReadPlan,
  client: GenesysClient,
  options: ListOptions,
): Promise<Entity[]> {
  const resource = client.entities(plan.family);
  const checking = options.names !== undefined;
  const listing: EntityListOptions = {
    signal: options.signal,
    // A check sees deleted rows too: they hold their key (users), or they may (a warning).
    keepDeleted: checking,
    ...(plan.listQuery === undefined ? {} : { query: plan.listQuery }),
  };
  if (!checking || plan.lookup === undefined) return resource.list(listing);
  const names = [...new Set(options.names)];
  const ids = [...new Set((options.ids ?? []).map((id) => id.toLowerCase()))];
  const first = await resource.firstPage(listing);
  if (first.pageCount <= 1) return first.entities;
  if (names.length + ids.length >= first.pageCount) return resource.list(listing);
  const lookup = plan.lookup;
  const signal = { signal: options.signal };
  const byName = (value: string): Promise<Entity[]> =>
    'filter' in lookup
      ? resource.list({ ...listing, query: { ...listing.query, [lookup.filter]: value } })
      : resource.search(
          [{ type: 'EXACT', fields: [lookup.field], value }, ...(lookup.also ?? [])],
          signal,
        );
  const found = await Promise.all([
    ...names.map(byName),
    ...ids.map(async (id) => {
      const entity = await resource.find(id, signal);
      return entity === undefined ? [] : [entity];
    }),
  ]);
  const byId = new Map<string, Entity>();
  for (const entity of found.flat()) byId.set(entity.id.toLowerCase(), entity);
  return [...byId.values()];
}
