import type { Kind } from '../kinds/kind.js';
import type { DesiredResource, LiveObject } from '../model.js';
import type { Draft } from './engine.js';

/**
 * Addresses of the configuration that want the same name (by the kind's
 * match key), or claim the same singleton: only one of them can ever be
 * created. Each is reported, pointing at the others.
 */
export function findDuplicates(
  kind: Kind,
  desired: readonly DesiredResource[],
  key: (name: string, space?: string) => string,
): Draft[] {
  // Two maps rather than prefixed keys: most names are unique, and a key
  // made for each would be one more string per resource.
  const byName = new Map<string, DesiredResource[]>();
  const bySingleton = new Map<string, DesiredResource[]>();
  const add = (groups: Map<string, DesiredResource[]>, key: string, d: DesiredResource): void => {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [d]);
    else group.push(d);
  };
  for (const d of desired) {
    if (d.action === 'delete' || d.action === 'read') continue;
    const name = kind.desiredName(d.attributes);
    const singleton = kind.singleton?.(d.attributes);
    if (singleton !== undefined) add(bySingleton, singleton, d);
    else if (typeof name === 'string') {
      const scope = scopeOf(kind, d);
      const named = key(name, kind.namespace?.(d.attributes));
      add(byName, scope === '' ? named : `${scope}${named}`, d);
    }
  }
  const drafts: Draft[] = [];
  const report = (group: readonly DesiredResource[], singleton: string | undefined): void => {
    if (group.length < 2) return;
    for (const d of group) {
      const others = group.filter((o) => o !== d).map((o) => o.address);
      const name = kind.desiredName(d.attributes);
      const what =
        singleton !== undefined
          ? `also sets ${singleton}`
          : `also wants the ${kind.noun} name "${typeof name === 'string' ? name : ''}"`;
      drafts.push({
        kind: 'duplicate',
        type: kind.tfType,
        address: d.address,
        name: typeof name === 'string' ? name : undefined,
        source: d.source,
        related: others,
        message: `${others.join(', ')} ${what}: only one of them can exist`,
      });
    }
  };
  // forEach: iterating entries would make a pair per name, nearly all unique.
  bySingleton.forEach((group, singleton) => report(group, singleton));
  byName.forEach((group) => report(group, undefined));
  return drafts;
}

/** Where a resource's name must be unique: the org, or its site (outbound routes). */
function scopeOf(kind: Kind, d: DesiredResource): string {
  if (kind.nameScope?.rule !== 'per-scope') return '';
  return `${kind.nameScope.desired(d.attributes) ?? '?'}/`;
}

/**
 * Addresses that end up managing the same live object (two imports of one id,
 * an import of an object another address manages, a `home = true` block and
 * a block named after the home division), unless a name duplicate already
 * said so: Terraform would have two resources fighting over one object.
 */
export function findSharedTargets(
  kind: Kind,
  desired: readonly DesiredResource[],
  targets: ReadonlyMap<string, LiveObject>,
  reported: readonly Draft[],
): Draft[] {
  const groups = new Map<string, { live: LiveObject; addresses: string[] }>();
  for (const d of desired) {
    const live = targets.get(d.address);
    if (live === undefined) continue;
    const id = live.id.toLowerCase();
    const group = groups.get(id) ?? { live, addresses: [] };
    group.addresses.push(d.address);
    groups.set(id, group);
  }
  const seen = new Map<string, Set<string>>();
  for (const r of reported) {
    const set = seen.get(r.address) ?? new Set<string>();
    for (const a of r.related ?? []) set.add(a);
    seen.set(r.address, set);
  }
  const drafts: Draft[] = [];
  for (const { live, addresses } of groups.values()) {
    if (addresses.length < 2) continue;
    for (const address of addresses) {
      const others = addresses.filter((a) => a !== address);
      const known = seen.get(address);
      if (known !== undefined && others.every((o) => known.has(o))) continue;
      const d = desired.find((x) => x.address === address);
      drafts.push({
        kind: 'duplicate',
        type: kind.tfType,
        address,
        name: live.name,
        source: d?.source,
        related: others,
        message: `${others.join(', ')} also end${others.length === 1 ? 's' : ''} up on ${kind.noun} "${live.name}" (${live.id}): two resources would manage one ${kind.noun}`,
      });
    }
  }
  return drafts;
}
