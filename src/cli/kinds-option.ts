import { GcadoptError } from '../errors.js';
import { kindByName, kinds } from '../kinds/index.js';
import type { Kind } from '../kinds/kind.js';

/**
 * The kinds a `--kinds` list names (`queues,skills`, `queue`, or Terraform
 * types), each once; undefined when the option is absent. An unknown name is a
 * usage error listing every kind.
 */
export function parseKinds(option: unknown): Kind[] | undefined {
  if (typeof option !== 'string') return undefined;
  const names = option
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return [...new Set(names.map((name) => kindByName(name) ?? unknownKind(name)))];
}

/** One kind by name, for `gcadopt list KIND`. */
export function parseKind(name: string): Kind {
  return kindByName(name) ?? unknownKind(name);
}

function unknownKind(name: string): never {
  throw new GcadoptError('usage', `unknown kind "${name}"`, {
    hint: `use one of: ${[...kinds.values()].map((k) => k.plural.replace(/[\s-]/g, '')).join(', ')}`,
  });
}
