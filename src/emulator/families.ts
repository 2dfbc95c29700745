import { crud, manage, writes } from './family-permissions.js';
import { EmulatorError } from './errors.js';
import type { StoredEntity } from './collection.js';
import type { FamilyBehaviour } from './family-behaviour.js';
import { datatablesFamily, scheduleGroupsFamily, schedulesFamily } from './families/architect.js';
import { flowsFamily } from './families/flows.js';
import { skillGroupsFamily } from './families/skill-groups.js';
import { usersFamily } from './families/users.js';
import { locationsFamily } from './families/locations.js';
import { emailDomainsFamily } from './families/email-domains.js';
import { outboundRoutesFamily, sitesFamily } from './families/sites.js';

/** What a family's create may look up in the rest of the org. */
export interface FamilyContext {
  /** The org's home division, as `{id, name, selfUri}`. */
  readonly home: () => { id: string; name: string; selfUri: string };
  /** A division by id, as `{id, name, selfUri}`, if it exists. */
  readonly division: (id: string) => { id: string; name: string; selfUri: string } | undefined;
}

/** How the server filters a listing by `name` (genesys-kinds.md, rule 5). */
export type NameFilter = 'wildcard' | 'prefix' | 'none';

/** The seed's list of each family beyond divisions. */
export const familyKeys = [
  'queues',
  'skills',
  'wrapupcodes',
  'languages',
  'groups',
  'roles',
  'users',
  'schedules',
  'schedulegroups',
  'datatables',
  'skillgroups',
  'flows',
  'locations',
  'emaildomains',
  'sites',
  'outboundroutes',
] as const;
export type FamilyKey = (typeof familyKeys)[number];

/** One emulated API family: endpoints, filters, permissions and the fields a write takes. */
export interface EmulatedFamily extends FamilyBehaviour {
  /** Its list in the seed and the data file: `queues`. */
  readonly key: FamilyKey;
  readonly path: string;
  readonly noun: string;
  readonly permissions: {
    readonly view?: string | undefined;
    readonly add: string;
    readonly edit: string;
    readonly delete: string;
  };
  readonly nameFilter: NameFilter;
  /** DELETE keeps the row with `state: "deleted"` and listings return it. */
  readonly softDelete: boolean;
  /**
   * Repeated query filters besides `id` and `name`, e.g. `divisionId`: a row
   * passes when one of its values is one of the wanted ones.
   */
  readonly filters?: Readonly<
    Record<string, (entity: StoredEntity) => string | readonly string[] | undefined>
  >;
  /** Writable fields of a POST/PUT body besides `name`, with defaults and checks. */
  readonly fields: (
    body: Record<string, unknown>,
    ctx: FamilyContext,
    current?: StoredEntity,
  ) => Record<string, unknown>;
  /** Rows the API refuses to delete. */
  readonly builtIn?: ((entity: StoredEntity) => boolean) | undefined;
  /** Status of a successful create. @default 200 */
  readonly createStatus?: number | undefined;
  /**
   * How an object changes after its create: a PUT of the writable fields, a
   * PATCH of `{divisionId}` only (skills: the SDK has no PUT, so the name never
   * changes), or not at all (languages).
   * @default 'put'
   */
  readonly update?: 'put' | 'patch-division' | 'none' | undefined;
  /**
   * The fields besides `name` a create body of made-up object number `i`
   * needs (users: a unique email; groups: type and visibility), for orgs built
   * in bulk (the bench). `org` holds the rows built so far, by seed key, for a
   * family whose objects belong to another's. @default none
   */
  readonly sample?:
    | ((
        i: number,
        org: Readonly<Partial<Record<FamilyKey, readonly StoredEntity[]>>>,
      ) => Record<string, unknown>)
    | undefined;
}

const text = (body: Record<string, unknown>, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new EmulatorError(400, 'invalid.value', `The field ${field} must be a string.`, {
      details: [{ fieldName: field }],
    });
  return value;
};

const oneOf = (
  body: Record<string, unknown>,
  field: string,
  allowed: readonly string[],
): string => {
  const value = text(body, field);
  if (value === undefined || !allowed.includes(value))
    throw new EmulatorError(
      400,
      'invalid.value',
      `The field ${field} must be one of ${allowed.join(', ')}.`,
      {
        details: [{ fieldName: field }],
      },
    );
  return value;
};

/** `division: {id}` of a body, resolved against the org; the home division when absent. */
function division(
  body: Record<string, unknown>,
  ctx: FamilyContext,
  current?: StoredEntity,
): Record<string, unknown> {
  const given = body.division as { id?: unknown } | undefined;
  if (given === undefined || given === null) return { division: current?.division ?? ctx.home() };
  const found = typeof given.id === 'string' ? ctx.division(given.id) : undefined;
  if (found === undefined)
    throw new EmulatorError(400, 'invalid.value', 'The division does not exist.', {
      details: [{ fieldName: 'division.id' }],
    });
  return { division: found };
}

