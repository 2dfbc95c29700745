import { importIdOf, sameScope, type Kind } from '../kinds/kind.js';
import {
  isUnknown,
  type AttributeValue,
  type DesiredResource,
  type LiveObject,
  type ManagedResource,
  type SourceLocation,
} from '../model.js';
import { findDuplicates, findSharedTargets } from './duplicates.js';
import { findOrphanImports } from './imports.js';
import { createNameKeys, type NameKeys } from './names.js';
import { liveRef } from './live-ref.js';
import {
  findingKinds,
  severityOf,
  type CheckResult,
  type FailOn,
  type Finding,
  type FindingKind,
  type NameMatch,
} from './types.js';

/** What the engine compares. */
export interface CheckInput {
  /** What the configuration wants (plan resource changes, or evaluated HCL). */
  readonly desired: readonly DesiredResource[];
  /** What state manages. */
  readonly managed: readonly ManagedResource[];
  /** Live objects by Terraform type: one listing per kind. */
  readonly live: ReadonlyMap<string, readonly LiveObject[]>;
  /** The kinds to check, by Terraform type. */
  readonly kinds: ReadonlyMap<string, Kind>;
  /** Also report `ok` findings. @default false */
  readonly includeOk?: boolean | undefined;
  /** Which severities make the result blocking. @default 'error' */
  readonly failOn?: FailOn | undefined;
  /**
   * How the org compares names. `normalized`: names that differ only by case or
   * surrounding spaces collide (the conservative default: the platform's rule is
   * unverified). `exact`: only identical names collide (after Unicode NFC, as
   * Terraform sends them); a case/space-only match is then a warning.
   * @default 'normalized'
   */
  readonly names?: NameMatch | undefined;
  /**
   * The configuration's own `import` blocks (root module). Each is checked:
   * its target must be a resource instance of the configuration.
   * @default []
   */
  readonly imports?: readonly ImportBlock[] | undefined;
}

/** An `import` block of the configuration, with a known target address. */
export interface ImportBlock {
  readonly to: string;
  readonly id: AttributeValue;
  readonly source?: SourceLocation | undefined;
}

/** Draft findings carry everything but the severity, which the kind decides. */
export type Draft = Omit<Finding, 'severity'>;

/**
 * Compares desired, managed and live objects and returns every finding,
 * sorted by address then kind. Pure and deterministic: the same inputs in any
 * order give byte-identical results.
 */
export function runCheck(input: CheckInput): CheckResult {
  const drafts: Draft[] = [];
  let checked = 0;
  for (const [type, kind] of input.kinds) {
    const live = [...(input.live.get(type) ?? [])].sort((a, b) => compare(a.id, b.id));
    const desired = input.desired
      .filter((d) => d.type === type)
      .sort((a, b) => compare(a.address, b.address));
    const managed = input.managed
      .filter((m) => m.type === type)
      .sort((a, b) => compare(a.address, b.address));
    checked += desired.length;
    const keys = createNameKeys(kind, input.names ?? 'normalized');
    drafts.push(
      ...checkKind({ kind, keys, includeOk: input.includeOk === true }, desired, managed, live),
    );
  }
  drafts.push(...findOrphanImports(input.imports ?? [], input.desired, input.kinds));
  const findings = drafts
    .map((d) => ({ ...d, severity: severityOf[d.kind] }))
    .sort(byAddressThenKind);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const blocking = input.failOn === 'warning' ? errors + warnings : errors;
  return { version: 1, summary: { blocking, errors, warnings, checked }, findings };
}

/** 0 when nothing blocks, 2 otherwise (terraform plan -detailed-exitcode style). */
export function exitCodeFor(result: CheckResult): 0 | 2 {
  return result.summary.blocking > 0 ? 2 : 0;
}

