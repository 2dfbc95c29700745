import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Attributes, ManagedResource } from '../model.js';
import { formatAddress, parseAddress, type ResourceAddress } from './address.js';
import { checkValueDepth } from './read-json.js';

/** Options shared by the plan and state readers. */
export interface ReadOptions {
  /** Only resources of these types. @default every type */
  readonly types?: ReadonlySet<string> | undefined;
}

/** A module of `terraform show -json` values (state `values`, plan `prior_state.values`). */
export interface ShowModule {
  resources?:
    | {
        address: string;
        mode: string;
        type: string;
        deposed_key?: string | undefined;
        values?: Record<string, unknown> | null | undefined;
      }[]
    | undefined;
  child_modules?: ShowModule[] | undefined;
}

/** Loose: unknown keys pass, as the format's compatibility promise asks. */
export const showModuleSchema: z.ZodType<ShowModule> = z.lazy(() =>
  z.looseObject({
    resources: z
      .array(
        z.looseObject({
          address: z.string(),
          mode: z.string(),
          type: z.string(),
          deposed_key: z.string().optional(),
          values: z.record(z.string(), z.unknown()).nullish(),
        }),
      )
      .optional(),
    child_modules: z.array(showModuleSchema).optional(),
  }),
);

/** True when `type` passes the type filter. */
export function isWanted(type: string, options: ReadOptions): boolean {
  return options.types === undefined || options.types.has(type);
}

/**
 * Managed resources of a module tree, child modules included, depth first.
 * Deposed objects (`deposed_key`) are left out: they are on their way out and
 * share the address of the current object.
 */
export function collectShowModule(
  module: ShowModule,
  options: ReadOptions,
  file: string,
): ManagedResource[] {
  const out: ManagedResource[] = [];
  for (const r of module.resources ?? []) {
    if (r.mode !== 'managed' || r.deposed_key !== undefined || !isWanted(r.type, options)) continue;
    checkValueDepth(file, r.address, r.values);
    // Re-print through the model so every reader's addresses compare equal.
    const address = formatAddress(parseAddressIn(r.address, file));
    out.push(createManaged(address, r.type, (r.values ?? {}) as Attributes));
  }
  for (const child of module.child_modules ?? []) {
    out.push(...collectShowModule(child, options, file));
  }
  return out;
}

/** A ManagedResource; `id` is '' when the attributes hold no string id. */
export function createManaged(
  address: string,
  type: string,
  attributes: Attributes,
): ManagedResource {
  const id = attributes.id;
  return { type, address, id: typeof id === 'string' ? id : '', attributes };
}

/** parseAddress, with the file named in the error. */
export function parseAddressIn(text: string, file: string): ResourceAddress {
  try {
    return parseAddress(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`${file}: ${error.message}`, { file, cause: error });
  }
}

/**
 * `terraform show -json` output promises compatibility within a major
 * `format_version`; gcadopt reads 1.x and refuses other majors.
 */
export function checkFormatVersion(version: unknown, file: string): void {
  if (typeof version === 'string' && /^1(\.\d+)*$/.test(version)) return;
  throw new InputError(
    `${file}: format_version ${typeof version === 'string' ? version : (JSON.stringify(version) ?? '(none)')} is not supported (gcadopt reads terraform show -json format 1.x)`,
    {
      file,
      hint: 'Write it with Terraform 1.x (`terraform show -json`), or look for a gcadopt that reads this format.',
    },
  );
}

/** Modules nested deeper than this are refused: real configurations nest a handful. */
export const maxModuleDepth = 100;

/**
 * Refuses `child_modules` nested deeper than `maxModuleDepth` before the
 * schema (which recurses) sees them. `root` is a raw `root_module`.
 */
export function checkModuleDepth(root: unknown, file: string): void {
  const stack: [unknown, number][] = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [module, depth] = item;
    const children = isRecord(module) ? module.child_modules : undefined;
    if (!Array.isArray(children)) continue;
    if (depth >= maxModuleDepth) {
      throw new InputError(`${file}: modules nest deeper than ${maxModuleDepth} levels`, { file });
    }
    for (const child of children as unknown[]) stack.push([child, depth + 1]);
  }
}

/** `json.a.b.c`, or undefined where a step is not an object. */
export function pickPath(json: unknown, ...keys: string[]): unknown {
  let value = json;
  for (const key of keys) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
