import { asInteger, asNumber, asString, fail, type Fn } from './support.js';

/** Go's strconv.ParseInt digits for bases 2-62 (cty parseint). */
function parseInt62(text: string, base: number): number {
  if (base < 2 || base > 62) fail('base must be a whole number between 2 and 62 inclusive');
  const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const m = /^([-+]?)(.+)$/.exec(text);
  let value = 0n;
  for (const c of m?.[2] ?? '') {
    const d = base <= 36 ? digits.indexOf(c.toLowerCase()) : digits.indexOf(c);
    if (d < 0 || d >= base) fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
    value = value * BigInt(base) + BigInt(d);
  }
  if (m === null) fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
  return Number(m?.[1] === '-' ? -value : value);
}

const numbers = (args: readonly unknown[], fn: string): number[] => {
  if (args.length === 0) fail('must pass at least one number');
  return (args as Parameters<typeof asNumber>[0][]).map((a, i) =>
    asNumber(a, `${fn} argument ${i + 1}`),
  );
};

/** Numeric functions. */
export const numericFunctions: Readonly<Record<string, Fn>> = {
  abs: ([n]) => Math.abs(asNumber(n, 'abs')),
  ceil: ([n]) => Math.ceil(asNumber(n, 'ceil')),
  floor: ([n]) => Math.floor(asNumber(n, 'floor')),
  log: ([n, b]) => Math.log(asNumber(n, 'log')) / Math.log(asNumber(b, 'log base')),
  max: (args) => Math.max(...numbers(args, 'max')),
  min: (args) => Math.min(...numbers(args, 'min')),
  parseint: ([s, b]) => parseInt62(asString(s, 'parseint'), asInteger(b, 'parseint base')),
  pow: ([n, p]) => asNumber(n, 'pow') ** asNumber(p, 'pow power'),
  signum: ([n]) => Math.sign(asNumber(n, 'signum')) + 0,
};