function checkKind(
  how: { readonly kind: Kind; readonly keys: NameKeys; readonly includeOk: boolean },
  desired: readonly DesiredResource[],
  managed: readonly ManagedResource[],
  listed: readonly LiveObject[],
): Draft[] {
  const { kind, keys, includeOk } = how;
  // Deleted rows the API still lists: whether their names still block a create
  // is unverified, unless the kind says they do (users). They only ever warn.
  const gone = kind.deletedHoldKey === true ? [] : listed.filter((l) => l.deleted === true);
  const live = gone.length === 0 ? listed : listed.filter((l) => l.deleted !== true);
  const deletedByKey = byLooseKey(kind, keys, gone);
  // By object id and by import id (`site:route`): state and import blocks hold the latter.
  const liveById = new Map(
    live.flatMap((l) => [l.id, importIdOf(kind, l)].map((id) => [id.toLowerCase(), l] as const)),
  );
  const managedByAddress = new Map(managed.map((m) => [m.address, m]));
  const owners = new Map<string, string>();
  for (const m of managed) {
    const owned = liveById.get(m.id.toLowerCase());
    if (owned !== undefined) owners.set(owned.id.toLowerCase(), m.address);
  }
  // Built only when state holds an object the org no longer has (its finding names the block).
  let desiredByAddress: Map<string, DesiredResource> | undefined;
  // Live objects by the loose name key, once: each create looks its name up.
  const liveByKey = byLooseKey(kind, keys, live);
  const duplicates = findDuplicates(kind, desired, keys.match);
  const drafts: Draft[] = [...duplicates];
  const stale = new Set<string>();
  for (const m of managed) {
    if (m.id !== '' && !liveById.has(m.id.toLowerCase())) {
      stale.add(m.address);
      drafts.push({
        kind: 'stale-state',
        type: kind.tfType,
        address: m.address,
        name: typeof m.attributes.name === 'string' ? m.attributes.name : undefined,
        source: (desiredByAddress ??= new Map(desired.map((d) => [d.address, d]))).get(m.address)
          ?.source,
        message: `state holds ${kind.noun} ${m.id}, which the org no longer has: the next apply will create it again (run terraform apply -refresh-only, or terraform state rm)`,
      });
    }
  }
  const scope = {
    kind,
    keys,
    live,
    liveById,
    liveByKey,
    deletedByKey,
    managedByAddress,
    owners,
    stale,
    includeOk,
  };
  const targets = new Map<string, LiveObject>();
  for (const d of desired) {
    const found = checkOne(scope, d);
    drafts.push(...found.drafts);
    if (found.target !== undefined) targets.set(d.address, found.target);
  }
  drafts.push(...findSharedTargets(kind, desired, targets, duplicates));
  return drafts;
}

/** A resource's findings, and the live object it ends up managing when that is known. */
interface Outcome {
  readonly drafts: Draft[];
  readonly target?: LiveObject | undefined;
}

interface Scope {
  readonly kind: Kind;
  readonly keys: NameKeys;
  readonly live: readonly LiveObject[];
  readonly liveById: ReadonlyMap<string, LiveObject>;
  readonly liveByKey: ReadonlyMap<string, readonly LiveObject[]>;
  /** Deleted rows still listed, by the loose name key (none for kinds whose deleted rows hold their key). */
  readonly deletedByKey: ReadonlyMap<string, readonly LiveObject[]>;
  readonly managedByAddress: ReadonlyMap<string, ManagedResource>;
  /** live id -> the address that manages it */
  readonly owners: ReadonlyMap<string, string>;
  readonly stale: ReadonlySet<string>;
  readonly includeOk: boolean;
}

function checkOne(scope: Scope, d: DesiredResource): Outcome {
  const { kind } = scope;
  if (d.action === 'delete' || d.action === 'read') return { drafts: [] };
  const base = { type: kind.tfType, address: d.address, source: d.source };
  const name = kind.desiredName(d.attributes);
  if (d.importId !== undefined)
    return checkImport(scope, d, typeof name === 'string' ? name : undefined);
  const adopted = kind.adopts?.(d.attributes, scope.live);
  if (adopted !== undefined) {
    const what = `adopts the ${kind.noun} "${adopted.name}" (${adopted.id})`;
    return { drafts: driftOrOk(scope, d, adopted, what), target: adopted };
  }
  const own = scope.managedByAddress.get(d.address);
  const creates =
    d.action === 'create' ||
    d.action === 'replace' ||
    (own !== undefined && scope.stale.has(d.address));
  if (isUnknown(name)) {
    const message = `the ${kind.noun} name is not known before apply: ${name.unknown}; gcadopt cannot check it`;
    return {
      drafts: creates || d.action === 'update' ? [{ ...base, kind: 'unknown', message }] : [],
    };
  }
  if (typeof name !== 'string') return { drafts: [] };
  // State may hold the import id (`site:route`): the create is compared with the object's id.
  const ownId = own === undefined ? undefined : scope.liveById.get(own.id.toLowerCase())?.id;
  if (creates) return checkCreate(scope, d, name, ownId ?? own?.id);
  if (own === undefined) return { drafts: [] };
  const current = scope.liveById.get(own.id.toLowerCase());
  if (current === undefined) return { drafts: [] };
  const space = kind.namespace?.(d.attributes);
  const clash = sameName(scope, name, space).filter((l) => l.id !== current.id);
  const currentKey = scope.keys.match(current.name, kind.namespace?.(current.attributes));
  if (clash.length > 0 && currentKey !== scope.keys.match(name, space)) {
    const other = clash[0] as LiveObject;
    const renaming = `renaming ${kind.noun} "${current.name}" to "${name}"`;
    const draft = { ...base, name, live: liveRef(other) };
    return {
      drafts: [
        kind.takeover === undefined
          ? {
              ...draft,
              kind: 'rename-conflict',
              message: `${renaming} would fail: ${kind.noun} ${other.id} is already named "${other.name}"`,
            }
          : {
              ...draft,
              kind: 'takeover',
              message: `${renaming} makes the apply take over ${kind.noun} "${other.name}" (${other.id}): ${kind.takeover(other)}; ${current.id} stays in the org`,
            },
      ],
      target: current,
    };
  }
  const what = `manages ${kind.noun} "${current.name}" (${current.id})`;
  return { drafts: driftOrOk(scope, d, current, what), target: current };
}

