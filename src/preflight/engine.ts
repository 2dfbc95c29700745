import type { Kind } from '../kinds/kind.js';
import {
  isUnknown,
  type DesiredResource,
  type LiveObject,
  type ManagedResource,
} from '../model.js';
import { findDuplicates } from './duplicates.js';
import { liveRef } from './live-ref.js';
import {
  findingKinds,
  severityOf,
  type CheckResult,
  type FailOn,
  type Finding,
  type FindingKind,
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
    drafts.push(...checkKind(kind, desired, managed, live, input.includeOk === true));
  }
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
  kind: Kind,
  desired: readonly DesiredResource[],
  managed: readonly ManagedResource[],
  live: readonly LiveObject[],
  includeOk: boolean,
): Draft[] {
  const liveById = new Map(live.map((l) => [l.id.toLowerCase(), l]));
  const managedByAddress = new Map(managed.map((m) => [m.address, m]));
  const owners = new Map<string, string>();
  for (const m of managed)
    if (liveById.has(m.id.toLowerCase())) owners.set(m.id.toLowerCase(), m.address);
  const desiredByAddress = new Map(desired.map((d) => [d.address, d]));
  // Live objects by the kind's name key, once: each create looks its name up.
  const liveByKey = new Map<string, LiveObject[]>();
  for (const l of live) {
    const key = kind.matchKey(l.name);
    liveByKey.set(key, [...(liveByKey.get(key) ?? []), l]);
  }
  const drafts: Draft[] = [...findDuplicates(kind, desired)];
  const stale = new Set<string>();
  for (const m of managed) {
    if (m.id !== '' && !liveById.has(m.id.toLowerCase())) {
      stale.add(m.address);
      drafts.push({
        kind: 'stale-state',
        type: kind.tfType,
        address: m.address,
        name: typeof m.attributes.name === 'string' ? m.attributes.name : undefined,
        source: desiredByAddress.get(m.address)?.source,
        message: `state holds ${kind.noun} ${m.id}, which the org no longer has: the next apply will create it again (run terraform apply -refresh-only, or terraform state rm)`,
      });
    }
  }
  const scope = { kind, live, liveById, liveByKey, managedByAddress, owners, stale, includeOk };
  for (const d of desired) drafts.push(...checkOne(scope, d));
  return drafts;
}

interface Scope {
  readonly kind: Kind;
  readonly live: readonly LiveObject[];
  readonly liveById: ReadonlyMap<string, LiveObject>;
  readonly liveByKey: ReadonlyMap<string, readonly LiveObject[]>;
  readonly managedByAddress: ReadonlyMap<string, ManagedResource>;
  /** live id -> the address that manages it */
  readonly owners: ReadonlyMap<string, string>;
  readonly stale: ReadonlySet<string>;
  readonly includeOk: boolean;
}

function checkOne(scope: Scope, d: DesiredResource): Draft[] {
  const { kind } = scope;
  if (d.action === 'delete' || d.action === 'read') return [];
  const base = { type: kind.tfType, address: d.address, source: d.source };
  const name = kind.desiredName(d.attributes);
  if (d.importId !== undefined)
    return checkImport(scope, d, typeof name === 'string' ? name : undefined);
  const adopted = kind.adopts?.(d.attributes, scope.live);
  if (adopted !== undefined)
    return driftOrOk(
      scope,
      d,
      adopted,
      `adopts the ${kind.noun} "${adopted.name}" (${adopted.id})`,
    );
  const own = scope.managedByAddress.get(d.address);
  const creates =
    d.action === 'create' ||
    d.action === 'replace' ||
    (own !== undefined && scope.stale.has(d.address));
  if (isUnknown(name)) {
    return creates || d.action === 'update'
      ? [
          {
            ...base,
            kind: 'unknown',
            message: `the ${kind.noun} name is not known before apply: ${name.unknown}; gcadopt cannot check it`,
          },
        ]
      : [];
  }
  if (typeof name !== 'string') return [];
  if (creates) return checkCreate(scope, d, name, own?.id);
  if (own === undefined) return [];
  const current = scope.liveById.get(own.id.toLowerCase());
  if (current === undefined) return [];
  const clash = (scope.liveByKey.get(kind.matchKey(name)) ?? []).filter((l) => l.id !== current.id);
  if (clash.length > 0 && kind.matchKey(current.name) !== kind.matchKey(name)) {
    const other = clash[0] as LiveObject;
    return [
      {
        ...base,
        kind: 'rename-conflict',
        name,
        live: liveRef(other),
        message: `renaming ${kind.noun} "${current.name}" to "${name}" would fail: ${kind.noun} ${other.id} is already named "${other.name}"`,
      },
    ];
  }
  return driftOrOk(scope, d, current, `manages ${kind.noun} "${current.name}" (${current.id})`);
}

