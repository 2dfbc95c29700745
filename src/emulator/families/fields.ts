import type { StoredEntity } from '../collection.js';
import { EmulatorError } from '../errors.js';
import type { FamilyContext } from '../families.js';

/** Field readers of the Architect and routing families, in the API's own terms. */
export interface FieldReader {
  /** A string field, required or optional; the current value when the body leaves it out. */
  readonly text: (field: string, required?: boolean) => Record<string, unknown>;
  /** An array field kept as given (`openSchedules: [{id}]`). */
  readonly list: (field: string) => Record<string, unknown>;
  /** `division: {id}` resolved against the org; the current or home division when absent. */
  readonly division: () => Record<string, unknown>;
  /** `version` counted up on every write. */
  readonly version: () => Record<string, unknown>;
}

const invalid = (field: string, message: string): EmulatorError =>
  new EmulatorError(400, 'invalid.value', message, { details: [{ fieldName: field }] });

/** Reads a POST/PUT body's fields, falling back to the object as it is. */
export function readBody(
  body: Record<string, unknown>,
  ctx: FamilyContext,
  current?: StoredEntity,
): FieldReader {
  return {
    text(field, required = false) {
      const value = body[field] ?? current?.[field];
      if (value === undefined || value === null || value === '') {
        if (required) throw invalid(field, `The field ${field} is required.`);
        return {};
      }
      if (typeof value !== 'string') throw invalid(field, `The field ${field} must be a string.`);
      return { [field]: value };
    },
    list(field) {
      const value = body[field] ?? current?.[field];
      if (value === undefined || value === null) return {};
      if (!Array.isArray(value)) throw invalid(field, `The field ${field} must be a list.`);
      return { [field]: value };
    },
    division() {
      const given = body.division as { id?: unknown } | undefined | null;
      if (given === undefined || given === null)
        return { division: current?.division ?? ctx.home() };
      const found = typeof given.id === 'string' ? ctx.division(given.id) : undefined;
      if (found === undefined) throw invalid('division.id', 'The division does not exist.');
      return { division: found };
    },
    version: () => ({ version: Number(current?.version ?? 0) + 1 }),
  };
}
