import type { Value } from '../values.js';
import { ctyJson } from './format.js';
import { asString, fail, nfc, UnknownResult, type Fn } from './support.js';
import { decodeYaml, encodeYaml } from './yaml.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64(s: string, what: string): Buffer {
  // Go's StdEncoding: padded, no whitespace, no URL alphabet.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
    fail(`${what}: failed to decode base64 data ${JSON.stringify(s)}`);
  return Buffer.from(s, 'base64');
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return nfc(utf8.decode(bytes));
  } catch {
    return fail(`${what}: the result of decoding the provided string is not valid UTF-8`);
  }
}

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

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

// 0x80-0x9F of windows-1252 (Node decodes this label as Latin-1); the five
// unassigned bytes stay C1 controls, as in golang.org/x/text's charmap.
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const cp1252 = (b: number): string =>
  String.fromCodePoint(b >= 0x80 && b < 0xa0 ? (cp1252High[b - 0x80] ?? b) : b);
const windows1252 = { decode: (bytes: Uint8Array): string => Array.from(bytes, cp1252).join('') };

/** The IANA encodings gcadopt reproduces; others are unknown rather than guessed. */
function encoder(name: string): ((s: string) => Buffer) | undefined {
  const n = name.toLowerCase().replace(/[-_ ]/g, '');
  if (n === 'utf8') return (s) => Buffer.from(s, 'utf8');
  if (n === 'utf16le') return (s) => Buffer.from(s, 'utf16le');
  if (n === 'utf16be' || n === 'utf16')
    return (s) => {
      const b = Buffer.from(s, 'utf16le').swap16();
      return n === 'utf16' ? Buffer.concat([Buffer.from([0xfe, 0xff]), b]) : b;
    };
  const single = (max: number, table?: Map<string, number>) => (s: string) =>
    Buffer.from(
      Array.from(s, (c) => {
        const code = table?.get(c) ?? c.codePointAt(0) ?? 0;
        if (code > max || (table !== undefined && !table.has(c) && code > 0x7f))
          fail(`the given string contains characters that cannot be represented in ${name}`);
        return code;
      }),
    );
  if (n === 'usascii' || n === 'ascii') return single(0x7f);
  if (n === 'iso88591' || n === 'latin1') return single(0xff);
  if (n === 'windows1252' || n === 'cp1252') {
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(windows1252.decode(Uint8Array.of(b)), b);
    return single(0xff, table);
  }
  return undefined;
}

function decoder(name: string): ((b: Buffer) => string) | undefined {
  const n = name.toLowerCase().replace(/[-_ ]/g, '');
  if (n === 'utf8') return (b) => new TextDecoder('utf-8').decode(b);
  if (n === 'utf16le') return (b) => new TextDecoder('utf-16le').decode(b);
  if (n === 'utf16be' || n === 'utf16') return (b) => new TextDecoder('utf-16be').decode(b);
  if (n === 'usascii' || n === 'ascii' || n === 'iso88591' || n === 'latin1')
    return (b) =>
      Array.from(b, (c) =>
        n.includes('ascii') && c > 0x7f ? '\ufffd' : String.fromCharCode(c),
      ).join('');
  if (n === 'windows1252' || n === 'cp1252') return (b) => windows1252.decode(b);
  return undefined;
}

const unsupportedEncoding = (name: string): never => {
  throw new UnknownResult(`the text encoding "${name}" is not one gcadopt reproduces`);
};

/** Encoding functions. */
export const encodingFunctions: Readonly<Record<string, Fn>> = {
  base64decode: ([s]) =>
    decodeUtf8(decodeBase64(asString(s, 'base64decode'), 'base64decode'), 'base64decode'),
  base64encode: ([s]) => Buffer.from(asString(s, 'base64encode'), 'utf8').toString('base64'),
  base64gzip: () => {
    // Go's compress/gzip writes other bytes than zlib: the result cannot be reproduced.
    throw new UnknownResult(
      "base64gzip output depends on Go's gzip encoder, which gcadopt does not reproduce",
    );
  },
  csvdecode: ([s]) => decodeCsv(asString(s, 'csvdecode')),
  jsondecode: ([s]) => {
    const text = asString(s, 'jsondecode');
    try {
      return JSON.parse(text) as Value;
    } catch (error) {
      return fail(`jsondecode: ${(error as Error).message}`);
    }
  },
  jsonencode: ([v]) => ctyJson(v ?? null),
  textencodebase64: ([s, e]) => {
    const name = asString(e, 'textencodebase64 encoding');
    const encode = encoder(name) ?? unsupportedEncoding(name);
    return encode(asString(s, 'textencodebase64')).toString('base64');
  },
  textdecodebase64: ([s, e]) => {
    const name = asString(e, 'textdecodebase64 encoding');
    const decode = decoder(name) ?? unsupportedEncoding(name);
    return nfc(decode(decodeBase64(asString(s, 'textdecodebase64'), 'textdecodebase64')));
  },
  urlencode: ([s]) => queryEscape(asString(s, 'urlencode')),
  yamldecode: ([s]) => decodeYaml(asString(s, 'yamldecode')),
  yamlencode: ([v]) => encodeYaml(v ?? null),
};
