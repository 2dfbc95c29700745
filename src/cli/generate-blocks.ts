import { importIdOf, type Kind } from '../kinds/kind.js';
import type { LiveObject } from '../model.js';
import { importBlock, type HclAttribute, type HclBlock } from '../terraform/hcl-writer.js';
import { writeDivisionId, type DivisionRefs } from './division-refs.js';
import { describeObject } from './imports-file.js';
import type { Inputs } from './inputs.js';

/** Live objects that no state entry manages, no resource plans and no import block targets. */
export function findUnmanaged(
  kind: Kind,
  inputs: Pick<Inputs, 'desired' | 'managed' | 'imports'>,
  live: readonly LiveObject[],
): LiveObject[] {
  const managedIds = new Set(
    inputs.managed.filter((m) => m.type === kind.tfType).map((m) => m.id.toLowerCase()),
  );
  const imported = new Set(
    inputs.imports.map((i) => (typeof i.id === 'string' ? i.id.toLowerCase() : '')),
  );
  const desired = inputs.desired.filter((d) => d.type === kind.tfType);
  const planned = new Set(
    desired
      .map((d) => kind.desiredName(d.attributes))
      .filter((n): n is string => typeof n === 'string')
      .map((n) => kind.matchKey(n)),
  );
  const adopted = new Set(
    desired
      .map((d) => kind.adopts?.(d.attributes, live)?.id)
      .filter((id): id is string => id !== undefined),
  );
  for (const d of desired) if (d.importId !== undefined) imported.add(d.importId.toLowerCase());
  const known = (ids: ReadonlySet<string>, l: LiveObject): boolean =>
    ids.has(l.id.toLowerCase()) || ids.has(importIdOf(kind, l).toLowerCase());
  return live.filter(
    (l) =>
      !known(managedIds, l) &&
      !known(imported, l) &&
      !planned.has(kind.matchKey(l.name)) &&
      !adopted.has(l.id),
  );
}

/** Labels of root-module resources of this type (an address may end in [*] when its instances are unknown). */
export function findTakenLabels(
  kind: Kind,
  inputs: Pick<Inputs, 'desired' | 'managed'>,
): Set<string> {
  return new Set(
    [...inputs.desired, ...inputs.managed]
      .filter((r) => r.type === kind.tfType && !r.address.startsWith('module.'))
      .map((r) => /^[^.]+\.([^.[]+)/.exec(r.address)?.[1])
      .filter((label): label is string => label !== undefined),
  );
}

/**
 * A resource block (and its import block) per object, each marked as gcadopt's,
 * sorted by label; `labels` by object id (see assignLabels). A `division_id` is
 * written as `refs` says (a reference when a block manages the division).
 */
export function planResourceBlocks(
  kind: Kind,
  objects: readonly LiveObject[],
  labels: ReadonlyMap<string, string>,
  refs?: DivisionRefs,
): HclBlock[] {
  const sorted = objects
    .map((live) => ({ live, label: labels.get(live.id) }))
    .sort(({ label: a = '' }, { label: b = '' }) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.flatMap(({ live, label = '_' }) => {
    const config = kind.toConfig(live);
    const marker = [describeObject(kind.noun, live.id, live)];
    // A built-in object is referred to by name, never managed.
    if (live.builtIn === true)
      return [
        {
          type: 'data',
          labels: [kind.tfType, label],
          comments: marker,
          attributes: [{ name: 'name', value: live.name }],
        },
      ];
    const resource: HclBlock = {
      type: 'resource',
      labels: [kind.tfType, label],
      comments: marker,
      attributes: Object.entries(config).map(([name, value]): HclAttribute =>
        name === 'division_id' && typeof value === 'string' && refs !== undefined
          ? writeDivisionId(value, refs)
          : { name, value },
      ),
    };
    // A resource that adopts by itself (home = true) needs no import block.
    if (kind.adopts?.(config, [live]) !== undefined) return [resource];
    return [resource, importBlock(`${kind.tfType}.${label}`, importIdOf(kind, live), marker)];
  });
}
