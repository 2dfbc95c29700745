import { printable } from '../report/printable.js';

/** Width of a cell in code points: after printable() no control character is left to skip. */
function width(text: string): number {
  return [...text].length;
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

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
 * CR before one) gets a leading `'`, which spreadsheets show as text
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV: fields with comma, quote or line break are quoted, quotes
 * doubled; CRLF rows. Cells are {@link printable} but for their line breaks
 * (a `cat` of the file runs no escape sequence) and defused against formula
 * injection.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (raw: string): string => {
    // A line break inside a quoted field is CSV's own (RFC 4180 2.6): it stays.
    const value = defuse(raw.split('\n').map(printable).join('\n'));
    return /[",\r\n]/.test(value) || /^\s|\s$/.test(value)
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