/** Objects by the loose name key (within the kind's namespace). */
function byLooseKey(
  kind: Kind,
  keys: NameKeys,
  objects: readonly LiveObject[],
): Map<string, LiveObject[]> {
  const byKey = new Map<string, LiveObject[]>();
  for (const l of objects) {
    const key = keys.loose(l.name, kind.namespace?.(l.attributes));
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [l]);
    else same.push(l);
  }
  return byKey;
}

/** Live objects whose name collides with `name` (within `space`) under the scope's name rule. */
function sameName(
  scope: Scope,
  name: string,
  space: string | undefined,
  among: ReadonlyMap<string, readonly LiveObject[]> = scope.liveByKey,
): LiveObject[] {
  const loose = among.get(scope.keys.loose(name, space)) ?? [];
  const key = scope.keys.match(name, space);
  return loose.filter((l) => scope.keys.match(l.name, space) === key);
}

function checkCreate(
  scope: Scope,
  d: DesiredResource,
  name: string,
  ownId: string | undefined,
): Outcome {
  const { kind } = scope;
  // Most creates meet no live or deleted object of their loose key: nothing to report.
  const key = scope.keys.loose(name, kind.namespace?.(d.attributes));
  if (!scope.liveByKey.has(key) && !scope.deletedByKey.has(key))
    return { drafts: scope.includeOk ? noMatch(scope, d, name, ownId) : [] };
  const base = { type: kind.tfType, address: d.address, name, source: d.source };
  const named = sameName(scope, name, kind.namespace?.(d.attributes)).filter((l) => l.id !== ownId);
  const elsewhere = named.filter((l) => sameScope(kind, d.attributes, l) === false);
  const matches = named.filter((l) => !elsewhere.includes(l));
  const other = elsewhere[0];
  if (matches.length === 0 && other !== undefined && kind.nameScope?.rule === 'unverified') {
    const message = `${kind.noun} "${other.name}" (${other.id}) has this name elsewhere in the org; whether the name must be unique there is unverified: the create may fail with 409`;
    return { drafts: [{ ...base, kind: 'elsewhere', live: liveRef(other), message }] };
  }
  if (matches.length === 0) {
    const space = kind.namespace?.(d.attributes);
    const deleted = sameName(scope, name, space, scope.deletedByKey).find(
      (l) => sameScope(kind, d.attributes, l) !== false,
    );
    if (deleted !== undefined) {
      const message = `a deleted ${kind.noun} "${deleted.name}" (${deleted.id}) still has this name; whether a deleted ${kind.noun}'s name blocks a create is unverified: if the apply fails with 409, the name stays taken until the API purges it`;
      return { drafts: [{ ...base, kind: 'deleted-name', live: liveRef(deleted), message }] };
    }
    return { drafts: noMatch(scope, d, name, ownId) };
  }
  if (matches.length > 1) {
    const list = matches.map((m) => `"${m.name}" (${m.id})`).join(', ');
    return {
      drafts: [
        {
          ...base,
          kind: 'ambiguous',
          candidates: matches.map(liveRef),
          message: `${matches.length} live ${kind.plural} match "${name}": ${list}; gcadopt will not guess which to import`,
        },
      ],
    };
  }
  const match = matches[0] as LiveObject;
  const rule = kind.collision?.(d.attributes, match);
  // A create the provider turns into an adoption is a conflict that does not fail.
  const adopts = rule?.kind === 'adopts' ? rule : undefined;
  if (rule !== undefined && adopts === undefined) {
    const draft = { ...base, kind: rule.kind, live: liveRef(match), message: rule.message };
    return { drafts: [{ ...draft, fix: rule.fix }], target: match };
  }
  const owner = scope.owners.get(match.id.toLowerCase());
  const what = `${kind.noun} "${match.name}" (${match.id})`;
  if (owner !== undefined && owner !== d.address) {
    return {
      drafts: [
        {
          ...base,
          kind: kind.takeover === undefined ? 'conflict' : 'takeover',
          live: liveRef(match),
          related: [owner],
          message:
            kind.takeover === undefined
              ? `${what} already exists and is managed by ${owner}: the create would fail with 409`
              : `${what} is managed by ${owner}: ${kind.takeover(match)}, and two resources would manage it`,
        },
      ],
    };
  }
  const conflict: Draft = {
    ...base,
    kind: adopts?.kind ?? (kind.takeover === undefined ? 'conflict' : 'takeover'),
    live: liveRef(match),
    fix: { import: { to: d.address, id: importIdOf(kind, match) } },
    message: adopts?.message ?? describeCollision(kind, match, name),
  };
  return {
    drafts: [conflict, ...driftOrOk({ ...scope, includeOk: false }, d, match, 'import')],
    target: match,
  };
}

