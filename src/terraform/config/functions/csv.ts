import type { Value } from '../values.js';
import { fail, nfc } from './support.js';

/** Go's encoding/csv with a header row: every record as wide as the header. */
export function decodeCsv(text: string): Value {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length)
          fail(`parse error on line ${line}: extraneous or missing " in quoted-field`);
        const q = text[i] ?? '';
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          if (!(q === '\r' && text[i + 1] === '\n')) field += q;
          i++;
        }
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r')
        fail(`parse error on line ${line}: extraneous or missing " in quoted-field`);
      continue;
    }
    if (c === ',') endField();
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      endRow();
      line++;
    } else if (c === '"') fail(`parse error on line ${line}: bare " in non-quoted-field`);
    else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  const [header, ...records] = rows;
  if (header === undefined) return fail('missing header line');
  return records.map((record, n) => {
    if (record.length !== header.length)
      fail(`CSV parse error on line ${n + 2}: wrong number of fields`);
    return Object.fromEntries(header.map((h, j) => [h, nfc(record[j] ?? '')]));
  });
}
