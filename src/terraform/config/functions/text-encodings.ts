import { fail, UnknownResult } from './support.js';

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

/** An encoder for one of the IANA encodings gcadopt reproduces; undefined for others. */
export function encoder(name: string): ((s: string) => Buffer) | undefined {
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

/** A decoder for one of the IANA encodings gcadopt reproduces; undefined for others. */
export function decoder(name: string): ((b: Buffer) => string) | undefined {
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

/** An encoding gcadopt does not reproduce: the result is unknown, not guessed. */
export const unsupportedEncoding = (name: string): never => {
  throw new UnknownResult(`the text encoding "${name}" is not one gcadopt reproduces`);
};
