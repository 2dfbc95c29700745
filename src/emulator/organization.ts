import { createHash } from 'node:crypto';
import type { ApiRequest, Reply } from './divisions.js';
import { EmulatorError } from './errors.js';
import type { OrgStore } from './store.js';

const path = '/api/v2/organizations/me';

/**
 * GET /api/v2/organizations/me: the org the caller's token belongs to, with
 * the fields of the SDK's `Organization`. Any authenticated client may read
 * it. The id is derived from the home division's, so an org persisted with
 * `--data` keeps its identity across restarts.
 */
export function routeOrganization(store: OrgStore, request: ApiRequest): Reply | undefined {
  if (request.path !== path) return undefined;
  if (request.method !== 'GET')
    throw new EmulatorError(
      405,
      'method.not.allowed',
      `Method ${request.method} is not allowed here.`,
    );
  const id = deriveGuid(`organization:${store.home().id}`);
  return {
    status: 200,
    body: {
      id,
      name: 'Emulated Org',
      thirdPartyOrgName: 'emulated-org',
      domain: 'emulated-org',
      version: 1,
      state: 'active',
      defaultSiteId: deriveGuid(`site:${id}`),
      selfUri: `/api/v2/organizations/${id}`,
    },
  };
}

/** A stable GUID-shaped id (version 4 layout) from a seed string. */
function deriveGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
