import { isIPv4 } from 'node:net';

/**
 * True for a URL hostname on this machine: 127.0.0.0/8, ::1 (also written
 * IPv4-mapped) and `localhost`. Such hosts may use plain http, and are never
 * reached through a proxy (a proxy would see the credentials in clear).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  // WHATWG URL parsing has already shortened IPv6: `0:0:0:0:0:0:0:1` arrives as `::1`,
  // `::ffff:127.0.0.1` as `::ffff:7f00:1`.
  return host === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}
