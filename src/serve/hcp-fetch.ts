/** The fetch the service uses to reach HCP Terraform (global fetch; tests may wrap it). */
export type HcpFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Why talking to HCP Terraform failed: a one-line reason for the task result and the log. */
export class HcpError extends Error {
  /** HTTP status, when an answer came. */
  readonly status: number | undefined;
  /** Worth another attempt (network, 408, 429, 5xx). */
  readonly retryable: boolean;
  /** Seconds HCP Terraform asked to wait (Retry-After), when it did. */
  readonly retryAfter: number | undefined;

  constructor(
    message: string,
    options: { status?: number; retryable: boolean; retryAfter?: number; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HcpError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfter = options.retryAfter;
  }
}

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

/** An HcpError for a non-2xx answer; `what` names the request ("the plan JSON"). */
export function createStatusError(what: string, response: Response): HcpError {
  const status = response.status;
  const reason =
    status === 401 || status === 403
      ? 'refused the run access token (expired or revoked)'
      : `answered ${status}`;
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return new HcpError(`HCP Terraform ${reason} for ${what}`, {
    status,
    retryable: retryableStatuses.has(status),
    ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfter: seconds } : {}),
  });
}

/** An HcpError for a request that got no answer. */
export function createNetworkError(what: string, error: unknown): HcpError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new HcpError(`could not reach HCP Terraform for ${what} (${detail})`, {
    retryable: true,
    cause: error,
  });
}
