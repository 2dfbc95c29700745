import type { EntityFamily, GenesysClient } from '../genesys/client.js';
import type { AttributeValue, Attributes, LiveObject } from '../model.js';
import type { AttributeChange, Fix } from '../preflight/types.js';

/** What a listing is for. */
export interface ListOptions {
  readonly signal?: AbortSignal | undefined;
  /** The names (keys) the configuration asks for; absent: every object is wanted. */
  readonly names?: readonly string[] | undefined;
  /** The ids state and import blocks refer to (only read with `names`). @default [] */
  readonly ids?: readonly string[] | undefined;
}

/** What a kind says about a planned create that meets a live object of its name. */
export interface CollisionRule {
  readonly kind: 'home' | 'built-in' | 'restores' | 'adopts';
  readonly message: string;
  readonly fix?: Fix | undefined;
}

/**
 * One Terraform resource type gcadopt understands. Everything type-specific
 * lives behind this interface so the engine stays generic: adding skills,
 * queues or wrap-up codes is one new file implementing it.
 */
export interface Kind {
  /** Terraform resource type, e.g. `genesyscloud_auth_division`. */
  readonly tfType: string;
  /** One object, in messages: `division`. */
  readonly noun: string;
  /** Several: `divisions`. */
  readonly plural: string;
  /** The API family its objects are listed from (path, noun, paging). */
  readonly family: EntityFamily;
  /**
   * The live objects of this kind a check needs: every one, or, when `names`
   * is given and looking them up costs fewer requests than the listing, the
   * objects holding those names and those ids (and deleted objects that still
   * hold a name).
   */
  list(client: GenesysClient, options: ListOptions): Promise<LiveObject[]>;
  /**
   * Set when a check's listing depends on the names and ids it is given (a
   * lookup may replace it). Without it the listing is the same whatever the
   * configuration names, so a check starts it as soon as its scan meets the
   * kind, while the rest of the scan goes on.
   */
  readonly looksUp?: boolean | undefined;
  /** The name a resource's attributes ask for (may be unknown). */
  desiredName(attributes: Attributes): AttributeValue | undefined;
  /** How the API compares names: two names with the same key collide. */
  matchKey(name: string): string;
  /** What import + apply (or the next apply) would change on `live` to match `desired`. */
  compare(desired: Attributes, live: LiveObject): AttributeChange[];
  /** Attributes of a resource block that manages `live` as it is (for `generate`). */
  toConfig(live: LiveObject): Record<string, string | boolean | null | readonly string[]>;
  /**
   * A live object that a create adopts rather than POSTs (the provider's
   * `home = true` adopts the home division), if the attributes ask for one.
   */
  adopts?(desired: Attributes, live: readonly LiveObject[]): LiveObject | undefined;
  /** A special rule when a create collides with `live` (the home division must never be imported). */
  collision?(desired: Attributes, live: LiveObject): CollisionRule | undefined;
  /**
   * The id `terraform import` takes for `live`, when it is not the object id
   * (outbound routes: `<siteId>:<routeId>`). State holds the same id.
   */
  importId?(live: LiveObject): string;
  /** Where names are unique, when that is not the whole org (see {@link NameScope}). */
  readonly nameScope?: NameScope | undefined;
  /**
   * The name generate labels `live` by, as the provider's exporter does
   * (nested locations: `<parent>_<name>`). @default the object's name
   */
  labelName?(live: LiveObject, all: readonly LiveObject[]): string;
  /** Deleted objects still hold their key (users' emails): they collide like live ones. */
  readonly deletedHoldKey?: boolean | undefined;
  /** Attributes that say two resources claim the same singleton (two `home = true` divisions). */
  singleton?(desired: Attributes): string | undefined;
  /**
   * What a name is unique within, read from desired or live attributes (a
   * flow's `type`): names collide only inside one. @default one for the kind
   */
  namespace?(attributes: Attributes): string | undefined;
  /**
   * Set when a create that meets a live object of its key takes that object
   * over instead of failing (a flow's Architect job resolves the flow by name
   * and type and republishes it): what the apply would do to `live`.
   */
  takeover?(live: LiveObject): string;
  /**
   * What the provider reads from files the attributes name (a flow's YAML,
   * after `substitutions`), relative to `root`, the folder Terraform runs in:
   * the attributes the engine then compares. A file it cannot read makes the
   * values unknown, with the reason; it never throws for one.
   */
  readFiles?(attributes: Attributes, root: string): Promise<Attributes>;
  /** Why `generate` writes no blocks of this kind (a flow needs its YAML file). @default it does */
  readonly noGenerate?: string | undefined;
}

/**
 * Where a kind's names are unique: within one site (outbound routes:
 * `per-scope`, a name in another site is no concern), or perhaps within one
 * parent (locations: `unverified`, a name elsewhere is a warning).
 */
export interface NameScope {
  readonly rule: 'per-scope' | 'unverified';
  /** The scope a resource asks for (its site id); undefined while unknown. */
  desired(attributes: Attributes): string | undefined;
  /** The scope of a live object. */
  live(live: LiveObject): string;
}

/** Whether `desired` and `live` are in one scope of names; undefined while not known. */
export function sameScope(kind: Kind, desired: Attributes, live: LiveObject): boolean | undefined {
  if (kind.nameScope === undefined) return true;
  const scope = kind.nameScope.desired(desired);
  return scope === undefined ? undefined : scope === kind.nameScope.live(live);
}

/** The id `terraform import` and state use for `live`. */
export function importIdOf(kind: Kind, live: LiveObject): string {
  return kind.importId?.(live) ?? live.id;
}
