import type { Value } from '../values.js';
import { ctyJson } from './json.js';
import { decodeCsv } from './csv.js';
import { asString, fail, nfc, UnknownResult, type Fn } from './support.js';
import { decoder, encoder, unsupportedEncoding } from './text-encodings.js';
import { decodeYaml } from './yaml-decode.js';
import { encodeYaml } from './yaml-encode.js';

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

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}

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
