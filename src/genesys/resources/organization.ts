import { z } from 'zod';
import { GcadoptError } from '../../errors.js';
import { request, type HttpState } from '../http.js';

/** The org a client's credentials belong to (`GET /api/v2/organizations/me`). */
export interface Organization {
  readonly id: string;
  readonly name: string;
  /** The org's short name (what a person types at login). */
  readonly thirdPartyOrgName?: string | undefined;
  readonly domain?: string | undefined;
  readonly state?: string | undefined;
}

const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  thirdPartyOrgName: z.string().optional(),
  domain: z.string().optional(),
  state: z.string().optional(),
});

/** /api/v2/organizations/me. */
export interface OrganizationResource {
  me(options?: { signal?: AbortSignal | undefined }): Promise<Organization>;
}

/** Builds the organization resource over an HTTP state. */
export function createOrganization(state: HttpState): OrganizationResource {
  return {
    async me(options = {}) {
      const { body } = await request<unknown>(state, 'GET', '/api/v2/organizations/me', options);
      const parsed = organizationSchema.safeParse(body);
      if (!parsed.success)
        throw new GcadoptError('api', 'unexpected answer from GET /api/v2/organizations/me');
      const { id, name, thirdPartyOrgName, domain, state: orgState } = parsed.data;
      return { id, name, thirdPartyOrgName, domain, state: orgState };
    },
  };
}
