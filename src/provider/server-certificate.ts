import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** A self-signed certificate and its key, for one run of the plugin. */
export interface ServerCertificate {
  /** PEM, for the TLS server. */
  readonly certPem: string;
  /** PKCS#8 PEM, for the TLS server. */
  readonly keyPem: string;
  /** DER, for the handshake line. */
  readonly der: Uint8Array;
}

// cryptoProvider.set is overloaded: its last form's second parameter is the Crypto type.
type ProviderCrypto = Parameters<typeof x509.cryptoProvider.set>[1];

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * Makes the certificate go-plugin's automatic mutual TLS expects from a plugin:
 * self-signed for `localhost`, usable as its own CA (the client trusts exactly
 * this certificate, sent in the handshake line), for server and client auth.
 */
export async function createServerCertificate(now = new Date()): Promise<ServerCertificate> {
  x509.cryptoProvider.set(webcrypto as unknown as ProviderCrypto);
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  // A positive serial: the top bit clear.
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: 'CN=localhost, O=gcadopt',
    notBefore: new Date(now.getTime() - 30_000),
    notAfter: new Date(now.getTime() + 24 * 3600_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyAgreement |
          x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certPem: cert.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    der: new Uint8Array(cert.rawData),
  };
}
