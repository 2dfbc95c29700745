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
  /** Module calls from the root; empty for the root module. */
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

/** Prints an address exactly as Terraform does: `module.a["k"].module.b[0].type.name["key"]`. */
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

/** The module instance holding the resource, e.g. `module.a["k"]`; '' for the root module. */
export function moduleAddress(address: ResourceAddress): string {
  return formatModulePath(address.module);
}

const identifier = /[A-Za-z_][A-Za-z0-9_-]*/y;
const index = /\d+/y;

/** Reads an address left to right; every failure names the column. */
class Reader {
  pos = 0;
  readonly text: string;
  readonly what: string;
  constructor(text: string, what: string) {
    this.text = text;
    this.what = what;
  }
  get done(): boolean {
    return this.pos === this.text.length;
  }
  ident(): string {
    return this.match(identifier, 'a name');
  }
  key(): InstanceKey | undefined {
    if (this.text[this.pos] !== '[') return undefined;
    this.pos += 1;
    let key: InstanceKey;
    if (this.text[this.pos] === '"') {
      try {
        const read = readHclString(this.text, this.pos);
        key = read.value;
        this.pos = read.end;
      } catch (error) {
        throw this.fail(`a valid string key (${(error as Error).message})`);
      }
    } else {
      key = Number(this.match(index, 'a quoted key or an index'));
    }
    if (this.text[this.pos] !== ']') throw this.fail('"]"');
    this.pos += 1;
    return key;
  }
  dot(): void {
    if (this.text[this.pos] !== '.') throw this.fail('"."');
    this.pos += 1;
  }
  /** `module.NAME[KEY].` steps, as many as there are. */
  modules(): ModuleStep[] {
    const steps: ModuleStep[] = [];
    while (this.text.startsWith('module.', this.pos)) steps.push(this.step(true));
    return steps;
  }
  /** One `module.NAME[KEY]`, then the dot that follows it when `dot`. */
  step(dot: boolean): ModuleStep {
    if (!this.text.startsWith('module.', this.pos)) throw this.fail('"module."');
    this.pos += 'module.'.length;
    const step = { name: this.ident(), key: this.key() };
    if (dot) this.dot();
    return step;
  }
  private match(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null) throw this.fail(what);
    this.pos += found[0].length;
    return found[0];
  }
  fail(expected: string): InputError {
    return new InputError(
      `invalid ${this.what} ${JSON.stringify(this.text)}: expected ${expected} at column ${this.pos + 1}`,
    );
  }
}

/**
 * Parses an address as Terraform prints it (plan `address`, `terraform state
 * list`), decoding string keys. Throws an InputError naming the column.
 */
export function parseAddress(text: string): ResourceAddress {
  const reader = new Reader(text, 'resource address');
  const module = reader.modules();
  let mode: 'managed' | 'data' = 'managed';
  let type = reader.ident();
  if (type === 'data') {
    mode = 'data';
    reader.dot();
    type = reader.ident();
  }
  reader.dot();
  const name = reader.ident();
  const key = reader.key();
  if (!reader.done) throw reader.fail('the end of the address');
  return { module, mode, type, name, key };
}

/**
 * Parses a module path such as `module.a["x"].module.b` (state `module`,
 * plan `module_address`); empty or undefined is the root module.
 */
export function parseModulePath(text: string | undefined): ModuleStep[] {
  if (text === undefined || text === '') return [];
  const reader = new Reader(text, 'module path');
  const steps = [reader.step(false)];
  while (!reader.done) {
    reader.dot();
    steps.push(reader.step(false));
  }
  return steps;
}
