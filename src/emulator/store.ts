import { randomUUID } from 'node:crypto';
import { EntityCollection, type StoredEntity } from './collection.js';
import { families, type EmulatedFamily, type FamilyKey } from './families.js';
import { resolveUniqueKey } from './family-behaviour.js';
import { createNameKey } from './names.js';
import type { Seed, SeedClient, SeedDivision, SeedEntities, SeedLimits } from './seed.js';

/** A division as the store keeps it. */
export interface StoredDivision {
  readonly id: string;
  name: string;
  description: string | null;
  readonly home: boolean;
  objectCounts: Record<string, number>;
}

/** Why a store change was refused; the router turns it into a Genesys error. */
export type StoreRefusal =
  | { readonly reason: 'duplicate'; readonly holder: StoredDivision }
  | { readonly reason: 'not-found' }
  | { readonly reason: 'home' }
  | { readonly reason: 'not-empty'; readonly count: number }
  | { readonly reason: 'limit'; readonly limit: number };

export type StoreResult = { readonly ok: StoredDivision } | { readonly refused: StoreRefusal };

/**
 * The emulated org. Every change is synchronous, so two concurrent requests can
 * never both pass the uniqueness check: node runs one handler step at a time.
 */
export class OrgStore {
  readonly clients: readonly SeedClient[];
  readonly limits: SeedLimits;
  readonly #divisions = new Map<string, StoredDivision>();
  readonly #onChange: () => void;
  readonly #nameKey: (name: string) => string;
  readonly #collections = new Map<FamilyKey, EntityCollection>();
  #version = 0;
  /** The divisions as list() orders them; undefined after a change. */
  #sorted: StoredDivision[] | undefined;

  constructor(seed: Seed, onChange: () => void = () => undefined) {
    this.clients = seed.clients;
    this.limits = seed.limits;
    this.#onChange = onChange;
    this.#nameKey = createNameKey(seed.limits.nameCompare);
    for (const family of families) {
      const rules = {
        nameKey: this.#nameKey,
        softDelete: family.softDelete,
        builtIn: family.builtIn,
        uniqueKey: resolveUniqueKey(family, this.#nameKey, seed.limits.namesPerParent),
        // A deleted user's email always blocks; for the rest it is the org's switch.
        deletedNamesBlock: family.deletedKeysBlock ?? seed.limits.deletedNamesBlock,
      };
      this.#collections.set(family.key, new EntityCollection([], rules, () => this.#changed()));
    }
    this.restore(seed);
  }

  /** The objects of one family beyond divisions (queues, skills, ...). */
  collection(family: EmulatedFamily | FamilyKey): EntityCollection {
    const key = typeof family === 'string' ? family : family.key;
    const collection = this.#collections.get(key);
    if (collection === undefined) throw new Error(`no collection ${key}`);
    return collection;
  }

  /** Counts changes: a request changed the org when it moved. */
  get version(): number {
    return this.#version;
  }

  /** Puts the divisions back as `seed` has them (a rollback to what is on disk); not a change. */
  restore(seed: Pick<Seed, 'divisions'> & SeedEntities): void {
    for (const [key, collection] of this.#collections) collection.restore(seed[key] ?? []);
    this.#divisions.clear();
    this.#sorted = undefined;
    for (const d of seed.divisions) {
      this.#divisions.set(d.id, { ...d, objectCounts: { ...d.objectCounts } });
    }
  }

  /**
   * All divisions in a stable order: home first, then by name, then id. The
   * order is kept until the next change: each page of a listing reads it.
   */
  list(): StoredDivision[] {
    this.#sorted ??= [...this.#divisions.values()].sort(
      (a, b) =>
        Number(b.home) - Number(a.home) ||
        (byName ??= new Intl.Collator('en')).compare(a.name, b.name) ||
        a.id.localeCompare(b.id),
    );
    return [...this.#sorted];
  }

  get(id: string): StoredDivision | undefined {
    return this.#divisions.get(id.toLowerCase());
  }

  home(): StoredDivision {
    const home = this.list()[0];
    if (home === undefined || !home.home) throw new Error('the org has no home division');
    return home;
  }

  create(name: string, description: string | null): StoreResult {
    const holder = this.#holderOf(name);
    if (holder !== undefined) return { refused: { reason: 'duplicate', holder } };
    if (this.#divisions.size >= this.limits.maxDivisions) {
      return { refused: { reason: 'limit', limit: this.limits.maxDivisions } };
    }
    const division: StoredDivision = {
      id: randomUUID(),
      name,
      description,
      home: false,
      objectCounts: {},
    };
    this.#divisions.set(division.id, division);
    this.#changed();
    return { ok: division };
  }

  update(id: string, name: string, description: string | null): StoreResult {
    const division = this.get(id);
    if (division === undefined) return { refused: { reason: 'not-found' } };
    const holder = this.#holderOf(name);
    if (holder !== undefined && holder.id !== division.id) {
      return { refused: { reason: 'duplicate', holder } };
    }
    division.name = name;
    division.description = description;
    this.#changed();
    return { ok: division };
  }

  delete(id: string): StoreResult {
    const division = this.get(id);
    if (division === undefined) return { refused: { reason: 'not-found' } };
    if (division.home) return { refused: { reason: 'home' } };
    const count =
      Object.values(division.objectCounts).reduce((a, b) => a + b, 0) +
      this.#entitiesIn(division.id);
    if (count > 0) return { refused: { reason: 'not-empty', count } };
    this.#divisions.delete(division.id);
    this.#changed();
    return { ok: division };
  }

  /** Test hook: pretend a division holds `count` objects of `type`. */
  setObjectCount(id: string, type: string, count: number): void {
    const division = this.get(id);
    if (division === undefined) throw new Error(`no division ${id}`);
    division.objectCounts[type] = count;
    this.#changed();
  }

  /** The org as a seed, for persistence. */
  toSeed(): {
    divisions: SeedDivision[];
    clients: readonly SeedClient[];
    limits: SeedLimits;
  } & SeedEntities {
    const entities: Partial<Record<FamilyKey, StoredEntity[]>> = {};
    for (const [key, collection] of this.#collections) entities[key] = collection.toSeed();
    return {
      divisions: this.list().map((d) => ({ ...d, objectCounts: { ...d.objectCounts } })),
      ...entities,
      clients: this.clients,
      limits: this.limits,
    };
  }

  // Queues, wrap-up codes and skills live in a division, which cannot go while they do.
  #entitiesIn(id: string): number {
    let count = 0;
    for (const collection of this.#collections.values())
      for (const row of collection.list())
        if (row.state !== 'deleted' && (row.division as { id?: string } | undefined)?.id === id)
          count += 1;
    return count;
  }

  #changed(): void {
    this.#version += 1;
    this.#sorted = undefined;
    this.#onChange();
  }

  // The real comparison is unverified (genesys-api.md): the seed's nameCompare picks it.
  #holderOf(name: string): StoredDivision | undefined {
    const key = this.#nameKey(name);
    for (const d of this.#divisions.values()) if (this.#nameKey(d.name) === key) return d;
    return undefined;
  }
}

/** How division names sort (`localeCompare(b, 'en')`), made on first use. */
let byName: Intl.Collator | undefined;
