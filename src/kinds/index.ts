import { divisionKind } from './division.js';
import type { Kind } from './kind.js';

export type { Kind, CollisionRule } from './kind.js';
export { divisionKind } from './division.js';

/** Every kind gcadopt understands, by Terraform type. */
export const kinds: ReadonlyMap<string, Kind> = new Map([divisionKind].map((k) => [k.tfType, k]));

/** The kind of a Terraform type, if gcadopt knows it. */
export function kindForType(type: string): Kind | undefined {
  return kinds.get(type);
}

/** The Terraform types gcadopt reads. */
export const knownTypes: ReadonlySet<string> = new Set(kinds.keys());
