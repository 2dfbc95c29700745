import { GcadoptError } from '../errors.js';
import { ApiError } from '../genesys/api-error.js';

/** The protocol's Diagnostic message, as grpc's loader takes it. */
export interface DiagnosticMessage {
  readonly severity: 'ERROR' | 'WARNING';
  readonly summary: string;
  readonly detail: string;
}

function apiMessageOf(error: ApiError): string | undefined {
  const body: unknown = error.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Turns a failure into the one error diagnostic Terraform prints: `summary`
 * says what failed and, for an API error, the API's own message; `detail`
 * carries the request, status, code and correlation id. Messages come from
 * gcadopt's errors, which never hold a secret.
 */
export function createErrorDiagnostic(what: string, error: unknown): DiagnosticMessage {
  if (error instanceof ApiError) {
    const said = apiMessageOf(error);
    return {
      severity: 'ERROR',
      summary: said === undefined ? `${what}: ${error.message}` : `${what}: ${said}`,
      detail: error.hint === undefined ? error.message : `${error.message}\n${error.hint}`,
    };
  }
  if (GcadoptError.is(error)) {
    return {
      severity: 'ERROR',
      summary: `${what}: ${error.message}`,
      detail: error.hint ?? '',
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    severity: 'ERROR',
    summary: `${what}: ${text}`,
    detail: 'unexpected error in the gcadopt provider',
  };
}
