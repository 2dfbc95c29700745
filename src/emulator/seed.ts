import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { StoredEntity } from './collection.js';
import { duplicateKeys, type DuplicateAnswers } from './duplicates.js';
import { families, familyKeys, type FamilyKey } from './families.js';
import { resolveUniqueKey } from './family-behaviour.js';
import { createNameKey, defaultNameCompare, nameCompareRules, type NameCompare } from './names.js';

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');

// Objects of the other families, in the real API's JSON shape: only `name` is
// required, `id` is generated when absent, unknown fields are kept as given.
// Rows are checked by hand (readEntities): a schema per row makes a seed of
// 50,000 users take a second to load.
const entityLists = Object.fromEntries(
  familyKeys.map((key) => [key, z.array(z.unknown()).optional()]),
) as Record<FamilyKey, z.ZodOptional<z.ZodArray<z.ZodUnknown>>>;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const seedSchema = z.object({
  ...entityLists,
  divisions: z
    .array(
      z.object({
        id: uuid.optional(),
        // Kept exactly as given: a seed is a snapshot of an org, spaces included.
        name: z.string().refine((name) => name.trim() !== '', 'a non-empty name'),
        description: z.string().nullable().optional(),
        home: z.boolean().optional(),
        objectCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
      }),
    )
    .optional(),
  clients: z
    .array(
      z.object({
        id: z.string().min(1),
        secret: z.string().min(1),
        permissions: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  limits: z
    .object({
      ratePerMinute: z.number().int().positive().optional(),
      maxDivisions: z.number().int().positive().optional(),
      pageSizeMax: z.number().int().positive().optional(),
      nameCompare: z.enum(nameCompareRules).optional(),
      duplicates: z
        .partialRecord(
          z.enum(duplicateKeys),
          z.object({
            status: z.union([z.literal(409), z.literal(400)]),
            code: z.string().min(1).optional(),
          }),
        )
        .optional(),
      deletedNamesBlock: z.boolean().optional(),
      namesPerParent: z.boolean().optional(),
    })
    .optional(),
});

/** A seed division: `id` is generated when absent. */
export interface SeedDivision {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly home: boolean;
  /** Objects the division holds, by object type; a division holding any cannot be deleted. */
  readonly objectCounts: Readonly<Record<string, number>>;
}

/** An OAuth client of the emulated org. `*` in permissions grants all. */
export interface SeedClient {
  readonly id: string;
  readonly secret: string;
  readonly permissions: readonly string[];
}

/** Org-wide limits. */
export interface SeedLimits {
  /** Requests per minute per token. @default 300 */
  readonly ratePerMinute: number;
  /** Most divisions the org may hold. @default 1000 */
  readonly maxDivisions: number;
  /** Largest pageSize accepted. @default 500 */
  readonly pageSizeMax: number;
  /** How names compare on create and rename. @default 'case-and-space-insensitive' */
  readonly nameCompare: NameCompare;
  /** Status and code of a duplicate name, by type. @default {} (409 general.conflict) */
  readonly duplicates: DuplicateAnswers;
  /** A soft-deleted row's name still blocks a create or rename (unverified). @default false */
  readonly deletedNamesBlock: boolean;
  /** Location names are unique only under one parent (unverified). @default false: in the org */
  readonly namesPerParent: boolean;
}

/** The objects of each family beyond divisions, by seed key. */
export type SeedEntities = { readonly [K in FamilyKey]?: readonly StoredEntity[] };

/** A validated org seed with every default filled in. */
export interface Seed extends SeedEntities {
  readonly divisions: readonly SeedDivision[];
  readonly clients: readonly SeedClient[];
  readonly limits: SeedLimits;
}

/** The limits of a real org as far as we know them (see genesys-api.md). */
export const defaultLimits: SeedLimits = {
  ratePerMinute: 300,
  maxDivisions: 1000,
  pageSizeMax: 500,
  nameCompare: defaultNameCompare,
  duplicates: {},
  deletedNamesBlock: false,
  namesPerParent: false,
};

/** Settings that win over the seed's own. */
export interface SeedOverrides {
  /** Replaces `limits.nameCompare`. @default the seed's */
  readonly nameCompare?: NameCompare | undefined;
  /** Merged over `limits.duplicates`, type by type. @default the seed's */
  readonly duplicates?: DuplicateAnswers | undefined;
  /** Replaces `limits.deletedNamesBlock`. @default the seed's */
  readonly deletedNamesBlock?: boolean | undefined;
  /** Replaces `limits.namesPerParent`. @default the seed's */
  readonly namesPerParent?: boolean | undefined;
}

/**
 * Validates a seed (the design.md format) and fills in defaults: a Home
 * division when none is home, one all-powerful client when none is given.
 * Every problem is reported at once.
 */
export function parseSeed(input: unknown, file = 'seed', overrides: SeedOverrides = {}): Seed {
  // A seed this function made (readSeedFile's, handed to startEmulator) is not
  // checked again row by row: 50,000 users would cost a second pass.
  if (parsedSeeds.has(input as Seed)) {
    const seed = input as Seed;
    const nameCompare = overrides.nameCompare ?? seed.limits.nameCompare;
    if (nameCompare === seed.limits.nameCompare) return withOverrides(seed, overrides);
  }
  const parsed = seedSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new InputError(`${file}: invalid seed: ${problems.join('; ')}`, { file, problems });
  }
  const raw = parsed.data;
  const divisions: SeedDivision[] = (raw.divisions ?? []).map((d) => ({
    id: (d.id ?? randomUUID()).toLowerCase(),
    name: d.name,
    description: d.description ?? null,
    home: d.home ?? false,
    objectCounts: d.objectCounts ?? {},
  }));
  const limits = raw.limits ?? {};
  const nameCompare = overrides.nameCompare ?? limits.nameCompare ?? defaultLimits.nameCompare;
  const nameKey = createNameKey(nameCompare);
  const namesPerParent =
    overrides.namesPerParent ?? limits.namesPerParent ?? defaultLimits.namesPerParent;
  const { entities, problems: rowProblems } = readEntities(raw);
  const problems = [
    ...rowProblems,
    ...checkInvariants(divisions, nameKey),
    ...familyKeys.flatMap((key) =>
      checkEntities(key, entities[key] ?? [], uniqueKeyOf(key, nameKey, namesPerParent)),
    ),
  ];
  if (problems.length > 0) {
    throw new InputError(`${file}: invalid seed: ${problems.join('; ')}`, { file, problems });
  }
  if (!divisions.some((d) => d.home)) {
    divisions.unshift({
      id: randomUUID(),
      name: 'Home',
      description: null,
      home: true,
      objectCounts: {},
    });
  }
  const clients: SeedClient[] = (raw.clients ?? [createClient()]).map((c) => ({
    id: c.id,
    secret: c.secret,
    permissions: 'permissions' in c && c.permissions !== undefined ? c.permissions : ['*'],
  }));
  const seed: Seed = {
    divisions,
    ...entities,
    clients,
    limits: {
      ratePerMinute: limits.ratePerMinute ?? defaultLimits.ratePerMinute,
      maxDivisions: limits.maxDivisions ?? defaultLimits.maxDivisions,
      pageSizeMax: limits.pageSizeMax ?? defaultLimits.pageSizeMax,
      nameCompare,
      duplicates: { ...limits.duplicates, ...overrides.duplicates },
      deletedNamesBlock:
        overrides.deletedNamesBlock ?? limits.deletedNamesBlock ?? defaultLimits.deletedNamesBlock,
      namesPerParent,
    },
  };
  parsedSeeds.add(seed);
  return seed;
}

/** The seeds parseSeed returned, so that handing one back costs nothing. */
const parsedSeeds = new WeakSet<Seed>();

/** A parsed seed with other duplicate answers or deleted-name rule (the name rule unchanged). */
function withOverrides(seed: Seed, overrides: SeedOverrides): Seed {
  const limits = seed.limits;
  const result: Seed = {
    ...seed,
    limits: {
      ...limits,
      duplicates: { ...limits.duplicates, ...overrides.duplicates },
      deletedNamesBlock: overrides.deletedNamesBlock ?? limits.deletedNamesBlock,
    },
  };
  parsedSeeds.add(result);
  return result;
}

/**
 * Every org has built-in roles, each with a `defaultRoleId` (the provider's
 * `default_role_id`). A seed without `roles` gets a few, as an org would.
 */
export const builtInRoles: readonly StoredEntity[] = [
  {
    id: '0a1b2c3d-0000-4000-8000-00000000e001',
    name: 'employee',
    description: 'Default role for all users',
    defaultRoleId: 'employee',
    default: true,
    base: false,
    permissions: [],
  },
  {
    id: '0a1b2c3d-0000-4000-8000-00000000e002',
    name: 'admin',
    description: 'Administrator',
    defaultRoleId: 'admin',
    default: true,
    base: false,
    permissions: [],
  },
];

function readEntities(raw: z.infer<typeof seedSchema>): {
  entities: SeedEntities;
  problems: string[];
} {
  const out: { [K in FamilyKey]?: StoredEntity[] } = {};
  const problems: string[] = [];
  for (const key of familyKeys) {
    const rows = raw[key];
    if (rows === undefined) continue;
    out[key] = rows.flatMap((row, i) => {
      const named = families.find((f) => f.key === key)?.idFromBody !== undefined;
      const why = named ? checkNamedRow(row) : checkRow(row);
      if (why !== undefined) {
        problems.push(`${key}.${i}: ${why}`);
        return [];
      }
      if (named) {
        const fields = row as StoredEntity;
        return [{ ...fields, id: fields.id.toLowerCase(), name: fields.name ?? fields.id }];
      }
      const fields = row as StoredEntity;
      return [{ ...fields, id: (fields.id ?? randomUUID()).toLowerCase() }];
    });
  }
  out.roles ??= builtInRoles.map((r) => ({ ...r }));
  const given = new Set(familyKeys.filter((key) => raw[key] !== undefined));
  for (const family of families)
    if (family.builtInRows !== undefined) out[family.key] ??= family.builtInRows(given);
  return { entities: out, problems };
}

/** Why a seed row is not an object of the API, if it is not. */
function checkRow(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'expected an object';
  const { id, name, state } = row as Record<string, unknown>;
  if (id !== undefined && (typeof id !== 'string' || !guid.test(id))) return 'id: expected a GUID';
  if (typeof name !== 'string' || name.trim() === '') return 'name: expected a non-empty name';
  if (state !== undefined && typeof state !== 'string') return 'state: expected a string';
  return undefined;
}

/** Why a row of a family whose id is its name (email domains) is not one, if it is not. */
function checkNamedRow(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'expected an object';
  const { id, name } = row as Record<string, unknown>;
  if (typeof id !== 'string' || id.trim() === '') return 'id: expected a non-empty string';
  if (name !== undefined && typeof name !== 'string') return 'name: expected a string';
  return undefined;
}

/** How a family's rows collide: by name, or by the family's own key (a user's email). */
function uniqueKeyOf(
  key: FamilyKey,
  nameKey: (name: string) => string,
  namesPerParent: boolean,
): (row: StoredEntity) => string {
  const family = families.find((f) => f.key === key);
  return family === undefined
    ? (row) => nameKey(row.name)
    : resolveUniqueKey(family, nameKey, namesPerParent);
}

function checkEntities(
  key: FamilyKey,
  rows: readonly StoredEntity[],
  uniqueKey: (row: StoredEntity) => string,
): string[] {
  const problems: string[] = [];
  const names = new Map<string, string>();
  const ids = new Set<string>();
  for (const row of rows) {
    if (ids.has(row.id)) problems.push(`${key}: id ${row.id} is used twice`);
    ids.add(row.id);
    if (row.state === 'deleted') continue;
    const unique = uniqueKey(row);
    const other = names.get(unique);
    if (other !== undefined)
      problems.push(`${key}: "${other}" and "${row.name}" have the same name`);
    names.set(unique, row.name);
  }
  return problems;
}

function checkInvariants(
  divisions: readonly SeedDivision[],
  nameKey: (name: string) => string,
): string[] {
  const problems: string[] = [];
  if (divisions.filter((d) => d.home).length > 1) problems.push('more than one home division');
  const seen = new Map<string, string>();
  for (const d of divisions) {
    const key = nameKey(d.name);
    const other = seen.get(key);
    if (other !== undefined)
      problems.push(`divisions "${other}" and "${d.name}" have the same name`);
    seen.set(key, d.name);
  }
  const ids = new Set<string>();
  for (const d of divisions) {
    if (ids.has(d.id)) problems.push(`division id ${d.id} is used twice`);
    ids.add(d.id);
  }
  return problems;
}

function createClient(): SeedClient {
  return { id: randomUUID(), secret: randomBytes(24).toString('base64url'), permissions: ['*'] };
}

/** Reads and validates a seed file. */
export async function readSeedFile(path: string, overrides: SeedOverrides = {}): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new InputError(`cannot read seed file ${path}`, { file: path, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(`${path}: not valid JSON (${why})`, { file: path, cause });
  }
  return parseSeed(json, path, overrides);
}