const optional = (body: Record<string, unknown>, field: string): Record<string, unknown> => {
  const value = text(body, field);
  return value === undefined || value === '' ? {} : { [field]: value };
};

const visibilities = ['public', 'owners', 'members'];

/** GroupCreate: `type`, `visibility` and `rulesVisible` are required. */
const groupCreate = (body: Record<string, unknown>): Record<string, unknown> => ({
  type: oneOf(body, 'type', ['official', 'social']),
  visibility: oneOf(body, 'visibility', visibilities),
  rulesVisible: body.rulesVisible === true,
});

/**
 * GroupUpdate has no `type` (the provider's ForceNew), an optional
 * `visibility`, and a required `version`.
 */
function groupUpdate(
  body: Record<string, unknown>,
  current: StoredEntity,
): Record<string, unknown> {
  if (typeof body.version !== 'number')
    throw new EmulatorError(400, 'invalid.value', 'The field version is required.', {
      details: [{ fieldName: 'version' }],
    });
  return {
    type: current.type,
    visibility:
      body.visibility === undefined ? current.visibility : oneOf(body, 'visibility', visibilities),
    rulesVisible:
      typeof body.rulesVisible === 'boolean' ? body.rulesVisible : current.rulesVisible === true,
  };
}

const versioned = (current?: StoredEntity): Record<string, unknown> => ({
  state: 'active',
  version: String(Number(current?.version ?? 0) + 1),
});

const divisionIdOf = (e: StoredEntity): string | undefined =>
  (e.division as { id?: string } | undefined)?.id;

/**
 * A family of described objects that live in a division (queues, wrap-up
 * codes): `{prefix}:view|add|edit|delete` permissions, a `divisionId` filter.
 */
function inDivision(
  key: FamilyKey,
  path: string,
  noun: string,
  prefix: string,
  nameFilter: NameFilter = 'prefix',
): EmulatedFamily {
  return {
    key,
    path,
    noun,
    permissions: crud(prefix),
    nameFilter,
    softDelete: false,
    filters: { divisionId: divisionIdOf },
    fields: (body, ctx, current) => ({
      ...optional(body, 'description'),
      ...division(body, ctx, current),
    }),
  };
}

/** The families the emulator serves beyond divisions. */
export const families: readonly EmulatedFamily[] = [
  inDivision('queues', '/api/v2/routing/queues', 'queue', 'routing:queue', 'wildcard'),
  {
    key: 'skills',
    path: '/api/v2/routing/skills',
    noun: 'skill',
    permissions: manage('routing:skill:manage'),
    nameFilter: 'prefix',
    softDelete: true,
    update: 'patch-division',
    // RoutingSkill carries a division (moved by PATCH {divisionId}).
    fields: (body, ctx, current) => ({ ...division(body, ctx, current), ...versioned(current) }),
  },
  inDivision('wrapupcodes', '/api/v2/routing/wrapupcodes', 'wrap-up code', 'routing:wrapupCode'),
  {
    key: 'languages',
    path: '/api/v2/routing/languages',
    noun: 'language',
    permissions: manage('routing:skill:manage'),
    nameFilter: 'prefix',
    softDelete: true,
    update: 'none',
    fields: (_body, _ctx, current) => versioned(current),
  },
  {
    key: 'groups',
    path: '/api/v2/groups',
    noun: 'group',
    permissions: writes('directory:group'),
    nameFilter: 'none',
    softDelete: true,
    sample: () => ({ type: 'official', visibility: 'public' }),
    fields: (body, _ctx, current) => ({
      ...optional(body, 'description'),
      ...(current === undefined ? groupCreate(body) : groupUpdate(body, current)),
      ...versioned(current),
      version: Number(current?.version ?? 0) + 1,
      memberCount: current?.memberCount ?? 0,
    }),
  },
  {
    key: 'roles',
    path: '/api/v2/authorization/roles',
    noun: 'role',
    permissions: crud('authorization:role'),
    nameFilter: 'prefix',
    softDelete: false,
    filters: {
      defaultRoleId: (e) => (typeof e.defaultRoleId === 'string' ? e.defaultRoleId : undefined),
      permission: (e) =>
        Array.isArray(e.permissions) ? e.permissions.filter((p) => typeof p === 'string') : [],
    },
    fields: (body, _ctx, current) => ({
      ...optional(body, 'description'),
      permissions: Array.isArray(body.permissions)
        ? body.permissions.filter((p) => typeof p === 'string')
        : [],
      ...(typeof current?.defaultRoleId === 'string'
        ? { defaultRoleId: current.defaultRoleId, default: true }
        : {}),
    }),
    builtIn: (e) => typeof e.defaultRoleId === 'string',
  },
  usersFamily,
  schedulesFamily,
  scheduleGroupsFamily,
  datatablesFamily,
  skillGroupsFamily,
  // After data tables: /api/v2/flows/datatables is theirs, not a flow id.
  flowsFamily,
  locationsFamily,
  emailDomainsFamily,
  sitesFamily,
  outboundRoutesFamily,
];
