/**
 * The data that flows between the readers (terraform/), the org (kinds/), the
 * engine (preflight/) and the renderers (report/). Plain data only.
 */

/** Where a resource is declared. `file` is relative to the scanned root, with `/` separators. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A value that cannot be known before apply; `unknown` says why. */
export interface UnknownValue {
  readonly unknown: string;
}

/** An attribute value as the readers see it. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | UnknownValue
  | readonly AttributeValue[]
  | { readonly [key: string]: AttributeValue };

export type Attributes = Readonly<Record<string, AttributeValue>>;

/** True when a value is (or is wholly) unknown before apply. */
export function isUnknown(value: AttributeValue | undefined): value is UnknownValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { unknown?: unknown }).unknown === 'string' &&
    Object.keys(value).length === 1
  );
}

/** What Terraform will do to one resource instance. */
export type PlannedAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read';

/**
 * One resource instance the configuration wants: from a plan's resource_changes,
 * or from the HCL reader when there is no plan.
 */
export interface DesiredResource {
  /** Terraform resource type, e.g. `genesyscloud_auth_division`. */
  readonly type: string;
  /** Full instance address as Terraform prints it. */
  readonly address: string;
  /** From a plan: its actions folded to one. From HCL: `create` unless state manages it. */
  readonly action: PlannedAction;
  /** Attribute values after apply (plan `after`, or evaluated HCL). */
  readonly attributes: Attributes;
  /** Attribute values before (plan `before`), when the object exists. */
  readonly before?: Attributes | undefined;
  /** Set when the plan imports this instance (`change.importing.id`) or an import block targets it. */
  readonly importId?: string | undefined;
  /** Where it is declared, when known. */
  readonly source?: SourceLocation | undefined;
}

/** One resource instance that Terraform state already manages. */
export interface ManagedResource {
  readonly type: string;
  readonly address: string;
  readonly id: string;
  readonly attributes: Attributes;
}

/** One live object of a kind, as listed from the org. */
export interface LiveObject {
  readonly id: string;
  readonly name: string;
  /** Kind-specific attributes in Terraform's attribute names (e.g. description, home). */
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
  /** Soft-deleted, but still holding its key (a deleted user's email). @default false */
  readonly deleted?: boolean | undefined;
  /** Built into every org (the "Default PCV Location"): referred to by a `data` block. @default false */
  readonly builtIn?: boolean | undefined;
}
