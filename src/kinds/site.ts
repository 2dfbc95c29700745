import type { Entity } from '../genesys/resources/entities.js';
import { description, field } from './attributes.js';
import { defineKind, toLive, type KindSpec } from './define-kind.js';
import { readObjects } from './read-objects.js';

const locationId = (e: Entity): string | null => {
  const id = (e.location as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
};

/**
 * `genesyscloud_telephony_providers_edges_site`. Managed sites (Genesys Cloud
 * Voice) are built in: a configuration refers to one with a `data` block.
 * Listed as the provider lists them: the unmanaged sites, then the managed
 * ones (`managed=false`, `managed=true`); deleted rows are dropped.
 */
const spec: KindSpec = {
  tfType: 'genesyscloud_telephony_providers_edges_site',
  family: { path: '/api/v2/telephony/providers/edges/sites', noun: 'site', plural: 'sites' },
  lookup: { filter: 'name' },
  attributes: {
    description,
    location_id: { read: locationId },
    media_model: field('mediaModel'),
  },
  dataSource: (e) => e.managed === true,
  list: async (client, options) => {
    const lists = await Promise.all(
      ['false', 'true'].map((managed) =>
        readObjects({ ...spec, listQuery: { managed } }, client, options),
      ),
    );
    return lists.flat().flatMap((e) => toLive(spec, e));
  },
};

export const siteKind = defineKind(spec);
