import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Attributes, DesiredResource, ManagedResource, PlannedAction } from '../model.js';
import { configAddress, formatAddress } from './address.js';
import { collectReasons, markUnknown } from './plan-unknown.js';
import { identifyJson } from './json-kind.js';
import { checkValueDepth, readJsonFile, createShapeError } from './read-json.js';
import {
  checkFormatVersion,
  checkModuleDepth,
  collectShowModule,
  pickPath,
  parseAddressIn,
  showModuleSchema,
  isWanted,
  type ReadOptions,
} from './show-json.js';

const changeSchema = z.looseObject({
  actions: z.array(z.string()).min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  after_unknown: z.unknown().optional(),
  importing: z.looseObject({ id: z.string().optional() }).nullish(),
});

/** Loose: unknown keys pass, as the format's compatibility promise asks. */
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
        deposed: z.string().optional(),
        change: changeSchema,
      }),
    )
    .default([]),
  prior_state: z
    .looseObject({ values: z.looseObject({ root_module: showModuleSchema.optional() }).nullish() })
    .nullish(),
  configuration: z.unknown().optional(),
});

/** What a plan says, for the types asked for. */
export interface Plan {
  /** The Terraform that wrote it, e.g. `1.9.8`. */
  readonly terraformVersion: string | undefined;
  /** Every planned change (no-op and delete included) of managed resources, in plan order. */
  readonly desired: DesiredResource[];
  /** What state held before the plan (its `prior_state`). */
  readonly managed: ManagedResource[];
}

/** Options for reading a plan. */
export type PlanOptions = ReadOptions;

/**
 * Reads `terraform show -json PLANFILE` output (format_version 1.x). A state,
 * a saved plan (zip) or another tool's JSON is refused, naming what it looks like.
 */
export async function readPlan(path: string, options: PlanOptions = {}): Promise<Plan> {
  return parsePlan(await readJsonFile(path, 'plan'), path, options);
}

/** Parses plan JSON. `file` names it in errors; every shape problem is listed. */
export function parsePlan(json: unknown, file: string, options: PlanOptions = {}): Plan {
  if (isRecord(json) && Object.hasOwn(json, 'format_version'))
    checkFormatVersion(json.format_version, file);
  const identity = identifyJson(json);
  if (identity.kind !== 'plan') {
    const state = identity.kind === 'state' || identity.kind === 'show-state';
    throw new InputError(
      `${file} is ${identity.looksLike}, ${state ? 'not a plan: pass it as --state' : 'not a Terraform plan'}`,
      {
        file,
        hint: 'Write the plan as JSON with `terraform plan -out tfplan` and `terraform show -json tfplan > plan.json`.',
      },
    );
  }
  checkModuleDepth(pickPath(json, 'prior_state', 'values', 'root_module'), file);
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) throw createShapeError(file, 'Terraform plan', parsed.error.issues);
  const plan = parsed.data;
  const reasons = collectReasons(plan.configuration);
  const desired: DesiredResource[] = [];
  for (const rc of plan.resource_changes) {
    // A deposed object shares the address of the current one and is being destroyed.
    if (rc.mode !== 'managed' || rc.deposed !== undefined || !isWanted(rc.type, options)) continue;
    checkValueDepth(file, rc.address, rc.change.after, rc.change.after_unknown, rc.change.before);
    const address = parseAddressIn(rc.address, file);
    const after = markUnknown(
      rc.change.after,
      rc.change.after_unknown,
      reasons.get(configAddress(address)),
    );
    const before = rc.change.before;
    desired.push({
      type: rc.type,
      address: formatAddress(address),
      action: foldActions(rc.change.actions, file, rc.address),
      attributes: isRecord(after) ? after : {},
      before: isRecord(before) ? (before as Attributes) : undefined,
      importId: rc.change.importing?.id ?? undefined,
    });
  }
  const root = plan.prior_state?.values?.root_module;
  const managed = root === undefined ? [] : collectShowModule(root, options, file);
  return { terraformVersion: plan.terraform_version, desired, managed };
}

/**
 * One action for a change's `actions` list. `forget` (a `removed` block that
 * keeps the object) leaves Terraform's hands like a delete, though the object
 * stays; `create,forget` creates a new object beside the one it forgets.
 */
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
    case 'create,forget':
      return 'create';
    default:
      throw new InputError(`${file}: unknown actions [${actions.join(', ')}] for ${address}`, {
        file,
      });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
