import { asString, fail, UnknownResult, type Fn } from './support.js';

/** A parsed RFC 3339 timestamp: the instant and the offset it was written in. */
interface Timestamp {
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
function wall(t: Timestamp): Date {
  return new Date(t.ms + t.offset * 60_000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function zone(offset: number, colon: boolean, z: boolean): string {
  if (z && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** Go's time.RFC3339 layout: no fractional seconds. */
function formatRfc3339(t: Timestamp): string {
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
function parseDuration(text: string): number {
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(text);
  if (m === null) return fail(`time: invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(part[1]) * (unitNanos[part[2] ?? ''] ?? 0);
  return m[1] === '-' ? -total : total;
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function verb(tok: string, t: Timestamp): string {
  const w = wall(t);
  const n = tok.length;
  const choose = (forms: Record<number, () => string>, rule: string): string =>
    forms[n]?.() ?? fail(`invalid date format verb "${tok}": ${rule}`);
  const hour12 = w.getUTCHours() % 12 === 0 ? 12 : w.getUTCHours() % 12;
  switch (tok[0]) {
    case 'Y':
      return choose(
        { 2: () => pad(w.getUTCFullYear() % 100), 4: () => pad(w.getUTCFullYear(), 4) },
        'year must either be "YY" or "YYYY"',
      );
    case 'M': {
      const name = months[w.getUTCMonth()] ?? '';
      return choose(
        {
          1: () => String(w.getUTCMonth() + 1),
          2: () => pad(w.getUTCMonth() + 1),
          3: () => name.slice(0, 3),
          4: () => name,
        },
        'month must be "M", "MM", "MMM", or "MMMM"',
      );
    }
    case 'D':
      return choose(
        { 1: () => String(w.getUTCDate()), 2: () => pad(w.getUTCDate()) },
        'day of month must either be "D" or "DD"',
      );
    case 'E': {
      const name = weekdays[w.getUTCDay()] ?? '';
      return choose(
        { 3: () => name.slice(0, 3), 4: () => name },
        'day of week must either be "EEE" or "EEEE"',
      );
    }
    case 'h':
      return choose(
        { 1: () => String(w.getUTCHours()), 2: () => pad(w.getUTCHours()) },
        '24-hour must either be "h" or "hh"',
      );
    case 'H':
      return choose(
        { 1: () => String(hour12), 2: () => pad(hour12) },
        '12-hour must either be "H" or "HH"',
      );
    case 'A':
    case 'a': {
      const pm = w.getUTCHours() >= 12;
      const text = pm ? 'PM' : 'AM';
      return choose(
        { 2: () => (tok[0] === 'A' ? text : text.toLowerCase()) },
        `must be "${tok[0]}${tok[0]}"`,
      );
    }
    case 'm':
      return choose(
        { 1: () => String(w.getUTCMinutes()), 2: () => pad(w.getUTCMinutes()) },
        'minute must either be "m" or "mm"',
      );
    case 's':
      return choose(
        { 1: () => String(w.getUTCSeconds()), 2: () => pad(w.getUTCSeconds()) },
        'second must either be "s" or "ss"',
      );
    case 'Z':
      return choose(
        {
          1: () => zone(t.offset, true, true),
          3: () => (t.offset === 0 ? 'UTC' : zone(t.offset, false, false)),
          4: () => zone(t.offset, false, false),
          5: () => zone(t.offset, true, false),
        },
        'timezone must be Z, ZZZZ, or ZZZZZ',
      );
    default:
      return fail(`invalid date format verb "${tok}"`);
  }
}

/** cty's formatdate: letter runs are verbs, '…' is literal text, '' a quote. */
function formatDate(spec: string, t: Timestamp): string {
  let out = '';
  const tokens = spec.match(/'(?:[^']|'')*'?|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  for (const tok of tokens) {
    if (tok.startsWith("'")) {
      if (tok === "''") out += "'";
      else if (tok.length === 1 || !tok.endsWith("'")) fail("unterminated literal '");
      else out += tok.slice(1, -1).replaceAll("''", "'");
    } else if (/^[A-Za-z]/.test(tok)) out += verb(tok, t);
    else out += tok;
  }
  return out;
}

/** Date and time functions; the clock-reading ones are unknown until apply. */
export const dateFunctions: Readonly<Record<string, Fn>> = {
  formatdate: ([f, ts]) =>
    formatDate(
      asString(f, 'formatdate format'),
      parseTimestamp(asString(ts, 'formatdate timestamp')),
    ),
  timeadd: ([ts, d]) => {
    const t = parseTimestamp(asString(ts, 'timeadd timestamp'));
    const nanos = t.nanos + parseDuration(asString(d, 'timeadd duration'));
    return formatRfc3339({
      ms: t.ms + Math.floor(nanos / 1e6),
      nanos: ((nanos % 1e6) + 1e6) % 1e6,
      offset: t.offset,
    });
  },
  timecmp: ([a, b]) => {
    const x = parseTimestamp(asString(a, 'timecmp timestamp_a'));
    const y = parseTimestamp(asString(b, 'timecmp timestamp_b'));
    const d = x.ms - y.ms || x.nanos - y.nanos;
    return d < 0 ? -1 : d > 0 ? 1 : 0;
  },
  timestamp: () => {
    throw new UnknownResult('timestamp() is the time of apply');
  },
  plantimestamp: () => {
    throw new UnknownResult('plantimestamp() is the time terraform plan runs');
  },
};
