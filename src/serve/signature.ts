import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `header` is the hex HMAC-SHA512 of the raw body under `key`, as HCP
 * Terraform sends it in `X-TFC-Task-Signature`. Compared in constant time; the
 * length of a SHA-512 digest is public, so a length mismatch may return early.
 */
export function verifySignature(body: Buffer, header: string | undefined, key: Buffer): boolean {
  if (header === undefined || !/^[0-9a-fA-F]{128}$/.test(header)) return false;
  const expected = createHmac('sha512', key).update(body).digest();
  const given = Buffer.from(header, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value for `body`: what HCP Terraform computes (tests and the bench sign with it). */
export function signBody(body: Buffer | string, key: Buffer | string): string {
  return createHmac('sha512', key).update(body).digest('hex');
}
