import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** A self-signed certificate and its key, for one run of the plugin. */
export interface ServerCertificate {
  /** PEM, for the TLS server. */
  readonly certPem: string;
  /** PKCS#8 PEM, for the TLS server. */
  readonly keyPem: string;
  /** DER, for the handshake line. */
  readonly der: Uint8Array;
}

// A few DER (X.690) encoders: enough for one certificate. node:crypto signs and
// exports keys but cannot write a certificate, and an X.509 library costs more
// start-up time than the whole provider otherwise needs.
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const oid = (dotted: string): Buffer => {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const octets = (body: Buffer): Buffer => tlv(0x04, body);
const bits = (body: Buffer, unused = 0): Buffer =>
  tlv(0x03, Buffer.concat([Buffer.from([unused]), body]));
const bool = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const time = (date: Date): Buffer => {
  // UTCTime YYMMDDHHMMSSZ: fine until 2050.
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
};
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
const name = seq(
  tlv(0x31, seq(oid('2.5.4.10'), utf8('gcadopt'))),
  tlv(0x31, seq(oid('2.5.4.3'), utf8('localhost'))),
);

/**
 * Makes the certificate go-plugin's automatic mutual TLS expects from a plugin
 * (RFC 5280): self-signed for `localhost`, usable as its own CA (the client
 * trusts exactly this certificate, sent in the handshake line), for server and
 * client auth, with a fresh P-256 key.
 */
export function createServerCertificate(
  now = new Date(),
  random: (size: number) => Buffer = randomBytes,
): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = random(16);
  // A positive, minimally encoded INTEGER: top bit clear, first byte not zero.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const extensions = [
    extension('2.5.29.19', true, seq(bool(true))), // basicConstraints: CA
    // keyUsage: digitalSignature, keyEncipherment, keyAgreement, keyCertSign.
    extension('2.5.29.15', true, bits(Buffer.from([0xac]), 2)),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    extension('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost', 'ascii')))),
  ];
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version 3
    tlv(0x02, serial),
    ecdsaWithSha256,
    name,
    seq(time(new Date(now.getTime() - 30_000)), time(new Date(now.getTime() + 24 * 3600_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, privateKey); // ECDSA in DER, as X.509 wants
  const der = seq(tbs, ecdsaWithSha256, bits(signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    der: new Uint8Array(der),
  };
}
