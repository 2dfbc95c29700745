import { stripVTControlCharacters } from 'node:util';
import { oneLine as printable } from '../report/describe.js';

/** Display width of a cell: control characters made visible are one column each. */
function width(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}

/** An aligned plain-text table with a header row. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const cells = rows.map((row) => row.map(printable));
  const widths = header.map((h, i) =>
    Math.max(width(h), ...cells.map((row) => width(row[i] ?? ''))),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

/** RFC 4180 CSV: fields with comma, quote or line break are quoted, quotes doubled; CRLF rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (value: string): string =>
    /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
