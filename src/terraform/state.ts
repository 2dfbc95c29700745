import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Attributes, ManagedResource } from '../model.js';
import { formatAddress, parseModulePath, type ModuleStep } from './address.js';
import { identifyJson } from './json-kind.js';
import { checkValueDepth, readJsonFile, createShapeError } from './read-json.js';
import {
  checkFormatVersion,
  checkModuleDepth,
  collectShowModule,
  pickPath,
  showModuleSchema,
  createManaged,
  isWanted,
  type ReadOptions,
} from './show-json.js';

const v4Schema = z.looseObject({
  version: z.literal(4),
  terraform_version: z.string().optional(),
  resources: z
    .array(
      z.looseObject({
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        module: z.string().optional(),
        instances: z.array(
          z.looseObject({
            index_key: z.union([z.string(), z.number().int().nonnegative()]).optional(),
            deposed: z.string().optional(),
            attributes: z.record(z.string(), z.unknown()).optional(),
            attributes_flat: z.record(z.string(), z.string()).optional(),
          }),
        ),
      }),
    )
    .default([]),
});

const showSchema = z.looseObject({
  format_version: z.string(),
  values: z.looseObject({ root_module: showModuleSchema.optional() }).nullish(),
});

/** Options for reading state. */
export type StateOptions = ReadOptions;

/**
 * Reads the managed resources of a state file: a v4 state (`terraform.tfstate`,
 * `terraform state pull`) or `terraform show -json` output, told apart by
 * shape. Data sources and deposed objects are left out.
 */
export async function readState(
  path: string,
  options: StateOptions = {},
): Promise<ManagedResource[]> {
  return parseState(await readJsonFile(path, 'state file'), path, options);
}

/** Parses state JSON of either shape. `file` names it in errors. */
export function parseState(
  json: unknown,
  file: string,
  options: StateOptions = {},
): ManagedResource[] {
  const identity = identifyJson(json);
  // identifyJson says 'state', 'show-state' and 'plan' of objects only.
  const record = (identity.kind === 'other' ? {} : json) as Record<string, unknown>;
  switch (identity.kind) {
    case 'state':
      return parseV4(record, file, options);
    case 'show-state':
      return parseShowState(record, file, options);
    case 'plan':
      checkFormatVersion(record.format_version, file);
      throw new InputError(`${file} is ${identity.looksLike}, not a state: pass it as --plan`, {
        file,
        hint: stateHint,
      });
    default:
      if (isRecord(json) && Object.hasOwn(json, 'format_version'))
        checkFormatVersion(json.format_version, file);
      throw new InputError(`${file} is ${identity.looksLike}, not a Terraform state`, {
        file,
        hint: stateHint,
      });
  }
}

const stateHint =
  'Write the state as JSON with `terraform show -json > state.json` or `terraform state pull > state.json`.';

function parseV4(
  json: Record<string, unknown>,
  file: string,
  options: StateOptions,
): ManagedResource[] {
  if (json.version !== 4) {
    throw new InputError(
      `${file}: state version ${JSON.stringify(json.version)} is not supported (gcadopt reads version 4, Terraform 0.12 and later)`,
      {
        file,
        hint: 'Upgrade the state with Terraform 0.12 or later, or pass `terraform show -json`.',
      },
    );
  }
  const parsed = v4Schema.safeParse(json);
  if (!parsed.success) throw createShapeError(file, 'Terraform state', parsed.error.issues);
  const out: ManagedResource[] = [];
  for (const r of parsed.data.resources) {
    if (r.mode !== 'managed' || !isWanted(r.type, options)) continue;
    const module = modulePath(r.module, file);
    for (const instance of r.instances) {
      // A deposed object shares the address of the current one and is being destroyed.
      if (instance.deposed !== undefined) continue;
      const address = formatAddress({
        module,
        mode: 'managed',
        type: r.type,
        name: r.name,
        key: instance.index_key,
      });
      checkValueDepth(file, address, instance.attributes);
      const attributes = instance.attributes ?? flatAttributes(instance.attributes_flat);
      out.push(createManaged(address, r.type, attributes as Attributes));
    }
  }
  return out;
}

function modulePath(text: string | undefined, file: string): ModuleStep[] {
  try {
    return parseModulePath(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`${file}: ${error.message}`, { file, cause: error });
  }
}

/**
 * Instances not rewritten since Terraform 0.11 keep `attributes_flat`
 * (`"tags.%" = "1"` style); its top-level scalars are what gcadopt needs.
 */
function flatAttributes(flat: Record<string, string> | undefined): Attributes {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(flat ?? {})) {
    if (!key.includes('.')) out[key] = value;
  }
  return out;
}

function parseShowState(
  json: Record<string, unknown>,
  file: string,
  options: StateOptions,
): ManagedResource[] {
  checkFormatVersion(json.format_version, file);
  checkModuleDepth(pickPath(json, 'values', 'root_module'), file);
  const parsed = showSchema.safeParse(json);
  if (!parsed.success) throw createShapeError(file, 'Terraform state', parsed.error.issues);
  const root = parsed.data.values?.root_module;
  return root === undefined ? [] : collectShowModule(root, options, file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
