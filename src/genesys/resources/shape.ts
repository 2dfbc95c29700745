/**
 * Hand checks of API objects, with the messages zod would give. A listing parses
 * thousands of objects, and loading zod alone costs more than a page of them:
 * these few checks keep `list` and `check` from paying for it.
 */

/** What a value is, in the words of an "expected X, received Y" message. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'Infinity';
  return typeof value;
}

/** One "path: message" problem, listed in field order. */
export type ShapeIssues = string[];

function mismatch(issues: ShapeIssues, path: string, expected: string, value: unknown): void {
  const where = path === '' ? '' : `${path}: `;
  issues.push(`${where}Invalid input: expected ${expected}, received ${describeValue(value)}`);
}

/** The value as a plain object, or undefined after noting the problem. */
export function checkObject(
  issues: ShapeIssues,
  value: unknown,
): Readonly<Record<string, unknown>> | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  mismatch(issues, '', 'object', value);
  return undefined;
}

/** A required string field. */
export function checkString(
  issues: ShapeIssues,
  obj: Readonly<Record<string, unknown>>,
  key: string,
): void {
  if (typeof obj[key] !== 'string') mismatch(issues, key, 'string', obj[key]);
}

/** An optional string field; `nullable` also accepts null. */
export function checkOptionalString(
  issues: ShapeIssues,
  obj: Readonly<Record<string, unknown>>,
  key: string,
  nullable = false,
): void {
  const v = obj[key];
  if (v === undefined || (nullable && v === null) || typeof v === 'string') return;
  mismatch(issues, key, 'string', v);
}

/** An optional boolean field. */
export function checkOptionalBoolean(
  issues: ShapeIssues,
  obj: Readonly<Record<string, unknown>>,
  key: string,
): void {
  const v = obj[key];
  if (v !== undefined && typeof v !== 'boolean') mismatch(issues, key, 'boolean', v);
}

/** An optional record of finite numbers. */
export function checkOptionalNumberRecord(
  issues: ShapeIssues,
  obj: Readonly<Record<string, unknown>>,
  key: string,
): void {
  const v = obj[key];
  if (v === undefined) return;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    mismatch(issues, key, 'record', v);
    return;
  }
  for (const [k, n] of Object.entries(v)) {
    if (typeof n !== 'number' || !Number.isFinite(n)) mismatch(issues, `${key}.${k}`, 'number', n);
  }
}
