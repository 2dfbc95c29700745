/**
 * How the emulated org compares division names on create and rename. Whether
 * the real API ignores case or surrounding spaces is unverified
 * (genesys-api.md), so each reading is a switch.
 */
export const nameCompareRules = [
  'exact',
  'case-insensitive',
  'case-and-space-insensitive',
] as const;

/** One reading of the uniqueness rule. */
export type NameCompare = (typeof nameCompareRules)[number];

/** The rule the emulator applies unless told otherwise: the most cautious reading. */
export const defaultNameCompare: NameCompare = 'case-and-space-insensitive';

/** The key two names share exactly when `rule` calls them the same name. */
export function createNameKey(rule: NameCompare): (name: string) => string {
  switch (rule) {
    case 'exact':
      return (name) => name;
    case 'case-insensitive':
      return (name) => name.toLowerCase();
    case 'case-and-space-insensitive':
      return (name) => name.trim().toLowerCase();
  }
}
