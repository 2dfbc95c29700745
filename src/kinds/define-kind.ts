import type { EntityFamily, Entity } from '../genesys/resources/entities.js';
import { isUnknown, type AttributeValue, type Attributes, type LiveObject } from '../model.js';
import type { AttributeChange } from '../preflight/types.js';
import { sanitizeLabel } from '../terraform/labels.js';
import type { CollisionRule, Kind } from './kind.js';
import { readObjects, type FilterLookup, type SearchLookup } from './read-objects.js';

type Scalar = string | number | boolean | null;

/** One attribute the provider manages, read from the API object. */
export interface AttributeRule {
  /** The live value in Terraform's terms (e.g. `division_id` from `division.id`). */
  readonly read: (entity: Entity) => Scalar;
  /**
   * What the provider sends when the configuration leaves the attribute unset
   * (a description becomes ""). Absent: an unset attribute is computed by the
   * API and never drifts.
   */
  readonly unset?: Scalar | undefined;
  /** `""` and `null` are the same value (the provider reads "" back as unset). @default false */
  readonly emptyIsNull?: boolean | undefined;
  /**
   * A list of ids (a location's `path`): `read` gives them joined by `,`, the
   * configuration's list is compared joined, and generate writes a list.
   * @default false
   */
  readonly list?: boolean | undefined;
  /** Shown in findings only: neither compared nor written (an outbound route's site name). @default false */
  readonly readOnly?: boolean | undefined;
}

/**
 * A built-in object of every org (the home division, default roles) and the
 * resource switch that makes the provider adopt it instead of POSTing.
 */
export interface BuiltInRule {
  /** The switch attribute: `home`, `default_role_id`. */
  readonly attribute: string;
  /** The switch value that adopts `entity`, or undefined when it is not built in. */
  readonly value: (entity: Entity) => string | true | undefined;
  /** The live attribute of an object that is not built in. @default null */
  readonly none?: false | null | undefined;
  /** The finding kind a plain create or import of it gets. */
  readonly finding: CollisionRule['kind'];
  /** Why, in a finding: `"Home" is the org's home division`. */
  readonly describe: (live: LiveObject) => string;
}

/** A Terraform resource type, declared. */
export interface KindSpec {
  readonly tfType: string;
  /** The API family the objects are listed from; its noun and plural name the kind. */
  readonly family: EntityFamily;
  /**
   * The attribute (and API field of the same name) two objects may not share:
   * users' `email`. Findings and generated labels name objects by it.
   * @default 'name'
   */
  readonly key?: string | undefined;
  /** Look up the configuration's names instead of listing, when that is cheaper. @default full listings */
  readonly lookup?: SearchLookup | FilterLookup | undefined;
  /** Query of every listing (users: `state=any`). @default none */
  readonly listQuery?: Readonly<Record<string, string>> | undefined;
  /**
   * Deleted objects still hold their key, and the provider restores one
   * instead of creating (not with `builtIn`). @default false
   */
  readonly deletedHoldKey?: boolean | undefined;
  /** Attributes the provider manages besides `name`, compared for drift and written by generate. */
  readonly attributes?: Readonly<Record<string, AttributeRule>> | undefined;
  readonly builtIn?: BuiltInRule | undefined;
  /**
   * Objects built into every org that the provider never manages as resources
   * (the "Default PCV Location", managed sites): a configuration refers to one
   * with a `data` block by name, and generate writes that block.
   */
  readonly dataSource?: ((entity: Entity) => boolean) | undefined;
  /** The key of an object, when it is not the API field of the key's name (email domains). */
  readonly keyOf?: ((entity: Entity) => string | undefined) | undefined;
  /** See {@link Kind.importId}. @default the object id */
  readonly importId?: ((live: LiveObject) => string) | undefined;
  /** See {@link Kind.labelName}. @default the object's name */
  readonly labelName?: Kind['labelName'] | undefined;
  /** See {@link Kind.nameScope}. @default names are unique in the org */
  readonly nameScope?: Kind['nameScope'];
  /** See {@link Kind.adopts}, for a kind without a built-in switch. */
  readonly adopts?: Kind['adopts'];
  /** The name a resource asks for, when not its key attribute (unknown while its site is). */
  readonly desiredName?: Kind['desiredName'] | undefined;
  /** A rule of the kind's own for a create that meets a live object of its key. */
  readonly collision?:
    ((desired: Attributes, live: LiveObject) => CollisionRule | undefined) | undefined;
  /** Objects listed another way than one family's listing (outbound routes: per site). */
  readonly list?: Kind['list'] | undefined;
}

