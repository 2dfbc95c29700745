import { z } from 'zod';
import { InputError } from '../errors.js';
import type {
  AttributeValue,
  Attributes,
  DesiredResource,
  ManagedResource,
  PlannedAction,
} from '../model.js';
import { configAddress, formatAddress, parseAddress } from './address.js';
import { describeIssues, readJsonFile } from './read-json.js';
import { checkFormatVersion, collectShowModule, type StateOptions } from './state.js';

const changeSchema = z.looseObject({
  actions: z.array(z.string()).min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  importing: z.looseObject({ id: z.string().optional() }).nullish(),
});

const planSchema = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z
    .array(
      z.looseObject({
        address: z.string(),
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        change: changeSchema,
      }),
    )
    .default([]),
  prior_state: z
    .looseObject({ values: z.looseObject({ root_module: z.unknown() }).optional() })
    .nullish(),
  configuration: z.unknown().optional(),
});

/** What a plan says, for the types asked for. */
export interface Plan {
  readonly terraformVersion: string | undefined;
  /** Every planned change (including no-op and delete) of the requested types. */
  readonly desired: DesiredResource[];
  /** What state held before the plan (its prior_state). */
  readonly managed: ManagedResource[];
}

/** Reads `terraform show -json PLANFILE` output. */
export async function readPlan(path: string, options: StateOptions = {}): Promise<Plan> {
  return parsePlan(await readJsonFile(path, 'plan'), path, options);
}

/** Parses plan JSON. `file` names it in errors. */
export function parsePlan(json: unknown, file: string, options: StateOptions = {}): Plan {
  if (
    typeof json !== 'object' ||
    json === null ||
    Array.isArray(json) ||
    !('format_version' in json)
  ) {
    throw new InputError(
      `${file} is not a Terraform plan: expected the output of \`terraform show -json PLANFILE\``,
      { file },
    );
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new InputError(`${file} is not a valid Terraform plan: ${problems.join('; ')}`, {
      file,
      problems,
    });
  }
  const plan = parsed.data;
  checkFormatVersion(plan.format_version, file);
  const reasons = collectNameReferences(plan.configuration);
  const desired: DesiredResource[] = [];
  for (const rc of plan.resource_changes) {
    if (rc.mode !== 'managed' || (options.types !== undefined && !options.types.has(rc.type)))
      continue;
    const address = parseAddress(rc.address);
    const why = reasons.get(configAddress(address));
    const after = markUnknown(rc.change.after, rc.change.after_unknown, why);
    desired.push({
      type: rc.type,
      address: formatAddress(address),
      action: foldActions(rc.change.actions, file, rc.address),
      attributes: isRecord(after) ? after : {},
      before: isRecord(rc.change.before) ? (rc.change.before as Attributes) : undefined,
      importId: rc.change.importing?.id ?? undefined,
    });
  }
  const root = plan.prior_state?.values?.root_module;
  const managed = root === undefined || root === null ? [] : collectShowModule(root, options);
  return { terraformVersion: plan.terraform_version, desired, managed };
}

function foldActions(actions: readonly string[], file: string, address: string): PlannedAction {
  const key = actions.join(',');
  switch (key) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
      return key;
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'forget':
      return 'delete';
    default:
      throw new InputError(`${file}: unknown actions [${actions.join(', ')}] for ${address}`, {
        file,
      });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Replaces every value that `after_unknown` marks as unknown with an
 * UnknownValue. `after_unknown` mirrors `after`: `true` where the value is
 * unknown, nested objects/arrays where only parts are.
 */
function markUnknown(after: unknown, unknown: unknown, reason: string | undefined): AttributeValue {
  if (unknown === true) return { unknown: reason ?? 'known only after apply' };
  if (Array.isArray(unknown) && Array.isArray(after)) {
    return after.map((v, i) => markUnknown(v, unknown[i], reason));
  }
  if (isRecord(unknown) && isRecord(after)) {
    const out: Record<string, AttributeValue> = {};
    for (const key of new Set([...Object.keys(after), ...Object.keys(unknown)])) {
      out[key] = markUnknown(after[key] ?? null, unknown[key], key === 'name' ? reason : undefined);
    }
    return out;
  }
  if (isRecord(unknown) && (after === undefined || after === null))
    return markUnknown({}, unknown, reason);
  return (after ?? null) as AttributeValue;
}

/**
 * From the plan's `configuration`, what each resource's `name` expression
 * refers to (e.g. `random_id.suffix.hex`), to explain why a name is unknown.
 */
function collectNameReferences(configuration: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (module: unknown, prefix: string): void => {
    if (!isRecord(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || typeof r.address !== 'string') continue;
      const refs = (r.expressions as { name?: { references?: unknown } } | undefined)?.name
        ?.references;
      if (Array.isArray(refs) && refs.length > 0) {
        const list = refs.filter(
          (x): x is string => typeof x === 'string' && !/^(each|count)\./.test(x),
        );
        out.set(
          `${prefix}${r.address}`,
          `known only after apply (depends on ${list.length > 0 ? list.join(', ') : refs.join(', ')})`,
        );
      }
    }
    const calls = isRecord(module.module_calls) ? module.module_calls : {};
    for (const [name, call] of Object.entries(calls)) {
      if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`);
    }
  };
  if (isRecord(configuration)) walk(configuration.root_module, '');
  return out;
}
