import { EmulatorError } from '../errors.js';
import { manage } from '../family-permissions.js';
import type { EmulatedFamily } from '../families.js';

const invalid = (field: string, message: string): EmulatorError =>
  new EmulatorError(400, 'invalid.value', message, { details: [{ fieldName: field }] });

/** The suffix the API appends to a Genesys sub-domain's id (the org's region: the emulator's). */
export const subDomainSuffix = 'mypurecloud.com';

/** InboundDomainCreateRequest's `id`: the domain; a sub-domain gets the regional suffix. */
function idFromBody(body: Record<string, unknown>): string {
  const id = body.id;
  if (typeof id !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(id))
    throw invalid('id', 'The field id must be a domain name.');
  return body.subDomain === true ? `${id}.${subDomainSuffix}` : id;
}

/**
 * `genesyscloud_routing_email_domain`: `/api/v2/routing/email/domains`. The id
 * is the domain; a duplicate is a 400 "The inbound domain already exists"
 * (genesys-kinds.md, rule 1); updates are PATCHes of the mail settings.
 */
export const emailDomainsFamily: EmulatedFamily = {
  key: 'emaildomains',
  path: '/api/v2/routing/email/domains',
  noun: 'email domain',
  permissions: manage('routing:email:manage'),
  nameFilter: 'none',
  softDelete: false,
  updateMethod: 'PATCH',
  idFromBody,
  sample: (i) => ({ id: `domain${i}.example.com` }),
  uniqueKey: (e) => String(e.id).toLowerCase(),
  duplicateError: (fields) =>
    new EmulatorError(
      400,
      'bad.request',
      `The inbound domain already exists (${String(fields.id)}).`,
    ),
  fields: (body, _ctx, current) => {
    const keep = (field: string): Record<string, unknown> => {
      const value = body[field] ?? current?.[field];
      return value === undefined || value === null ? {} : { [field]: value };
    };
    return {
      subDomain: current?.subDomain ?? body.subDomain === true,
      mxRecordStatus: current?.mxRecordStatus ?? 'VALID',
      ...keep('mailFromSettings'),
      ...keep('customSMTPServer'),
    };
  },
};