function checkCreate(
  scope: Scope,
  d: DesiredResource,
  name: string,
  ownId: string | undefined,
): Draft[] {
  const { kind } = scope;
  const base = { type: kind.tfType, address: d.address, name, source: d.source };
  const key = kind.matchKey(name);
  const matches = (scope.liveByKey.get(key) ?? []).filter((l) => l.id !== ownId);
  if (matches.length === 0) {
    return scope.includeOk
      ? [
          {
            ...base,
            kind: 'ok',
            message: `no ${kind.noun} named "${name}" exists: the create is safe`,
          },
        ]
      : [];
  }
  if (matches.length > 1) {
    const list = matches.map((m) => `"${m.name}" (${m.id})`).join(', ');
    return [
      {
        ...base,
        kind: 'ambiguous',
        candidates: matches.map(liveRef),
        message: `${matches.length} live ${kind.plural} match "${name}": ${list}; gcadopt will not guess which to import`,
      },
    ];
  }
  const match = matches[0] as LiveObject;
  const rule = kind.collision?.(d.attributes, match);
  if (rule !== undefined)
    return [
      { ...base, kind: rule.kind, live: liveRef(match), message: rule.message, fix: rule.fix },
    ];
  const owner = scope.owners.get(match.id.toLowerCase());
  if (owner !== undefined && owner !== d.address) {
    return [
      {
        ...base,
        kind: 'conflict',
        live: liveRef(match),
        related: [owner],
        message: `${kind.noun} "${match.name}" (${match.id}) already exists and is managed by ${owner}: the create would fail with 409`,
      },
    ];
  }
  const fix = { import: { to: d.address, id: match.id } };
  if (match.name !== name) {
    return [
      {
        ...base,
        kind: 'case-conflict',
        live: liveRef(match),
        fix,
        message: `${kind.noun} "${match.name}" (${match.id}) differs from "${name}" only by case or spaces: the create would most likely fail; import it (gcadopt import --include-case) or match the name`,
      },
    ];
  }
  const conflict: Draft = {
    ...base,
    kind: 'conflict',
    live: liveRef(match),
    fix,
    message: `${kind.noun} "${name}" already exists (${match.id}): terraform apply would fail with 409; import it instead`,
  };
  return [conflict, ...driftOrOk({ ...scope, includeOk: false }, d, match, 'import')];
}

function checkImport(scope: Scope, d: DesiredResource, name: string | undefined): Draft[] {
  const { kind } = scope;
  const id = d.importId ?? '';
  const target = scope.liveById.get(id.toLowerCase());
  if (target === undefined) {
    return [
      {
        type: kind.tfType,
        address: d.address,
        name,
        source: d.source,
        kind: 'import-missing',
        message: `the import of ${kind.noun} ${id} would fail: the org has no such ${kind.noun} ("Cannot import non-existent remote object")`,
      },
    ];
  }
  return driftOrOk(scope, d, target, `imports ${kind.noun} "${target.name}" (${target.id})`);
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
