import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Attributes, AttributeValue, ManagedResource } from '../model.js';
import { formatAddress, parseAddress, parseModulePath, type InstanceKey } from './address.js';
import { describeIssues, readJsonFile } from './read-json.js';

const v4Schema = z.looseObject({
  version: z.literal(4),
  resources: z
    .array(
      z.looseObject({
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        module: z.string().optional(),
        instances: z.array(
          z.looseObject({
            index_key: z.union([z.string(), z.number()]).optional(),
            attributes: z.record(z.string(), z.unknown()).optional(),
          }),
        ),
      }),
    )
    .default([]),
});

type ShowModule = {
  resources?:
    | {
        address: string;
        mode: string;
        type: string;
        values?: Record<string, unknown> | null | undefined;
      }[]
    | undefined;
  child_modules?: ShowModule[] | undefined;
};
const showModule: z.ZodType<ShowModule> = z.lazy(() =>
  z.looseObject({
    resources: z
      .array(
        z.looseObject({
          address: z.string(),
          mode: z.string(),
          type: z.string(),
          values: z.record(z.string(), z.unknown()).nullish(),
        }),
      )
      .optional(),
    child_modules: z.array(showModule).optional(),
  }),
);
const showSchema = z.looseObject({
  format_version: z.string(),
  values: z.looseObject({ root_module: showModule }).optional(),
});

/** Options for reading state. */
export interface StateOptions {
  /** Only these resource types. @default all */
  readonly types?: ReadonlySet<string> | undefined;
}

/** Reads a state file: v4 (`terraform.tfstate`, `terraform state pull`) or `terraform show -json`. */
export async function readState(
  path: string,
  options: StateOptions = {},
): Promise<ManagedResource[]> {
  return parseState(await readJsonFile(path, 'state file'), path, options);
}

/** Parses state JSON of either shape, detected by its keys. */
export function parseState(
  json: unknown,
  file: string,
  options: StateOptions = {},
): ManagedResource[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`${file} is not a Terraform state (expected a JSON object)`, { file });
  }
  const record = json as Record<string, unknown>;
  if ('version' in record) return parseV4(record, file, options);
  if ('format_version' in record) return parseShowState(record, file, options);
  throw new InputError(
    `${file} is not a Terraform state: no "version" (state file) or "format_version" (terraform show -json)`,
    { file },
  );
}

function parseV4(
  json: Record<string, unknown>,
  file: string,
  options: StateOptions,
): ManagedResource[] {
  if (json.version !== 4) {
    throw new InputError(
      `${file}: state version ${JSON.stringify(json.version)} is not supported (gcadopt reads version 4, Terraform 0.12 and later)`,
      { file },
    );
  }
  const parsed = v4Schema.safeParse(json);
  if (!parsed.success) throw invalid(file, parsed.error.issues);
  const out: ManagedResource[] = [];
  for (const r of parsed.data.resources) {
    if (r.mode !== 'managed' || (options.types !== undefined && !options.types.has(r.type)))
      continue;
    const module = parseModulePath(r.module);
    for (const instance of r.instances) {
      const attributes = (instance.attributes ?? {}) as Record<string, AttributeValue>;
      const key: InstanceKey | undefined = instance.index_key;
      out.push(
        toManaged(
          formatAddress({ module, mode: 'managed', type: r.type, name: r.name, key }),
          r.type,
          attributes,
        ),
      );
    }
  }
  return out;
}

function parseShowState(
  json: Record<string, unknown>,
  file: string,
  options: StateOptions,
): ManagedResource[] {
  const parsed = showSchema.safeParse(json);
  if (!parsed.success) throw invalid(file, parsed.error.issues);
  checkFormatVersion(parsed.data.format_version, file);
  const root = parsed.data.values?.root_module;
  return root === undefined ? [] : collectShowModule(root, options);
}

/** Resources of a `terraform show -json` module tree (state `values`, plan `prior_state.values`). */
export function collectShowModule(module: ShowModule, options: StateOptions): ManagedResource[] {
  const out: ManagedResource[] = [];
  for (const r of module.resources ?? []) {
    if (r.mode !== 'managed' || (options.types !== undefined && !options.types.has(r.type)))
      continue;
    // Re-print the address through the model so every reader's addresses compare equal.
    out.push(
      toManaged(
        formatAddress(parseAddress(r.address)),
        r.type,
        (r.values ?? {}) as Record<string, AttributeValue>,
      ),
    );
  }
  for (const child of module.child_modules ?? []) out.push(...collectShowModule(child, options));
  return out;
}

function toManaged(address: string, type: string, attributes: Attributes): ManagedResource {
  const id = attributes.id;
  return { type, address, id: typeof id === 'string' ? id : '', attributes };
}

/** `terraform show -json` output is format 1.x; other majors are refused. */
export function checkFormatVersion(version: string, file: string): void {
  if (!/^1\.\d+$/.test(version)) {
    throw new InputError(
      `${file}: format_version ${version} is not supported (gcadopt reads terraform show -json format 1.x)`,
      { file },
    );
  }
}

function invalid(
  file: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): InputError {
  const problems = describeIssues(issues);
  return new InputError(`${file} is not a valid Terraform state: ${problems.join('; ')}`, {
    file,
    problems,
  });
}

export type { ShowModule };
