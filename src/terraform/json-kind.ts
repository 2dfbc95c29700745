/** What a JSON input file is, as far as gcadopt cares. */
export type JsonKind =
  /** `terraform show -json PLANFILE` */
  | 'plan'
  /** `terraform show -json` of a state */
  | 'show-state'
  /** A state file: `terraform.tfstate`, `terraform state pull` */
  | 'state'
  /** Anything else */
  | 'other';

/** A JSON file's kind and a phrase naming it for messages ("a Terraform state (...)"). */
export interface JsonIdentity {
  readonly kind: JsonKind;
  readonly looksLike: string;
}

const plan = 'a Terraform plan (terraform show -json of a plan)';
const showState = 'a Terraform state (terraform show -json of a state)';

// Output of other `terraform ... -json` commands, told apart by a key of their own.
const otherShowJson: readonly [string, string][] = [
  ['provider_schemas', 'Terraform provider schemas (terraform providers schema -json)'],
  ['function_signatures', 'Terraform function signatures (terraform metadata functions -json)'],
  ['diagnostics', 'terraform validate -json output'],
];

// What `terraform show -json` prints for a state: `{"format_version":"1.0"}` when it is empty.
const showStateKeys = new Set(['format_version', 'terraform_version', 'values']);

/**
 * Tells plans, states and other JSON apart by their keys. A plan always has
 * `planned_values` (even with no changes); `resource_changes` is left out when
 * there are none. A state shown as JSON has only `values` beside its versions.
 */
export function identifyJson(json: unknown): JsonIdentity {
  if (Array.isArray(json)) return { kind: 'other', looksLike: 'a JSON array' };
  if (typeof json !== 'object' || json === null) {
    return { kind: 'other', looksLike: `a JSON ${json === null ? 'null' : typeof json}` };
  }
  const record = json as Record<string, unknown>;
  const has = (key: string): boolean => Object.hasOwn(record, key);
  if (has('format_version')) {
    if (has('planned_values') || has('resource_changes')) return { kind: 'plan', looksLike: plan };
    const other = otherShowJson.find(([key]) => has(key));
    if (other !== undefined) return { kind: 'other', looksLike: other[1] };
    if (Object.keys(record).every((k) => showStateKeys.has(k)))
      return { kind: 'show-state', looksLike: showState };
  }
  if (typeof record.version === 'number' && isRecord(record.backend) && !has('resources')) {
    return {
      kind: 'other',
      looksLike: "Terraform's backend settings (.terraform/terraform.tfstate)",
    };
  }
  const other = describeOther(record, has);
  if (other !== undefined) return { kind: 'other', looksLike: other };
  // A number `version` is a state file's; an old or future one is refused by version, not by shape.
  if (typeof record.version === 'number')
    return { kind: 'state', looksLike: 'a Terraform state file (terraform.tfstate)' };
  const keys = Object.keys(record);
  if (keys.length === 0) return { kind: 'other', looksLike: 'an empty JSON object' };
  const shown = keys.slice(0, 3).map(describeKey).join(', ');
  return {
    kind: 'other',
    looksLike: `a JSON object with the keys ${shown}${keys.length > 3 ? ', ...' : ''}`,
  };
}

/** Other tools' JSON that people hand over by mistake. */
function describeOther(
  record: Record<string, unknown>,
  has: (key: string) => boolean,
): string | undefined {
  if (has('findings') && has('summary')) return 'a gcadopt report (check --format json)';
  const schema = typeof record.$schema === 'string' ? record.$schema : '';
  if (Array.isArray(record.runs) && (/sarif/i.test(schema) || has('version')))
    return 'a SARIF report';
  if (
    typeof record.name === 'string' &&
    ['dependencies', 'devDependencies', 'scripts', 'main', 'exports'].some(has)
  )
    return 'an npm package.json';
  return undefined;
}

/** A key of an unknown file, quoted and cut short so a hostile key cannot flood the message. */
function describeKey(key: string): string {
  const quoted = JSON.stringify(key.length > 30 ? `${key.slice(0, 30)}...` : key);
  return quoted.replace(/[^\x20-\x7e]/g, '?');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
