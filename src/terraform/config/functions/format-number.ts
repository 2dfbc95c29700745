import { fail, formatNumber } from './support.js';

/** One parsed verb of a format string. */
export interface Verb {
  readonly raw: string;
  readonly arg: number;
  readonly mode: string;
  readonly flags: string;
  readonly width: number | undefined;
  readonly prec: number | undefined;
  /** Its offset in the format string. */
  readonly at?: number | undefined;
}

const signOf = (negative: boolean, flags: string): string =>
  negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';

/** Go's big.Int Format. */
export function formatInteger(verb: Verb, n: number): string {
  if (!Number.isInteger(n)) fail(`unsupported value for "${verb.raw}": an integer is required`);
  const radix = { b: 2, o: 8, d: 10, x: 16, X: 16 }[verb.mode] ?? 10;
  let digits = Math.abs(n).toString(radix);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  const sharp = verb.flags.includes('#');
  const prefix = !sharp
    ? ''
    : { b: '0b', o: '0', x: '0x', X: '0X', d: '' }[verb.mode as 'b' | 'o' | 'x' | 'X' | 'd'];
  const sign = signOf(n < 0, verb.flags);
  let zeros = 0;
  if (verb.prec !== undefined) {
    if (digits.length < verb.prec) zeros = verb.prec - digits.length;
    else if (digits === '0' && verb.prec === 0) return '';
  }
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (verb.width !== undefined && length < verb.width) {
    const d = verb.width - length;
    if (verb.flags.includes('-')) right = d;
    else if (verb.flags.includes('0') && verb.prec === undefined) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** Digits and decimal exponent of |n| at a number of significant digits (shortest when undefined). */
function decimal(n: number, significant: number | undefined): { digits: string; exp: number } {
  const text =
    significant === undefined
      ? Math.abs(n).toExponential()
      : Math.abs(n).toExponential(significant - 1);
  const [mant = '0', exp = '0'] = text.split('e');
  return { digits: mant.replace('.', ''), exp: Number(exp) + 1 };
}

/** big.Float's %e of |n|. */
function eForm(n: number, prec: number | undefined, upper: boolean): string {
  const text = prec === undefined ? Math.abs(n).toExponential() : Math.abs(n).toExponential(prec);
  const [mant = '', exp = '0'] = text.split('e');
  const e = Number(exp);
  const out = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

/** big.Float's %e %f %g without sign or padding. */
export function formatFloatDigits(n: number, mode: string, prec: number | undefined): string {
  if (mode === 'e' || mode === 'E') return eForm(n, prec ?? 6, mode === 'E');
  if (mode === 'f') return fixed(n, prec ?? 6);
  // %g: shortest unless a precision is given; %e when the exponent is < -4 or >= the precision.
  const shortest = prec === undefined;
  const d = decimal(n, shortest ? undefined : Math.max(prec, 1));
  let eprec = shortest ? 6 : Math.max(prec, 1);
  if (!shortest && eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
  const exp = d.exp - 1;
  const trimmed = d.digits.replace(/0+$/, '') || '0';
  if (n === 0) return '0';
  if (exp < -4 || exp >= eprec) {
    const mant = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : trimmed;
    const out = `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return mode === 'G' ? out.toUpperCase() : out;
  }
  return formatNumber(Number(`0.${trimmed}e${d.exp}`));
}

/** big.Float's %f digits of |n|. */
function fixed(n: number, prec: number): string {
  const abs = Math.abs(n);
  if (abs < 1e21) {
    // big.Float rounds an exact tie to even (2.5 -> "2"); toFixed rounds it up.
    const exact = abs.toFixed(Math.min(100, prec + 60));
    const cut = exact.length - (Math.min(100, prec + 60) - prec);
    if (/^50*$/.test(exact.slice(cut))) {
      const kept = exact.slice(0, prec === 0 ? cut - 1 : cut);
      const last = Number(kept.at(-1));
      if (last % 2 === 0) return kept;
    }
    return abs.toFixed(prec);
  }
  const whole = formatNumber(abs);
  return prec > 0 ? `${whole}.${'0'.repeat(prec)}` : whole;
}

/** Go's big.Float Format: sign, then '0' padding wins over '-'. */
export function formatFloat(verb: Verb, n: number): string {
  const body = formatFloatDigits(n, verb.mode, verb.prec);
  const sign = signOf(n < 0 || Object.is(n, -0), verb.flags);
  const pad = Math.max(0, (verb.width ?? 0) - sign.length - body.length);
  if (verb.flags.includes('0')) return sign + '0'.repeat(pad) + body;
  if (verb.flags.includes('-')) return sign + body + ' '.repeat(pad);
  return ' '.repeat(pad) + sign + body;
}
