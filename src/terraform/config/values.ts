/** A value not known statically, with why. */
export class Unknown {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/** A value as the evaluator computes it. */
export type Value =
  string | number | boolean | null | Unknown | readonly Value[] | { readonly [key: string]: Value };

export function isObject(value: Value): value is { readonly [key: string]: Value } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Unknown)
  );
}

/** The first unknown inside a value, if any (unknown anywhere makes the whole unknown for keys and names). */
export function findUnknown(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    for (const v of value as readonly Value[]) {
      const u = findUnknown(v);
      if (u !== undefined) return u;
    }
  } else if (isObject(value)) {
    for (const v of Object.values(value)) {
      const u = findUnknown(v);
      if (u !== undefined) return u;
    }
  }
  return undefined;
}

/** Terraform's string conversion of a primitive. */
export function toStringValue(value: Value, what: string): string | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatNumber(value);
  if (value === null) throw new EvalError(`${what} is null`);
  throw new EvalError(`${what} must be a string, not a ${Array.isArray(value) ? 'list' : 'map'}`);
}

/** An evaluation problem: Terraform would reject the configuration. */
export class EvalError extends Error {
  override readonly name = 'EvalError';
}

/**
 * A number as Terraform prints it: decimal digits, never an exponent
 * (cty's big.Float Text('f', -1)).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = '', lead = '', frac = '', exp = '0'] = match;
  const digits = lead + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A finite number as an exact decimal: digits and how many of them are fractional. */
function toDecimal(n: number): { digits: bigint; scale: number } {
  const text = formatNumber(n);
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const digits = BigInt(whole + frac);
  return { digits: text.startsWith('-') ? -digits : digits, scale: frac.length };
}

function fromDecimal(digits: bigint, scale: number): number {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const point = text.length - scale;
  return Number(`${negative ? '-' : ''}${text.slice(0, point)}.${text.slice(point) || '0'}`);
}

/**
 * Terraform adds, subtracts and multiplies numbers as decimals of high
 * precision (0.1 + 0.2 is 0.3): the literals' decimal values are combined
 * exactly, then rounded once to a double.
 */
export function decimalArithmetic(op: '+' | '-' | '*', a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b))
    return op === '+' ? a + b : op === '-' ? a - b : a * b;
  const x = toDecimal(a);
  const y = toDecimal(b);
  if (op === '*') return fromDecimal(x.digits * y.digits, x.scale + y.scale);
  const scale = Math.max(x.scale, y.scale);
  const xs = x.digits * 10n ** BigInt(scale - x.scale);
  const ys = y.digits * 10n ** BigInt(scale - y.scale);
  return fromDecimal(op === '+' ? xs + ys : xs - ys, scale);
}
