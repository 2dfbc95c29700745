/** A cty primitive type, as the protocol's schema spells it (JSON of the type). */
export type AttrType = 'string' | 'bool' | 'number';

/** One attribute of a schema block. */
export interface AttributeSpec {
  readonly name: string;
  readonly type: AttrType;
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

/** The protocol's Schema message, as grpc's loader takes it. */
export interface SchemaMessage {
  readonly version: number;
  readonly block: {
    readonly version: number;
    readonly description: string;
    readonly attributes: {
      name: string;
      type: Buffer;
      description: string;
      required: boolean;
      optional: boolean;
      computed: boolean;
      sensitive: boolean;
    }[];
  };
}

/** Builds a Schema message from attribute specs. */
export function createSchema(
  description: string,
  attributes: readonly AttributeSpec[],
  version = 0,
): SchemaMessage {
  return {
    version,
    block: {
      version,
      description,
      attributes: attributes.map((a) => ({
        name: a.name,
        type: Buffer.from(JSON.stringify(a.type)),
        description: a.description,
        required: a.required === true,
        optional: a.optional === true,
        computed: a.computed === true,
        sensitive: a.sensitive === true,
      })),
    },
  };
}

/**
 * The provider block: the authentication attributes of mypurecloud/genesyscloud
 * (each falls back to the environment variable the real provider reads), so a
 * configuration written for the real provider is accepted unchanged.
 */
export const providerSchema = createSchema('Genesys Cloud (gcadopt local provider)', [
  {
    name: 'oauthclient_id',
    type: 'string',
    optional: true,
    description: 'OAuth client id (env GENESYSCLOUD_OAUTHCLIENT_ID)',
  },
  {
    name: 'oauthclient_secret',
    type: 'string',
    optional: true,
    sensitive: true,
    description: 'OAuth client secret (env GENESYSCLOUD_OAUTHCLIENT_SECRET)',
  },
  {
    name: 'aws_region',
    type: 'string',
    optional: true,
    description: 'region, e.g. us-east-1 (env GENESYSCLOUD_REGION)',
  },
  {
    name: 'access_token',
    type: 'string',
    optional: true,
    sensitive: true,
    description: 'a ready access token (env GENESYSCLOUD_ACCESS_TOKEN)',
  },
  {
    name: 'sdk_debug',
    type: 'bool',
    optional: true,
    description: 'accepted for compatibility; set TF_LOG to log the requests (never secrets)',
  },
]);
