import { EmulatorError } from '../errors.js';
import { manage } from '../family-permissions.js';
import type { EmulatedFamily } from '../families.js';
import { readBody } from './fields.js';
import { defaultLocation } from './locations.js';

const invalid = (field: string, message: string): EmulatorError =>
  new EmulatorError(400, 'invalid.value', message, { details: [{ fieldName: field }] });

/** The route the API makes with every site; the provider adopts it by name. */
export const defaultRouteName = 'Default Outbound Route';

/** A Genesys Cloud Voice org's managed site and its route (genesys-kinds.md, rule 7). */
export const managedSite = {
  id: '0a1b2c3d-0000-4000-8000-00000000f101',
  name: 'PureCloud Voice - AWS',
  managed: true,
  mediaModel: 'Cloud',
  state: 'active',
  version: 1,
};

const permissions = manage('telephony:plugin:all');

/** A new site's route, as the API makes it. */
const defaultRoute = {
  name: defaultRouteName,
  classificationTypes: ['National', 'International'],
  enabled: false,
  distribution: 'SEQUENTIAL',
  externalTrunkBases: [],
  state: 'active',
  version: 1,
};

/**
 * `genesyscloud_telephony_providers_edges_site`: `…/edges/sites`, filtered by
 * `managed`; soft deletes; managed sites cannot be deleted. A create makes the
 * site's "Default Outbound Route".
 */
export const sitesFamily: EmulatedFamily = {
  key: 'sites',
  path: '/api/v2/telephony/providers/edges/sites',
  noun: 'site',
  permissions,
  nameFilter: 'prefix',
  softDelete: true,
  filters: {
    managed: (e) => String(e.managed === true),
    'location.id': (e) => (e.location as { id?: string } | undefined)?.id,
  },
  builtIn: (e) => e.managed === true,
  builtInRows: () => [{ ...managedSite }],
  afterCreate: (site, collectionOf) => {
    collectionOf('outboundroutes').create({
      ...defaultRoute,
      site: {
        id: site.id,
        name: site.name,
        selfUri: `/api/v2/telephony/providers/edges/sites/${site.id}`,
      },
    });
  },
  sample: () => ({
    location: { id: defaultLocation.id, name: defaultLocation.name },
    mediaModel: 'Cloud',
  }),
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    const location = body.location ?? current?.location;
    if (typeof (location as { id?: unknown } | undefined)?.id !== 'string')
      throw invalid('location.id', 'The field location is required.');
    const media = read.text('mediaModel', true).mediaModel;
    if (media !== 'Premises' && media !== 'Cloud')
      throw invalid('mediaModel', 'The field mediaModel must be one of Premises, Cloud.');
    return {
      ...read.text('description'),
      location,
      mediaModel: media,
      managed: current?.managed === true,
      state: 'active',
      ...read.version(),
    };
  },
};

/**
 * `genesyscloud_telephony_providers_edges_site_outbound_route`: `…/sites/{siteId}/outboundroutes`;
 * a name is unique within its site.
 */
export const outboundRoutesFamily: EmulatedFamily = {
  key: 'outboundroutes',
  path: '/api/v2/telephony/providers/edges/sites/{parentId}/outboundroutes',
  noun: 'outbound route',
  permissions,
  nameFilter: 'prefix',
  softDelete: false,
  parent: { key: 'sites', field: 'site' },
  // Made-up routes go one to a site, in turn.
  sample: (i, org) => {
    const sites = org.sites ?? [];
    const site = sites[i % Math.max(1, sites.length)] ?? managedSite;
    return { classificationTypes: ['National'], site: { id: site.id, name: site.name } };
  },
  builtInRows: () => [
    {
      ...defaultRoute,
      id: '0a1b2c3d-0000-4000-8000-00000000f102',
      site: { id: managedSite.id, name: managedSite.name },
    },
  ],
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    const types = read.list('classificationTypes').classificationTypes;
    if (!Array.isArray(types) || types.length === 0)
      throw invalid('classificationTypes', 'The field classificationTypes is required.');
    const distribution = body.distribution ?? current?.distribution ?? 'SEQUENTIAL';
    if (distribution !== 'SEQUENTIAL' && distribution !== 'RANDOM')
      throw invalid('distribution', 'The field distribution must be one of SEQUENTIAL, RANDOM.');
    return {
      ...read.text('description'),
      classificationTypes: types,
      enabled: (body.enabled ?? current?.enabled) === true,
      distribution,
      ...read.list('externalTrunkBases'),
      state: 'active',
      ...read.version(),
    };
  },
};
