import type { Kind } from '../kinds/kind.js';
import { toNfc } from '../terraform/hcl/template.js';
import type { NameMatch } from './types.js';

/**
 * The two keys a name is looked up by. `space` is what the name is unique
 * within (a flow's type, see Kind.namespace): names in two spaces never collide.
 */
export interface NameKeys {
  /** Case- and space-insensitive (the kind's rule), after Unicode NFC. */
  readonly loose: (name: string, space?: string) => string;
  /** The key two names collide on under the chosen rule. */
  readonly match: (name: string, space?: string) => string;
}

/**
 * Terraform normalises a configuration's string literals to Unicode NFC, so a
 * name typed as `Cafe\u0301` reaches the API as `Café`: every comparison is
 * made on NFC forms. Live names are normalised too, so two live objects whose
 * names differ only by normalisation both match (and are then ambiguous).
 */
export function createNameKeys(kind: Kind, names: NameMatch): NameKeys {
  const within = (space: string | undefined, key: string): string =>
    space === undefined ? key : `${space}\u0000${key}`;
  // A desired name is looked up several times (duplicates, collisions, near
  // misses): its key is computed once.
  const looseKeys = new Map<string, string>();
  const looseKey = (name: string): string => {
    let key = looseKeys.get(name);
    if (key === undefined) {
      key = kind.matchKey(toNfc(name));
      looseKeys.set(name, key);
    }
    return key;
  };
  const loose = (name: string, space?: string): string => within(space, looseKey(name));
  const exact = (name: string, space?: string): string => within(space, toNfc(name));
  return { loose, match: names === 'exact' ? exact : loose };
}
