import { field, idList } from './attributes.js';
import { defineKind, joinIds } from './define-kind.js';

/** The location every org has; the provider's exporter writes it as a `data` block. */
export const defaultLocation = 'Default PCV Location';

/**
 * `genesyscloud_location`. Locations nest (`path` holds the ancestor ids);
 * whether a name is unique in the org or only under one parent is unverified,
 * so a name under another parent is a warning. A check searches the
 * configuration's names (EXACT) when that costs less than the listing.
 */
export const locationKind = defineKind({
  tfType: 'genesyscloud_location',
  family: { path: '/api/v2/locations', noun: 'location', plural: 'locations' },
  lookup: { field: 'name' },
  attributes: { path: idList('path'), notes: field('notes') },
  dataSource: (e) => e.name === defaultLocation,
  nameScope: {
    rule: 'unverified',
    desired: ({ path }) => (path === undefined || path === null ? '' : joinIds(path)),
    live: (live) => String(live.attributes.path ?? ''),
  },
  labelName: (live, all) => {
    const parentId = String(live.attributes.path ?? '').split(',')[0];
    const parent = all.find((l) => l.id === parentId);
    return parent === undefined ? live.name : `${parent.name}_${live.name}`;
  },
});
