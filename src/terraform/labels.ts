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

/**
 * A resource label from an object name, by the provider exporter's rule
 * (genesys-api.md): transliterate to ASCII, trim, replace every character
 * outside [0-9A-Za-z_-] with `_`, prefix `_` when the first character is not a
 * letter or `_`. Case is kept.
 */
export function sanitizeLabel(name: string): string {
  const ascii = [...name.normalize('NFKD')]
    .map((c) => extra[c] ?? c)
    .join('')
    .replace(/\p{M}/gu, '')
    .trim();
  const safe = ascii.replace(/[^0-9A-Za-z_-]/g, '_');
  if (safe === '') return '_';
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** One object to label: a stable id decides order among equal labels. */
export interface LabelRequest {
  readonly id: string;
  readonly name: string;
}

/**
 * Assigns unique labels, deterministically whatever the input order: objects
 * whose sanitized labels collide (with each other, or with labels already
 * `taken` in the configuration) get `_2`, `_3`... in order of (name, id).
 */
export function assignLabels(
  objects: readonly LabelRequest[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const sorted = [...objects].sort(
    (a, b) =>
      compare(sanitizeLabel(a.name), sanitizeLabel(b.name)) ||
      compare(a.name, b.name) ||
      compare(a.id, b.id),
  );
  const used = new Set([...taken].map((l) => l.toLowerCase()));
  const out = new Map<string, string>();
  for (const object of sorted) {
    const base = sanitizeLabel(object.name);
    let label = base;
    // Compare case-insensitively: labels differing only by case are legal but
    // confusing, and some file systems used by generators fold case.
    for (let n = 2; used.has(label.toLowerCase()); n++) label = `${base}_${n}`;
    used.add(label.toLowerCase());
    out.set(object.id, label);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