const scalar = (v: AttributeValue | undefined): v is Scalar =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** How names collide unless told otherwise: by case and surrounding spaces. */
const looseName = (name: string): string => name.trim().toLowerCase();

/** Builds a kind from its declaration: listing, drift, generate and built-in rules are shared. */
export function defineKind(spec: KindSpec): Kind {
  const key = spec.key ?? 'name';
  const rules = Object.entries(spec.attributes ?? {});
  const builtIn = spec.builtIn;
  const switchOf = (desired: Attributes): AttributeValue | undefined => {
    if (builtIn === undefined) return undefined;
    const value = desired[builtIn.attribute];
    return value === false || value === null ? undefined : value;
  };
  const liveSwitch = (live: LiveObject): Scalar | undefined =>
    builtIn === undefined ? undefined : live.attributes[builtIn.attribute];
  return {
    tfType: spec.tfType,
    ...(spec.deletedHoldKey === true ? { deletedHoldKey: true } : {}),
    // A listing of its own may read the names too: it is treated as a lookup.
    ...(spec.lookup !== undefined || spec.list !== undefined ? { looksUp: true } : {}),
    noun: spec.family.noun,
    plural: spec.family.plural,
    family: spec.family,

    async list(client, options) {
      if (spec.list !== undefined) return spec.list(client, options);
      const entities = await readObjects(spec, client, options);
      return entities.flatMap((e) => toLive(spec, e));
    },

    desiredName: spec.desiredName ?? ((attributes) => attributes[key]),
    matchKey: looseName,

    compare(desired, live) {
      const changes: AttributeChange[] = [];
      // Terraform sends a configuration's strings in Unicode NFC.
      const wanted = desired[key];
      const name = typeof wanted === 'string' ? wanted.normalize('NFC') : undefined;
      if (name !== undefined && name !== live.name)
        changes.push({ attribute: key, live: live.name, desired: name });
      for (const [attribute, rule] of rules) {
        if (rule.readOnly === true) continue;
        const change = compareAttribute(attribute, rule, desired[attribute], live);
        if (change !== undefined) changes.push(change);
      }
      return changes;
    },

    toConfig(live) {
      const config: Record<string, string | boolean | null | string[]> = { [key]: live.name };
      for (const [attribute, rule] of rules) {
        const value = rule.readOnly === true ? null : live.attributes[attribute];
        if (value !== null && value !== undefined && value !== '')
          config[attribute] =
            rule.list === true
              ? String(value).split(',')
              : typeof value === 'boolean'
                ? value
                : String(value);
      }
      const value = liveSwitch(live);
      if (builtIn !== undefined && value !== undefined && value !== null && value !== false)
        config[builtIn.attribute] = typeof value === 'boolean' ? value : String(value);
      return config;
    },

    ...(spec.importId === undefined ? {} : { importId: spec.importId }),
    ...(spec.nameScope === undefined ? {} : { nameScope: spec.nameScope }),
    ...(spec.adopts === undefined ? {} : { adopts: spec.adopts }),
    ...(spec.labelName === undefined ? {} : { labelName: spec.labelName }),
    ...collisionOf(spec),
    ...(builtIn === undefined
      ? {}
      : {
          adopts(desired: Attributes, live: readonly LiveObject[]) {
            const wanted = switchOf(desired);
            if (wanted === undefined || isUnknown(wanted)) return undefined;
            return live.find((l) => liveSwitch(l) === wanted);
          },
          singleton(desired: Attributes) {
            const wanted = switchOf(desired);
            return wanted === undefined || isUnknown(wanted)
              ? undefined
              : `${builtIn.attribute} = ${JSON.stringify(wanted)}`;
          },
        }),
  };
}

