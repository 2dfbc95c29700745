import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServerCertificate } from '../../src/provider/server-certificate.js';

describe('createServerCertificate', () => {
  it.each([
    ['random', undefined],
    // A serial whose first byte is 0x00 must not be written with a leading zero
    // byte: OpenSSL and Go refuse such an INTEGER ("illegal padding").
    ['all zero', (size: number) => Buffer.alloc(size)],
    ['all ones', (size: number) => Buffer.alloc(size, 0xff)],
  ])('makes a certificate that parses and verifies (%s serial bytes)', (_label, random) => {
    const { certPem, der } = createServerCertificate(new Date(), random);
    const cert = new X509Certificate(certPem);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(Buffer.from(cert.raw)).toEqual(Buffer.from(der));
  });
});
