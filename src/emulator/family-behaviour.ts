import type { EntityCollection, StoredEntity } from './collection.js';
import type { EmulatorError } from './errors.js';

/** The collection a family's `afterCreate` may add rows to. */
export type EntityCollectionLike = Pick<EntityCollection, 'create' | 'list'>;

/** The key two rows of `family` may not share, under the org's name rule. */
export function resolveUniqueKey(
  family: FamilyBehaviour,
  nameKey: (name: string) => string,
  namesPerParent = false,
): (entity: Record<string, unknown>) => string {
  if (family.uniqueKey !== undefined) return family.uniqueKey;
  const parent = family.parent?.field;
  const scopes = [
    family.nameScope,
    parent === undefined
      ? undefined
      : (e: Record<string, unknown>) => String((e[parent] as { id?: unknown } | undefined)?.id),
    namesPerParent ? family.parentScope : undefined,
  ].filter((s) => s !== undefined);
  if (scopes.length === 0) return (e) => nameKey(String(e.name));
  return (e) => `${scopes.map((s) => s(e)).join('\u0000')}\u0000${nameKey(String(e.name))}`;
}

/**
 * What a family may do differently from the page-listed, name-unique common
 * case (users: unique by email, soft-deleted emails still taken, PATCH,
 * `state` on listings, a search endpoint, their own duplicate body).
 */
export interface FamilyBehaviour {
  /**
   * The value two rows may not share, already in the form it is compared in.
   * @default the name, by the org's name rule
   */
  readonly uniqueKey?: ((entity: Record<string, unknown>) => string) | undefined;
  /**
   * What a name is unique within (a flow's `type`): two rows collide when
   * both this and their names match by the org's name rule. @default the family
   */
  readonly nameScope?: ((entity: Record<string, unknown>) => string) | undefined;
  /** A soft-deleted row still holds its key (a deleted user's email). @default false */
  readonly deletedKeysBlock?: boolean | undefined;
  /** How listings page: `cursor` (`after`/`before`, skill groups). @default 'page' */
  readonly paging?: 'page' | 'cursor' | undefined;
  /** How an object is updated. @default 'PUT' */
  readonly updateMethod?: 'PUT' | 'PATCH' | undefined;
  /**
   * Which rows a listing returns, from its query (users' `state`).
   * @default every row
   */
  readonly listFilter?: ((query: URLSearchParams) => (entity: StoredEntity) => boolean) | undefined;
  /** The error of a write whose key another row holds. @default a `general.conflict` naming the holder */
  readonly duplicateError?:
    ((fields: Record<string, unknown>, holder: StoredEntity) => EmulatorError) | undefined;
  /**
   * Where a name is unique when the org's `namesPerParent` switch is on
   * (locations: under one parent); off, names are unique in the whole org.
   */
  readonly parentScope?: ((entity: Record<string, unknown>) => string) | undefined;
  /**
   * The rows every org has, for a seed without this family's list (the
   * Default PCV Location); `given` holds the lists the seed has.
   */
  readonly builtInRows?: ((given: ReadonlySet<string>) => StoredEntity[]) | undefined;
  /**
   * The id a create names (email domains: the domain); such objects need no
   * `name` (it is the id) and their ids are not GUIDs. Throws on a bad body.
   */
  readonly idFromBody?: ((body: Record<string, unknown>) => string) | undefined;
  /**
   * Rows live under one row of another family (outbound routes under a site):
   * the path holds `{parentId}`, each row carries the parent as `{id, name,
   * selfUri}` in `field`, and names are unique under one parent.
   */
  readonly parent?: { readonly key: string; readonly field: string } | undefined;
  /** Called after a create (a new site gets its "Default Outbound Route"). */
  readonly afterCreate?:
    | ((entity: StoredEntity, collectionOf: (key: string) => EntityCollectionLike) => void)
    | undefined;
  /** `POST {path}/search`: which rows a search body matches (throws on a bad body). */
  readonly search?: ((body: unknown) => (entity: StoredEntity) => boolean) | undefined;
}
