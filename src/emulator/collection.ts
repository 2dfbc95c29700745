import { randomUUID } from 'node:crypto';

/** An object of the emulated org, in the real API's JSON shape. */
export type StoredEntity = Record<string, unknown> & {
  id: string;
  name: string;
  state?: string | undefined;
};

/** Why a change was refused; the router turns it into a Genesys error. */
export type EntityRefusal =
  | { readonly reason: 'duplicate'; readonly holder: StoredEntity }
  | { readonly reason: 'not-found' }
  | { readonly reason: 'built-in' };

export type EntityResult = { readonly ok: StoredEntity } | { readonly refused: EntityRefusal };

/** The API's order of a listing: by name, then id. */
const inListOrder = (a: StoredEntity, b: StoredEntity): number =>
  a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);

/** How one family's objects behave (the switches of genesys-kinds.md). */
export interface CollectionRules {
  /** Two names collide when their keys are equal. */
  readonly nameKey: (name: string) => string;
  /** DELETE keeps the row with `state: "deleted"`, and listings still return it. */
  readonly softDelete: boolean;
  /** A soft-deleted row's name still blocks a create (unverified for skills). @default false */
  readonly deletedNamesBlock?: boolean | undefined;
  /** The value two rows may not share (a user's email). @default `nameKey` of the name */
  readonly uniqueKey?: ((entity: Record<string, unknown>) => string) | undefined;
  /** A row the API refuses to delete (a built-in role). */
  readonly builtIn?: ((entity: StoredEntity) => boolean) | undefined;
}

/**
 * The objects of one API family. Every change is synchronous, so two
 * concurrent requests can never both pass the uniqueness check.
 */
export class EntityCollection {
  readonly #rows = new Map<string, StoredEntity>();
  readonly #rules: CollectionRules;
  readonly #onChange: () => void;
  /** The sorted rows, until the next change: a 50,000-row listing sorts once, not per page. */
  #sorted: StoredEntity[] | undefined;
  /** Rows by a field's lowercased value, per field, until the next change (searches). */
  readonly #indexes = new Map<string, Map<string, StoredEntity[]>>();

  constructor(rows: readonly StoredEntity[], rules: CollectionRules, onChange: () => void) {
    this.#rules = rules;
    this.#onChange = onChange;
    this.restore(rows);
  }

  /** Every row, soft-deleted ones included, in the API's order: by name, then id. */
  list(): StoredEntity[] {
    return [...this.#inOrder()];
  }

  /**
   * The rows that can pass every one of `criteria` (a row passes one when one
   * of its `fields`, a string, is one of `values` ignoring case; `values`
   * lowercased), in list order: the fewest rows one criterion allows, found
   * by index without reading every row.
   */
  narrow(
    criteria: readonly { readonly fields: readonly string[]; readonly values: readonly string[] }[],
  ): StoredEntity[] {
    const buckets = criteria.map(({ fields, values }) =>
      fields.flatMap((field) => values.map((value) => this.#index(field).get(value) ?? [])),
    );
    const size = (rows: readonly (readonly StoredEntity[])[]): number =>
      rows.reduce((n, bucket) => n + bucket.length, 0);
    const fewest = buckets.reduce<(readonly StoredEntity[])[] | undefined>(
      (best, rows) => (best === undefined || size(rows) < size(best) ? rows : best),
      undefined,
    );
    if (fewest === undefined) return this.list();
    return [...new Set(fewest.flat())].sort(inListOrder);
  }

  get(id: string): StoredEntity | undefined {
    return this.#rows.get(id.toLowerCase());
  }

  create(fields: Record<string, unknown> & { name: string }): EntityResult {
    const holder = this.#holderOf(fields);
    if (holder !== undefined) return { refused: { reason: 'duplicate', holder } };
    // A family whose create names the id (email domains) passes it in.
    const id = typeof fields.id === 'string' ? fields.id.toLowerCase() : randomUUID();
    const entity: StoredEntity = { ...fields, id };
    this.#rows.set(entity.id, entity);
    this.#changed();
    return { ok: entity };
  }

  update(id: string, fields: Record<string, unknown> & { name: string }): EntityResult {
    const entity = this.get(id);
    if (entity === undefined || entity.state === 'deleted')
      return { refused: { reason: 'not-found' } };
    const holder = this.#holderOf(fields);
    if (holder !== undefined && holder.id !== entity.id)
      return { refused: { reason: 'duplicate', holder } };
    const updated: StoredEntity = { ...entity, ...fields, id: entity.id };
    this.#rows.set(entity.id, updated);
    this.#changed();
    return { ok: updated };
  }

  delete(id: string): EntityResult {
    const entity = this.get(id);
    if (entity === undefined || entity.state === 'deleted')
      return { refused: { reason: 'not-found' } };
    if (this.#rules.builtIn?.(entity) === true) return { refused: { reason: 'built-in' } };
    if (this.#rules.softDelete) this.#rows.set(entity.id, { ...entity, state: 'deleted' });
    else this.#rows.delete(entity.id);
    this.#changed();
    return { ok: entity };
  }

  /** Replaces every row (seeding, and rolling back to what the disk holds). */
  restore(rows: readonly StoredEntity[]): void {
    this.#sorted = undefined;
    this.#indexes.clear();
    this.#rows.clear();
    for (const row of rows)
      this.#rows.set(row.id.toLowerCase(), { ...row, id: row.id.toLowerCase() });
  }

  /** The rows as a seed list, for persistence. */
  toSeed(): StoredEntity[] {
    return this.list().map((row) => ({ ...row }));
  }

  #changed(): void {
    this.#sorted = undefined;
    this.#indexes.clear();
    this.#onChange();
  }

  #inOrder(): readonly StoredEntity[] {
    this.#sorted ??= [...this.#rows.values()].sort(inListOrder);
    return this.#sorted;
  }

  #index(field: string): Map<string, StoredEntity[]> {
    let index = this.#indexes.get(field);
    if (index !== undefined) return index;
    index = new Map();
    for (const row of this.#inOrder()) {
      const value = row[field];
      if (typeof value !== 'string') continue;
      const key = value.toLowerCase();
      const bucket = index.get(key);
      if (bucket === undefined) index.set(key, [row]);
      else bucket.push(row);
    }
    this.#indexes.set(field, index);
    return index;
  }

  #holderOf(fields: Record<string, unknown> & { name: string }): StoredEntity | undefined {
    const keyOf =
      this.#rules.uniqueKey ??
      ((e: Record<string, unknown>) => this.#rules.nameKey(String(e.name)));
    const key = keyOf(fields);
    for (const row of this.#rows.values()) {
      if (row.state === 'deleted' && this.#rules.deletedNamesBlock !== true) continue;
      if (keyOf(row) === key) return row;
    }
    return undefined;
  }
}
