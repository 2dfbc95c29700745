import type { Entity } from '../genesys/resources/entities.js';
import { defineKind } from './define-kind.js';

const idOf = (value: unknown): string | null => {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
};

/**
 * The provider's `domain_id` of an email domain: the id, less the regional
 * suffix the API appends to a Genesys sub-domain (`acme.mypurecloud.com`).
 */
const domainId = (e: Entity): string =>
  e.subDomain === true ? (e.id.split('.')[0] ?? e.id) : e.id;

/**
 * `genesyscloud_routing_email_domain`. The id is the domain, and so is the
 * import id. A create of a domain that exists fails with a 400 ("The inbound
 * domain already exists"), after which the provider adopts it: a warning,
 * with the import block that makes the adoption explicit.
 */
export const emailDomainKind = defineKind({
  tfType: 'genesyscloud_routing_email_domain',
  family: {
    path: '/api/v2/routing/email/domains',
    noun: 'email domain',
    plural: 'email domains',
    idIsName: true,
  },
  key: 'domain_id',
  keyOf: domainId,
  attributes: {
    subdomain: { read: (e) => e.subDomain === true, unset: false },
    mail_from_domain: {
      read: (e) => {
        const from = (e.mailFromSettings as { mailFromDomain?: unknown } | undefined)
          ?.mailFromDomain;
        return typeof from === 'string' ? from : null;
      },
    },
    custom_smtp_server_id: { read: (e) => idOf(e.customSMTPServer) },
  },
  collision: (_desired, live) => ({
    kind: 'adopts',
    message: `email domain ${live.id} already exists: the create fails with 400 "The inbound domain already exists" and the provider then adopts it; import it to say so`,
  }),
});
