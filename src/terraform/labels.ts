/** Letters that NFKD does not reduce to ASCII, transliterated the usual way. */
const extra: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
};

// Any ASCII, control characters included.
// eslint-disable-next-line no-control-regex
const plainAscii = /^[\x00-\x7f]*$/;

/**
 * A resource label from an object name, by the provider exporter's rule
 * (genesys-api.md): transliterate to ASCII, trim, replace every character
 * outside [0-9A-Za-z_-] with `_`, prefix `_` when the first character is not a
 * letter or `_`. Case is kept.
 */
export function sanitizeLabel(name: string): string {
  // ASCII is its own NFKD form, with no marks and nothing to transliterate.
  const ascii = (
    plainAscii.test(name)
      ? name
      : [...name.normalize('NFKD')]
          .map((c) => extra[c] ?? c)
          .join('')
          .replace(/\p{M}/gu, '')
  ).trim();
  const safe = ascii.replace(/[^0-9A-Za-z_-]/gu, '_');
  if (safe === '') return '_';
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** One object to label: a stable id decides order among equal labels. */
export interface LabelRequest {
  readonly id: string;
  readonly name: string;
}

/**
 * Assigns unique labels, deterministically whatever the input order. An object
 * whose sanitized label is unique and not `taken` in the configuration keeps
 * it; objects whose labels collide (with each other or with `taken`) get
 * `_2`, `_3`... in order of (label, name, id), skipping every label in use.
 * Labels are compared case-insensitively: labels differing only by case are
 * legal but easy to confuse.
 * @returns the label for each object id
 */
export function assignLabels(
  objects: readonly LabelRequest[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const fold = (label: string): string => label.toLowerCase();
  const items = objects
    .map(({ id, name }) => {
      const base = sanitizeLabel(name);
      return { id, name, base, folded: fold(base) };
    })
    .sort((a, b) => compare(a.base, b.base) || compare(a.name, b.name) || compare(a.id, b.id));
  const used = new Set([...taken].map(fold));
  const counts = new Map<string, number>();
  for (const { folded } of items) counts.set(folded, (counts.get(folded) ?? 0) + 1);
  const out = new Map<string, string>();
  // First the labels nobody else wants, so that "Sales 2" keeps `Sales_2`
  // even when two objects named "Sales" need numbering.
  for (const { id, base, folded } of items) {
    if (counts.get(folded) === 1 && !used.has(folded)) out.set(id, base);
  }
  for (const label of out.values()) used.add(fold(label));
  for (const { id, base } of items) {
    if (out.has(id)) continue;
    let label = base;
    for (let n = 2; used.has(fold(label)); n++) label = `${base}_${n}`;
    used.add(fold(label));
    out.set(id, label);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
