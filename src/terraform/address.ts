import { InputError } from '../errors.js';
import { quoteHclString, readHclString } from './hcl-string.js';

/** An instance key: a `for_each` string or a `count` index. */
export type InstanceKey = string | number;

/** One module call on the path to a resource. */
export interface ModuleStep {
  readonly name: string;
  readonly key?: InstanceKey | undefined;
}

/** A resource instance address, e.g. `module.a["k"].type.name[0]`. */
export interface ResourceAddress {
  readonly module: readonly ModuleStep[];
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly key?: InstanceKey | undefined;
}

/** `[0]` or `["key"]` as Terraform prints an instance key; '' for none. */
export function formatKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${quoteHclString(key)}]`;
}

/** The module path alone, e.g. `module.a["k"].module.b`; '' for the root module. */
export function formatModulePath(steps: readonly ModuleStep[]): string {
  return steps.map((s) => `module.${s.name}${formatKey(s.key)}`).join('.');
}

/** Prints an address exactly as Terraform does. */
export function formatAddress(address: ResourceAddress): string {
  const prefix = formatModulePath(address.module);
  const data = address.mode === 'data' ? 'data.' : '';
  const local = `${data}${address.type}.${address.name}${formatKey(address.key)}`;
  return prefix === '' ? local : `${prefix}.${local}`;
}

/** The address with every instance key removed: the configuration block it comes from. */
export function configAddress(address: ResourceAddress): string {
  return formatAddress({
    ...address,
    key: undefined,
    module: address.module.map((m) => ({ name: m.name })),
  });
}

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*/;

class Cursor {
  pos = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  ident(): string {
    const match = identifier.exec(this.text.slice(this.pos));
    if (match === null) throw this.fail('a name');
    this.pos += match[0].length;
    return match[0];
  }
  key(): InstanceKey | undefined {
    if (this.text[this.pos] !== '[') return undefined;
    this.pos += 1;
    let key: InstanceKey;
    if (this.text[this.pos] === '"') {
      const read = readHclString(this.text, this.pos);
      key = read.value;
      this.pos = read.end;
    } else {
      const digits = /^\d+/.exec(this.text.slice(this.pos));
      if (digits === null) throw this.fail('a quoted key or an index');
      key = Number(digits[0]);
      this.pos += digits[0].length;
    }
    if (this.text[this.pos] !== ']') throw this.fail('"]"');
    this.pos += 1;
    return key;
  }
  dot(): void {
    if (this.text[this.pos] !== '.') throw this.fail('"."');
    this.pos += 1;
  }
  fail(what: string): InputError {
    return new InputError(
      `invalid resource address "${this.text}": expected ${what} at column ${this.pos + 1}`,
    );
  }
}

/** Parses an address as Terraform prints it (plan `address`, `terraform state list`). */
export function parseAddress(text: string): ResourceAddress {
  const cursor = new Cursor(text.trim());
  const module: ModuleStep[] = [];
  let mode: 'managed' | 'data' = 'managed';
  try {
    for (;;) {
      const word = cursor.ident();
      if (word === 'module') {
        cursor.dot();
        const name = cursor.ident();
        module.push({ name, key: cursor.key() });
        cursor.dot();
        continue;
      }
      let type = word;
      if (word === 'data') {
        mode = 'data';
        cursor.dot();
        type = cursor.ident();
      }
      cursor.dot();
      const name = cursor.ident();
      const key = cursor.key();
      if (cursor.pos !== cursor.text.length) throw cursor.fail('the end of the address');
      return { module, mode, type, name, key };
    }
  } catch (error) {
    if (error instanceof InputError && error.message.startsWith('invalid resource address'))
      throw error;
    throw new InputError(`invalid resource address "${text}": ${(error as Error).message}`);
  }
}

/** Parses a module path such as `module.a["x"].module.b` (state files and plan `module_address`). */
export function parseModulePath(text: string | undefined): ModuleStep[] {
  if (text === undefined || text === '') return [];
  return [...parseAddress(`${text}.x.y`).module];
}
