import type { Kind } from '../kinds/kind.js';
import type { DesiredResource } from '../model.js';
import type { Draft } from './engine.js';

/**
 * Addresses of the configuration that want the same name (by the kind's
 * match key), or claim the same singleton: only one of them can ever be
 * created. Each is reported, pointing at the others.
 */
export function findDuplicates(kind: Kind, desired: readonly DesiredResource[]): Draft[] {
  const groups = new Map<string, DesiredResource[]>();
  const add = (key: string, d: DesiredResource): void => {
    groups.set(key, [...(groups.get(key) ?? []), d]);
  };
  for (const d of desired) {
    if (d.action === 'delete' || d.action === 'read') continue;
    const name = kind.desiredName(d.attributes);
    const singleton = kind.singleton?.(d.attributes);
    if (singleton !== undefined) add(`singleton:${singleton}`, d);
    else if (typeof name === 'string') add(`name:${kind.matchKey(name)}`, d);
  }
  const drafts: Draft[] = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    for (const d of group) {
      const others = group.filter((o) => o !== d).map((o) => o.address);
      const name = kind.desiredName(d.attributes);
      const what = key.startsWith('singleton:')
        ? `also sets ${key.slice('singleton:'.length)}`
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
  }
  return drafts;
}
