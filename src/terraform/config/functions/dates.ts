import {
  formatRfc3339,
  pad,
  parseDuration,
  parseTimestamp,
  wall,
  zone,
  type Timestamp,
} from './timestamps.js';
import { asString, fail, UnknownResult, type Fn } from './support.js';

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