/** The kind's collision rules, first match wins: built-in switch, data block, restores, its own. */
function collisionOf(spec: KindSpec): Pick<Kind, 'collision'> {
  const rules = [
    spec.builtIn === undefined ? undefined : switchCollision(spec.builtIn),
    spec.dataSource === undefined ? undefined : dataCollision(spec),
    spec.deletedHoldKey !== true ? undefined : restoreCollision(spec),
    spec.collision,
  ].filter((r) => r !== undefined);
  if (rules.length === 0) return {};
  return {
    collision: (desired, live) => {
      for (const rule of rules) {
        const found = rule(desired, live);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

type Collision = (desired: Attributes, live: LiveObject) => CollisionRule | undefined;

function switchCollision(builtIn: BuiltInRule): Collision {
  return (desired, live) => {
    const value = live.attributes[builtIn.attribute];
    if (value === undefined || value === null || value === false) return undefined;
    const wanted = desired[builtIn.attribute];
    if (wanted === value) return undefined;
    const set = `${builtIn.attribute} = ${JSON.stringify(value)}`;
    return {
      kind: builtIn.finding,
      message: `${builtIn.describe(live)}: the provider can only manage it with ${set} (an import would be replaced on the next plan)`,
      fix: { set: { [builtIn.attribute]: value } },
    };
  };
}

function dataCollision(spec: KindSpec): Collision {
  return (_desired, live) =>
    live.builtIn !== true
      ? undefined
      : {
          kind: 'built-in',
          message: `${spec.family.noun} "${live.name}" (${live.id}) is built into the org: refer to it with a data "${spec.tfType}" block instead of creating or importing it`,
          fix: { data: { type: spec.tfType, label: sanitizeLabel(live.name), name: live.name } },
        };
}

function restoreCollision(spec: KindSpec): Collision {
  const key = spec.key ?? 'name';
  return (_desired, live) =>
    live.deleted !== true
      ? undefined
      : {
          kind: 'restores',
          message: `a deleted ${spec.family.noun} holds this ${key}; apply restores it (${live.id}) instead of creating one`,
        };
}

/** The object in Terraform's terms; none when it lacks its key. */
export function toLive(spec: KindSpec, entity: Entity): LiveObject[] {
  const key = spec.key ?? 'name';
  const name = spec.keyOf === undefined ? entity[key] : spec.keyOf(entity);
  if (typeof name !== 'string') return [];
  const attributes: Record<string, Scalar> = { [key]: name };
  for (const [attribute, rule] of Object.entries(spec.attributes ?? {}))
    attributes[attribute] = rule.read(entity);
  if (spec.builtIn !== undefined)
    attributes[spec.builtIn.attribute] = spec.builtIn.value(entity) ?? spec.builtIn.none ?? null;
  const deleted = entity.state?.toLowerCase() === 'deleted' ? { deleted: true } : {};
  const builtIn = spec.dataSource?.(entity) === true ? { builtIn: true } : {};
  return [{ id: entity.id, name, attributes, ...deleted, ...builtIn }];
}

function compareAttribute(
  attribute: string,
  rule: AttributeRule,
  wanted: AttributeValue | undefined,
  live: LiveObject,
): AttributeChange | undefined {
  if (isUnknown(wanted)) return undefined;
  if (rule.list === true && Array.isArray(wanted)) {
    const ids = joinIds(wanted);
    if (ids === undefined) return undefined;
    wanted = ids;
  }
  const value = wanted === undefined || wanted === null ? rule.unset : wanted;
  if (value === undefined || !scalar(value)) return undefined;
  const have = live.attributes[attribute] ?? null;
  const norm = (v: Scalar): Scalar => (rule.emptyIsNull === true && v === '' ? null : v);
  const desired = typeof value === 'string' ? value.normalize('NFC') : value;
  if (norm(desired) === norm(have)) return undefined;
  return { attribute, live: norm(have), desired: norm(desired) };
}

/** A configuration's list of ids joined by `,`; undefined while one is not a known string. */
export function joinIds(value: AttributeValue): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids: string[] = [];
  for (const id of value as readonly AttributeValue[]) {
    if (typeof id !== 'string') return undefined;
    ids.push(id);
  }
  return ids.join(',');
}
