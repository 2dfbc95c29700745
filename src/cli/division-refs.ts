import { divisionKind } from '../kinds/index.js';
import type { LiveObject } from '../model.js';
import { resourceReference, type HclAttribute } from '../terraform/hcl-writer.js';
import type { Inputs } from './inputs.js';

/**
 * What generate knows about the org's divisions when it writes a
 * `division_id`: the root-module block that manages each one, and their names.
 */
export interface DivisionRefs {
  /** `genesyscloud_auth_division.<label>.id` by lowercased division id. */
  readonly references: Map<string, string>;
  /** Live division names by lowercased id. */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * The divisions the configuration manages: by id in state, by import id, by
 * the home switch, or by a name that one live division holds (the block that
 * will create or adopt it). Only root-module blocks can be referenced from a
 * root-module file; several blocks for one division: the first address wins,
 * so the choice does not depend on reading order.
 */
export function collectDivisionRefs(
  inputs: Pick<Inputs, 'desired' | 'managed'>,
  live: readonly LiveObject[],
): DivisionRefs {
  const type = divisionKind.tfType;
  const byKey = new Map<string, LiveObject[]>();
  for (const l of live) {
    const key = divisionKind.matchKey(l.name);
    byKey.set(key, [...(byKey.get(key) ?? []), l]);
  }
  const claims: [string, string][] = inputs.managed
    .filter((m) => m.type === type)
    .map((m) => [m.id, m.address]);
  for (const d of inputs.desired.filter((r) => r.type === type)) {
    const name = divisionKind.desiredName(d.attributes);
    const named = typeof name === 'string' ? byKey.get(divisionKind.matchKey(name)) : undefined;
    const id =
      d.importId ??
      divisionKind.adopts?.(d.attributes, live)?.id ??
      (named?.length === 1 ? named[0]?.id : undefined);
    if (id !== undefined) claims.push([id, d.address]);
  }
  claims.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const references = new Map<string, string>();
  for (const [id, address] of claims) {
    const reference = tryReference(address);
    if (reference !== undefined && !references.has(id.toLowerCase()))
      references.set(id.toLowerCase(), reference);
  }
  return { references, names: new Map(live.map((l) => [l.id.toLowerCase(), l.name])) };
}

/** Records that this run's file holds the block `genesyscloud_auth_division.<label>` for `id`. */
export function addDivisionBlock(refs: DivisionRefs, id: string, label: string): void {
  const reference = tryReference(`${divisionKind.tfType}.${label}`);
  if (reference !== undefined && !refs.references.has(id.toLowerCase()))
    refs.references.set(id.toLowerCase(), reference);
}

/**
 * `division_id` as a reference to the block that manages the division, so
 * Terraform orders the apply and follows a replacement; otherwise the GUID,
 * with the division's name in a comment for the reader.
 */
export function writeDivisionId(id: string, refs: DivisionRefs): HclAttribute {
  const reference = refs.references.get(id.toLowerCase());
  if (reference !== undefined) return { name: 'division_id', expression: reference };
  const name = refs.names.get(id.toLowerCase());
  return {
    name: 'division_id',
    value: id,
    comment: name === undefined ? undefined : `division "${name}"`,
  };
}

function tryReference(address: string): string | undefined {
  try {
    return resourceReference(address, 'id');
  } catch {
    // A module's block, or an instance not known before apply (`[*]`): not referable from here.
    return undefined;
  }
}
