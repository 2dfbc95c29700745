import type { EntityCollection, EntityResult, StoredEntity } from './collection.js';
import { notFound } from './errors.js';
import type { EmulatedFamily } from './families.js';

/** What the router does with one family's rows: a whole collection, or the rows under one parent. */
export type CollectionView = Pick<
  EntityCollection,
  'list' | 'get' | 'create' | 'update' | 'delete'
>;

/** The family a path belongs to, at the path its rows answer under (`…/sites/{id}/outboundroutes`). */
export interface FamilyAt {
  readonly family: EmulatedFamily;
  /** The family as the request sees it: `path` with the parent's id in place. */
  readonly at: EmulatedFamily;
  readonly parentId?: string | undefined;
}

/**
 * Finds the family of `path`. A nested family's path holds `{parentId}`
 * (outbound routes under a site); it is tried before the plain families, one
 * of which (sites) is a prefix of it.
 */
export function findFamily(
  families: readonly EmulatedFamily[],
  path: string,
): FamilyAt | undefined {
  for (const family of families) {
    if (family.parent === undefined) continue;
    const [head = '', tail = ''] = family.path.split('{parentId}');
    if (!path.startsWith(head)) continue;
    const parentId = path.slice(head.length).split('/')[0] ?? '';
    const base = `${head}${parentId}${tail}`;
    if (parentId !== '' && (path === base || path.startsWith(`${base}/`)))
      return { family, at: { ...family, path: base }, parentId };
  }
  const family = families.find((f) => path === f.path || path.startsWith(`${f.path}/`));
  return family === undefined ? undefined : { family, at: family };
}

/**
 * The rows under one parent: listed, read and changed only there; a create
 * carries the parent's `{id, name, selfUri}` in the family's parent field.
 */
export function underParent(
  collection: EntityCollection,
  field: string,
  parent: StoredEntity,
  parentPath: string,
): CollectionView {
  const inParent = (e: StoredEntity): boolean =>
    (e[field] as { id?: unknown } | undefined)?.id === parent.id;
  const get = (id: string): StoredEntity | undefined => {
    const entity = collection.get(id);
    return entity !== undefined && inParent(entity) ? entity : undefined;
  };
  const missing: EntityResult = { refused: { reason: 'not-found' } };
  return {
    list: () => collection.list().filter(inParent),
    get,
    create: (fields) =>
      collection.create({
        ...fields,
        [field]: { id: parent.id, name: parent.name, selfUri: `${parentPath}/${parent.id}` },
      }),
    update: (id, fields) => (get(id) === undefined ? missing : collection.update(id, fields)),
    delete: (id) => (get(id) === undefined ? missing : collection.delete(id)),
  };
}

/** The parent row a nested request names; 404 when it does not exist or is deleted. */
export function parentOf(
  collection: EntityCollection,
  parentId: string,
  noun: string,
): StoredEntity {
  const parent = collection.get(parentId);
  if (parent === undefined || parent.state === 'deleted')
    throw notFound(`The ${noun} ${parentId} was not found.`);
  return parent;
}
