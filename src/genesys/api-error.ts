import { GcadoptError } from '../errors.js';

/** What the platform said, as far as its error body tells. */
export interface ApiErrorDetails {
  readonly status: number;
  readonly method: string;
  /** Path and query only: never a host credential or token. */
  readonly path: string;
  /** Genesys error code, e.g. `general.conflict`. */
  readonly genesysCode: string | undefined;
  readonly correlationId: string | undefined;
  readonly attempts: number;
  /** Why the retries stopped (limit, budget, Retry-After), when the status was retryable. */
  readonly gaveUp?: string | undefined;
  /** The error body, when JSON. */
  readonly body: unknown;
}

/** The API answered with an error status. */
export class ApiError extends GcadoptError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly genesysCode: string | undefined;
  readonly correlationId: string | undefined;
  readonly attempts: number;
  /** Why the retries stopped, when the status was retryable. */
  readonly gaveUp: string | undefined;
  declare readonly body: unknown;

  constructor(details: ApiErrorDetails, hint?: string) {
    super('api', describe(details), { hint: hint ?? hintFor(details) });
    this.name = 'ApiError';
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.genesysCode = details.genesysCode;
    this.correlationId = details.correlationId;
    this.attempts = details.attempts;
    this.gaveUp = details.gaveUp;
    // The raw body stays off enumeration so logging the error never dumps it.
    Object.defineProperty(this, 'body', { value: details.body, enumerable: false });
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { message?: unknown; error_description?: unknown; error?: unknown };
  if (typeof b.message === 'string') return b.message;
  if (typeof b.error_description === 'string') return b.error_description;
  return typeof b.error === 'string' ? b.error : undefined;
}

function describe(d: ApiErrorDetails): string {
  const what = messageOf(d.body) ?? 'no message';
  const code = d.genesysCode === undefined ? '' : ` ${d.genesysCode}`;
  const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
  const why = d.gaveUp === undefined ? '' : `; gave up: ${d.gaveUp}`;
  const id = d.correlationId === undefined ? '' : ` (correlation id ${d.correlationId})`;
  return redact(`${d.method} ${d.path} failed: ${d.status}${code}: ${what}${tries}${why}${id}`);
}

// A gateway may echo the request's Authorization header into its error text.
function redact(text: string): string {
  return text.replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]');
}

function hintFor(d: ApiErrorDetails): string | undefined {
  if (d.status === 401)
    return 'check the OAuth client id/secret and the region (the token is for one region only)';
  if (d.status === 403) return "grant the OAuth client's role the permission named above";
  if (d.status === 429) return 'the org rate limit was exhausted; try again in a minute';
  return undefined;
}

/** The Genesys error code of a body, if any. */
export function genesysCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code =
    (body as { code?: unknown; error?: unknown }).code ?? (body as { error?: unknown }).error;
  return typeof code === 'string' ? code : undefined;
}

const takenName = /already exists|duplicate value/i;

/**
 * True when the API refused a create or rename because the name is taken. A
 * duplicate is not always a 409: the one real body on record is a 400
 * `general.conflict` "Duplicate value ..." (users), and email domains answer
 * 400 "... already exists" (genesys-kinds.md, rule 1). So: any 409, or a 400
 * whose code is `general.conflict` or whose message says so.
 */
export function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 409) return true;
  if (error.status !== 400) return false;
  return error.genesysCode === 'general.conflict' || takenName.test(messageOf(error.body) ?? '');
}
