import { EvalError, Unknown, findUnknown, isObject, type Value } from '../values.js';
import { cidrFunctions } from './cidr.js';
import { collectionFunctions } from './collections.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { dateFunctions } from './dates.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { numericFunctions } from './numeric.js';
import { regexFunctions } from './regex.js';
import { stringFunctions } from './strings.js';
import { nfc, UnknownResult, type CallContext, type Fn } from './support.js';

export { createFileAccess } from './file-access.js';
export type { CallContext, FileAccess, ObjectValue } from './support.js';

/** Terraform's built-in functions (try and can are evaluated lazily by the evaluator). */
export const functions: Readonly<Record<string, Fn>> = {
  ...stringFunctions,
  ...formatFunctions,
  ...regexFunctions,
  ...collectionFunctions,
  ...encodingFunctions,
  ...filesystemFunctions,
  ...numericFunctions,
  ...conversionFunctions,
  ...cryptoFunctions,
  ...cidrFunctions,
  ...dateFunctions,
};

/** Functions that answer even when part of an argument is unknown (the unknown parts pass through). */
const partial = new Set([
  'coalesce',
  'coalescelist',
  'concat',
  'element',
  'keys',
  'length',
  'lookup',
  'merge',
  'one',
  'reverse',
  'slice',
  'tolist',
  'tomap',
  'values',
  'zipmap',
  'sensitive',
  'nonsensitive',
]);

/** Strings are NFC in Terraform whichever function made them; numbers have no -0. */
function normalize(v: Value): Value {
  if (typeof v === 'string') return nfc(v);
  // cty numbers have no negative zero.
  if (typeof v === 'number') return v === 0 ? 0 : v;
  if (Array.isArray(v)) return (v as Value[]).map(normalize);
  if (isObject(v))
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.normalize('NFC'), normalize(x)]),
    );
  return v;
}

/**
 * Calls a built-in function. Unknown arguments make an unknown result;
 * arguments Terraform rejects throw an EvalError naming the function.
 */
export function callFunction(name: string, args: readonly Value[], ctx: CallContext): Value {
  if (name.startsWith('provider::terraform::'))
    return new Unknown(`function "${name}" is not evaluated by gcadopt`);
  if (name.startsWith('provider::'))
    return new Unknown(`function "${name}" is defined by a provider and runs in it during plan`);
  const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (fn === undefined) throw new EvalError(`there is no function named "${name}"`);
  if (!partial.has(name)) {
    for (const arg of args) {
      const unknown = findUnknown(arg);
      if (unknown !== undefined) return unknown;
    }
  }
  try {
    return normalize(fn(args, ctx));
  } catch (error) {
    if (error instanceof UnknownResult) return error.unknown;
    if (error instanceof EvalError) throw new EvalError(`${name}(): ${error.message}`);
    throw error;
  }
}
