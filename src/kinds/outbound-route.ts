import type { Entity } from '../genesys/resources/entities.js';
import { isUnknown } from '../model.js';
import { description, field } from './attributes.js';
import { defineKind, toLive, type KindSpec } from './define-kind.js';
import { siteKind } from './site.js';

/** The route the API makes with every site; the provider adopts it instead of creating one. */
const defaultRoute = 'Default Outbound Route';

const siteRef = (e: Entity, field: 'id' | 'name'): string | null => {
  const value = (e.site as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : null;
};

const spec: KindSpec = {
  tfType: 'genesyscloud_telephony_providers_edges_site_outbound_route',
  family: {
    path: `${siteKind.family.path}/{siteId}/outboundroutes`,
    noun: 'outbound route',
    plural: 'outbound routes',
  },
  attributes: {
    site_id: { read: (e) => siteRef(e, 'id') },
    site_name: { read: (e) => siteRef(e, 'name'), readOnly: true },
    description,
    distribution: field('distribution', 'SEQUENTIAL'),
    enabled: { read: (e) => e.enabled === true, unset: false },
  },
  importId: (live) => `${String(live.attributes.site_id)}:${live.id}`,
  nameScope: {
    rule: 'per-scope',
    desired: ({ site_id }) => (typeof site_id === 'string' ? site_id.toLowerCase() : undefined),
    live: (live) => String(live.attributes.site_id).toLowerCase(),
  },
  // A site created in the same apply has no id yet: no route of it can be looked up.
  desiredName: ({ name, site_id }) =>
    isUnknown(site_id)
      ? { unknown: `its site_id is not known before apply (${site_id.unknown})` }
      : name,
  adopts: (desired, live) => {
    const site = desired.site_id;
    if (desired.name !== defaultRoute || typeof site !== 'string') return undefined;
    return live.find(
      (l) =>
        l.name === defaultRoute &&
        String(l.attributes.site_id).toLowerCase() === site.toLowerCase(),
    );
  },
  labelName: (live) => `${String(live.attributes.site_name ?? '')}_${live.name}`,
  list: async (client, options) => {
    const sites = await siteKind.list(client, { signal: options.signal });
    const routes = await Promise.all(
      sites.map(async (site) => {
        const family = {
          ...spec.family,
          path: `${siteKind.family.path}/${site.id}/outboundroutes`,
        };
        const listed = await client.entities(family).list({ signal: options.signal });
        const inSite = { site: { id: site.id, name: site.name } };
        return listed.flatMap((e) => toLive(spec, { ...e, ...inSite }));
      }),
    );
    return routes.flat();
  },
};

/**
 * `genesyscloud_telephony_providers_edges_site_outbound_route`: listed per
 * site; a name is unique within its site; imported as `<siteId>:<routeId>`
 * (state holds that id too). Every site has a "Default Outbound Route", which
 * the provider adopts by itself.
 */
export const outboundRouteKind = defineKind(spec);
