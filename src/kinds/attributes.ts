import type { AttributeRule } from './define-kind.js';

// Attribute rules several kinds share.

/**
 * An optional `description`: the provider writes an unset one as "" and reads
 * "" back as unset, so adopting an object into a block without one clears it.
 */
export const description: AttributeRule = {
  read: (e) => (typeof e.description === 'string' ? e.description : null),
  unset: null,
  emptyIsNull: true,
};

/**
 * `division_id`, from the object's `division.id`. Optional and computed: left
 * unset, the API keeps (or picks) the division, so it never drifts.
 */
export const divisionId: AttributeRule = {
  read: (e) => {
    const division = e.division as { id?: unknown } | undefined;
    return typeof division?.id === 'string' ? division.id : null;
  },
};

/** A string field of the API object under the same meaning, with the provider's default when unset. */
export function field(name: string, unset?: string): AttributeRule {
  return {
    read: (e) => (typeof e[name] === 'string' ? e[name] : null),
    unset,
  };
}

/**
 * A list of ids (a location's `path`), read joined by `,`. Unset, the provider
 * sends an empty list: adopting a nested object into a block without it moves it.
 */
export function idList(name: string): AttributeRule {
  return {
    read: (e) => {
      const ids = Array.isArray(e[name]) ? (e[name] as unknown[]) : [];
      return ids.filter((id) => typeof id === 'string').join(',');
    },
    unset: '',
    list: true,
  };
}
