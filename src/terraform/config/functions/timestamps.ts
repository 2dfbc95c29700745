import { fail } from './support.js';

/** A parsed RFC 3339 timestamp: the instant and the offset it was written in. */
export interface Timestamp {
  /** Milliseconds since the epoch, plus sub-millisecond nanoseconds kept apart. */
  readonly ms: number;
  readonly nanos: number;
  /** Offset east of UTC, in minutes. */
  readonly offset: number;
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Go's strict time.Parse(time.RFC3339) as cty checks it. */
export function parseTimestamp(text: string): Timestamp {
  const m = rfc3339.exec(text);
  if (m === null)
    return fail(
      /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? "not a valid RFC3339 timestamp: missing required time introducer 'T'"
        : `not a valid RFC3339 timestamp: cannot use ${JSON.stringify(text)}`,
    );
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', frac = '', zone = 'Z'] = m;
  const nums = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12) fail('not a valid RFC3339 timestamp: month out of range');
  if (day < 1 || day > days) fail('not a valid RFC3339 timestamp: day out of range');
  if (hour > 23) fail('not a valid RFC3339 timestamp: hour must be between 0 and 23 inclusive');
  if (minute > 59 || second > 59)
    fail('not a valid RFC3339 timestamp: minute or second out of range');
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const nanos = frac === '' ? 0 : Number(frac.slice(1).padEnd(9, '0').slice(0, 9));
  return { ms: utc + Math.floor(nanos / 1e6), nanos: nanos % 1e6, offset };
}

/** Fields of the wall clock in the timestamp's own offset. */
export function wall(t: Timestamp): Date {
  return new Date(t.ms + t.offset * 60_000);
}

/** Zero-padded decimal. */
export const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A UTC offset as Go writes it: `Z` (when `z`), `+hh:mm` or `+hhmm`. */
export function zone(offset: number, colon: boolean, z: boolean): string {
  if (z && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** Go's time.RFC3339 layout: no fractional seconds. */
export function formatRfc3339(t: Timestamp): string {
  const w = wall(t);
  return `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}${zone(t.offset, true, true)}`;
}

const unitNanos: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(text: string): number {
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(text);
  if (m === null) return fail(`time: invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * (unitNanos[part[2] ?? ''] ?? 0);
  return m[1] === '-' ? -total : total;
}
