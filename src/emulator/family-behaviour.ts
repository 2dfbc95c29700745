import type { StoredEntity } from './collection.js';
import type { EmulatorError } from './errors.js';

/** The key two rows of `family` may not share, under the org's name rule. */
export function resolveUniqueKey(
  family: FamilyBehaviour,
  nameKey: (name: string) => string,
): (entity: Record<string, unknown>) => string {
  const scope = family.nameScope;
  if (family.uniqueKey !== undefined) return family.uniqueKey;
  return scope === undefined
    ? (e) => nameKey(String(e.name))
    : (e) => `${scope(e)}\u0000${nameKey(String(e.name))}`;
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
  /** `POST {path}/search`: which rows a search body matches (throws on a bad body). */
  readonly search?: ((body: unknown) => (entity: StoredEntity) => boolean) | undefined;
}
