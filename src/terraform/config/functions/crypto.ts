import { nodeCrypto } from '../../../lazy-crypto.js';
import { asString, fail, UnknownResult, type CallContext, type Fn } from './support.js';

const digest = (algorithm: string, data: Buffer | string, encoding: 'hex' | 'base64'): string =>
  nodeCrypto().createHash(algorithm).update(data).digest(encoding);

const namespaces: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** RFC 4122 name-based UUID (SHA-1), as google/uuid's NewSHA1. */
function uuidv5(namespace: string, name: string): string {
  const ns = namespaces[namespace] ?? namespace;
  const hex = ns.replace(/^(urn:uuid:)|[{}]/gi, '').replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex))
    fail(`uuidv5: invalid namespace ${JSON.stringify(namespace)}`);
  const hash = nodeCrypto()
    .createHash('sha1')
    .update(Buffer.from(hex, 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const b64url = (s: string | undefined): bigint =>
  BigInt(`0x${Buffer.from(s ?? '', 'base64url').toString('hex') || '0'}`);

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if ((e & 1n) === 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/**
 * RSA PKCS #1 v1.5 decryption as Go's rsa.DecryptPKCS1v15. Node 20 refuses
 * this padding for private decryption, so the arithmetic is done here.
 */
function rsaDecrypt(ciphertext: string, pem: string): string {
  const data = Buffer.from(ciphertext, 'base64');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(ciphertext))
    fail('failed to decode input "ciphertext": cipher text must be base64-encoded');
  let jwk: { n?: string; d?: string };
  try {
    jwk = nodeCrypto().createPrivateKey(pem).export({ format: 'jwk' });
  } catch {
    return fail('invalid private key: failed to parse key');
  }
  if (jwk.n === undefined || jwk.d === undefined)
    return fail('invalid private key: not an RSA key');
  const n = b64url(jwk.n);
  const size = Buffer.from(jwk.n, 'base64url').length;
  const m = modPow(BigInt(`0x${data.toString('hex') || '0'}`), b64url(jwk.d), n);
  const block = Buffer.from(m.toString(16).padStart(size * 2, '0'), 'hex');
  const sep = block.indexOf(0, 2);
  if (data.length !== size || block[0] !== 0 || block[1] !== 2 || sep < 10)
    fail('failed to decrypt: crypto/rsa: decryption error');
  return block.subarray(sep + 1).toString('utf8');
}

const fileDigest =
  (algorithm: string, encoding: 'hex' | 'base64'): Fn =>
  ([p], ctx: CallContext) => {
    if (ctx.files === undefined)
      throw new UnknownResult(
        'file functions read files only when gcadopt reads a configuration folder',
      );
    return digest(algorithm, ctx.files.read(asString(p, 'path')), encoding);
  };

/** Hash and crypto functions; bcrypt and uuid are random, so unknown until apply. */
export const cryptoFunctions: Readonly<Record<string, Fn>> = {
  md5: ([s]) => digest('md5', asString(s, 'md5'), 'hex'),
  sha1: ([s]) => digest('sha1', asString(s, 'sha1'), 'hex'),
  sha256: ([s]) => digest('sha256', asString(s, 'sha256'), 'hex'),
  sha512: ([s]) => digest('sha512', asString(s, 'sha512'), 'hex'),
  base64sha256: ([s]) => digest('sha256', asString(s, 'base64sha256'), 'base64'),
  base64sha512: ([s]) => digest('sha512', asString(s, 'base64sha512'), 'base64'),
  filemd5: fileDigest('md5', 'hex'),
  filesha1: fileDigest('sha1', 'hex'),
  filesha256: fileDigest('sha256', 'hex'),
  filesha512: fileDigest('sha512', 'hex'),
  filebase64sha256: fileDigest('sha256', 'base64'),
  filebase64sha512: fileDigest('sha512', 'base64'),
  uuidv5: ([ns, name]) => uuidv5(asString(ns, 'uuidv5 namespace'), asString(name, 'uuidv5 name')),
  rsadecrypt: ([c, k]) =>
    rsaDecrypt(asString(c, 'rsadecrypt ciphertext'), asString(k, 'rsadecrypt privatekey')),
  bcrypt: () => {
    throw new UnknownResult('bcrypt() salts at random: a new hash on every run');
  },
  uuid: () => {
    throw new UnknownResult('uuid() is random: a new value on every run');
  },
};