/**
 * A create no live object blocks. Under exact names, a live object whose name
 * differs only by case or spaces is still worth a warning: the org then ends
 * up with two objects a person cannot tell apart.
 */
function noMatch(
  scope: Scope,
  d: DesiredResource,
  name: string,
  ownId: string | undefined,
): Draft[] {
  const { kind } = scope;
  const base = { type: kind.tfType, address: d.address, name, source: d.source };
  const space = kind.namespace?.(d.attributes);
  const near = (scope.liveByKey.get(scope.keys.loose(name, space)) ?? []).filter(
    (l) => l.id !== ownId && sameScope(kind, d.attributes, l) !== false,
  );
  const first = near[0];
  if (first !== undefined) {
    return [
      {
        ...base,
        kind: 'case-conflict',
        live: liveRef(first),
        fix: { import: { to: d.address, id: importIdOf(kind, first) } },
        message: `${kind.noun} "${first.name}" (${first.id}) differs from "${name}" only by case or spaces; with --exact-names the create goes ahead and the org gets two ${kind.plural} named alike (gcadopt import --include-case adopts it instead)`,
      },
    ];
  }
  if (!scope.includeOk) return [];
  const message = `no ${kind.noun} named "${name}" exists: the create is safe`;
  return [{ ...base, kind: 'ok', message }];
}

/** Why a create of `name` collides with the unmanaged `match`, and what to do. */
function describeCollision(kind: Kind, match: LiveObject, name: string): string {
  const exact = match.name === name.normalize('NFC');
  if (kind.takeover !== undefined) {
    const how = exact ? '' : ` differs from "${name}" only by case, spaces or Unicode form, but`;
    return `${kind.noun} "${match.name}" (${match.id})${how} exists and no address manages it: ${kind.takeover(match)}; import it to adopt it knowingly`;
  }
  return exact
    ? `${kind.noun} "${name}" already exists (${match.id}): terraform apply would fail with 409; import it instead`
    : `${kind.noun} "${match.name}" (${match.id}) differs from "${name}" only by case, spaces or Unicode form: the create would fail with 409 (names are compared loosely unless --exact-names); import it, and apply renames it`;
}

function checkImport(scope: Scope, d: DesiredResource, name: string | undefined): Outcome {
  const { kind } = scope;
  const id = d.importId ?? '';
  const base = { type: kind.tfType, address: d.address, name, source: d.source };
  const target = scope.liveById.get(id.toLowerCase());
  if (target === undefined) {
    return {
      drafts: [
        {
          ...base,
          kind: 'import-missing',
          message: `the import of ${kind.noun} ${id} would fail: the org has no such ${kind.noun} ("Cannot import non-existent remote object")`,
        },
      ],
    };
  }
  const rule = kind.collision?.(d.attributes, target);
  if (rule !== undefined && rule.kind !== 'adopts') {
    const draft = { ...base, kind: rule.kind, live: liveRef(target), message: rule.message };
    return { drafts: [{ ...draft, fix: rule.fix }], target };
  }
  const what = `imports ${kind.noun} "${target.name}" (${target.id})`;
  return { drafts: driftOrOk(scope, d, target, what), target };
}

function driftOrOk(scope: Scope, d: DesiredResource, live: LiveObject, what: string): Draft[] {
  const { kind } = scope;
  const base = {
    type: kind.tfType,
    address: d.address,
    name: live.name,
    source: d.source,
    live: liveRef(live),
  };
  const changes = kind.compare(d.attributes, live);
  if (changes.length > 0) {
    const list = changes
      .map((c) => `${c.attribute} ${JSON.stringify(c.live)} -> ${JSON.stringify(c.desired)}`)
      .join(', ');
    return [
      {
        ...base,
        kind: 'drift',
        changes,
        message: `${what === 'import' ? `after the import, apply will change ${kind.noun} ${live.id}` : `${what}; apply will change it`}: ${list}`,
      },
    ];
  }
  return scope.includeOk ? [{ ...base, kind: 'ok', message: `${what}: no changes` }] : [];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const kindOrder = new Map<FindingKind, number>(findingKinds.map((k, i) => [k, i]));

function byAddressThenKind(a: Finding, b: Finding): number {
  return (
    compare(a.address, b.address) ||
    (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
    compare(a.message, b.message)
  );
}
