import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/** A value Terraform does not know yet (cty's unknown), e.g. an id before create. */
export const unknown: unique symbol = Symbol('unknown');

/** A primitive attribute value as cty carries it over msgpack. */
export type AttrValue = string | number | boolean | null | typeof unknown;

/** An object value: attribute name to value. */
export type ObjectValue = Record<string, AttrValue>;

const codec = new ExtensionCodec();
// cty writes an unknown value as msgpack extension 0 (and, with refinements such
// as "not null", extension 12); both read as plainly unknown, and gcadopt writes
// extension 0, as cty's own encoder does for a value with no refinements.
const readUnknown = (): typeof unknown => unknown;
codec.register({
  type: 0,
  encode: (value) => (value === unknown ? new Uint8Array([0]) : null),
  decode: readUnknown,
});
codec.register({ type: 12, encode: () => null, decode: readUnknown });

/**
 * Decodes a DynamicValue's msgpack bytes holding an object of primitive
 * attributes; an empty buffer or msgpack nil is a null object.
 */
export function decodeObject(bytes: Uint8Array | undefined): ObjectValue | null {
  if (bytes === undefined || bytes.length === 0) return null;
  const value = decode(bytes, { extensionCodec: codec, useBigInt64: false });
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TypeError('expected an object value from Terraform');
  return value as ObjectValue;
}

/** Encodes an object (or null) as a DynamicValue's msgpack bytes. */
export function encodeObject(value: ObjectValue | null): Uint8Array {
  return encode(value, { extensionCodec: codec });
}

/** The string attribute `name` of `value`, or undefined when null or unknown. */
export function stringOf(value: ObjectValue | null, name: string): string | undefined {
  const v = value?.[name];
  return typeof v === 'string' ? v : undefined;
}
