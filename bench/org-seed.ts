import { randomUUID } from 'node:crypto';
import type { StoredEntity } from '../src/emulator/collection.js';
import { families, type FamilyContext, type FamilyKey } from '../src/emulator/families.js';
import { divisionKind, kinds, type Kind } from '../src/kinds/index.js';

/** Rate and size limits that let a bench measure round trips, not throttling. */
const roomyLimits = { ratePerMinute: 1_000_000 };

/** The name of made-up object `i` of a kind: `queue 12`. */
export function sampleName(kind: Kind, i: number): string {
  return `${kind.noun} ${i}`;
}

/**
 * A seed (the emulator's format) with `count` objects of each of `of` (every
 * kind gcadopt knows unless told), all in the Home division. Each object is
 * built as the emulator's own create builds it: the family's `fields` over a
 * body of its name and the family's `sample` (users: an email), so a kind
 * added later is seeded with no change here. Families are built in the
 * emulator's order, so one whose objects belong to another's (an outbound
 * route to its site) finds its owners' rows in `sample`'s `org`.
 */
export function buildOrgSeed(
  count: number,
  of: readonly Kind[] = [...kinds.values()],
): Record<string, unknown> {
  const home = { id: randomUUID(), name: 'Home', home: true };
  const ref = (d: { id: string; name: string }) => ({
    id: d.id,
    name: d.name,
    selfUri: `/api/v2/authorization/divisions/${d.id}`,
  });
  const ctx: FamilyContext = {
    home: () => ref(home),
    division: (id) => (id === home.id ? ref(home) : undefined),
  };
  const divisions: { id: string; name: string; home?: boolean }[] = [home];
  if (of.includes(divisionKind))
    for (let i = 0; i < count; i++)
      divisions.push({ id: randomUUID(), name: sampleName(divisionKind, i) });
  const org: Partial<Record<FamilyKey, StoredEntity[]>> = {};
  // A nested family's path names its parent's id as it likes (`{siteId}`, `{parentId}`).
  const pathKey = (path: string): string => path.replace(/\{[^}]*\}/g, '{}');
  const wanted = new Map(
    of.filter((k) => k !== divisionKind).map((k) => [pathKey(k.family.path), k]),
  );
  for (const family of families) {
    const kind = wanted.get(pathKey(family.path));
    if (kind === undefined) continue;
    wanted.delete(pathKey(family.path));
    org[family.key] = Array.from({ length: count }, (_, i) => {
      const name = sampleName(kind, i);
      const body: Record<string, unknown> = { ...family.sample?.(i, org), name };
      const parent =
        family.parent === undefined ? {} : { [family.parent.field]: body[family.parent.field] };
      const id = family.idFromBody?.(body) ?? randomUUID();
      return { ...family.fields(body, ctx), ...parent, name, id };
    });
  }
  for (const kind of wanted.values())
    throw new Error(`no emulated family serves ${kind.tfType} (${kind.family.path})`);
  return {
    divisions,
    ...org,
    limits: { ...roomyLimits, maxDivisions: divisions.length + 10 },
  };
}
