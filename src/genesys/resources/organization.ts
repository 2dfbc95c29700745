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

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** /api/v2/organizations/me. */
export interface OrganizationResource {
  me(options?: { signal?: AbortSignal | undefined }): Promise<Organization>;
}

/** Builds the organization resource over an HTTP state. */
export function createOrganization(state: HttpState): OrganizationResource {
  return {
    async me(options = {}) {
      const { body } = await request<unknown>(state, 'GET', '/api/v2/organizations/me', options);
      // A hand check, not zod: this runs on every check, and zod's load costs more.
      const org =
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const id = text(org.id);
      const name = text(org.name);
      if (id === undefined || name === undefined)
        throw new GcadoptError('api', 'unexpected answer from GET /api/v2/organizations/me');
      return {
        id,
        name,
        thirdPartyOrgName: text(org.thirdPartyOrgName),
        domain: text(org.domain),
        state: text(org.state),
      };
    },
  };
}
