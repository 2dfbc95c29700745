/** Shared by the terraform tests: fast-check arbitraries for tricky strings and the HCL oracle helper. */
import fc from 'fast-check';

/** Pieces that exercise every HCL quoting rule. */
const tricky = fc.constantFrom(
  '${',
  '%{',
  '$${',
  '%%{',
  '$',
  '%',
  '{',
  '}',
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u007f',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u202e',
  '\ufeff',
  'e\u0301',
  'q\u0301',
  '🇩🇪',
  '👍🏽',
  'é',
  'ß',
  '東京',
  '😀',
  '👨‍👩‍👧',
  'Sales',
  ' ',
);

/** Strings mixing the tricky pieces with arbitrary graphemes. */
export const trickyString = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** An instance key: a count index or a for_each string. */
export const trickyKey = fc.oneof(fc.nat({ max: 10_000 }), trickyString);

/**
 * hcl2json hands strings back as templates, the way `.tf.json` spells them:
 * a literal `${` comes back as `$${`. Undo that, and compare NFC forms as HCL
 * normalizes string literals.
 */
export function literal(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replaceAll('$${', '${').replaceAll('%%{', '%{').normalize('NFC');
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [literal(k) as string, literal(v)]),
    );
  return value;
}

/** A value with every string (keys too) in NFC, the form HCL hands back. */
export function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  return value;
}
