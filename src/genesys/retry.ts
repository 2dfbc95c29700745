/** How a failed attempt should be treated. */
export type Classification = 'throttled' | 'transient' | 'fatal';

/** When and how often to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 6 */
  readonly maxAttempts: number;
  /** First backoff delay, doubled each attempt. @default 300 */
  readonly baseDelayMs: number;
  /** Largest backoff delay. @default 10000 */
  readonly maxDelayMs: number;
  /** A Retry-After above this gives up instead of waiting (the provider stops at 180 s). @default 60000 */
  readonly maxRetryAfterMs: number;
  /** Total time the retries of one call may take. @default 120000 */
  readonly budgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  budgetMs: 120_000,
};

const transientStatuses = new Set([408, 500, 502, 503, 504]);
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'EAI_AGAIN',
]);

/**
 * Classifies an attempt's outcome: a status, or a thrown error. fetch wraps
 * socket failures in a TypeError whose `cause` has the code.
 */
export function classify(outcome: { status: number } | { error: unknown }): Classification {
  if ('status' in outcome) {
    if (outcome.status === 429) return 'throttled';
    return transientStatuses.has(outcome.status) ? 'transient' : 'fatal';
  }
  const error = outcome.error;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return error.name === 'TimeoutError' ? 'transient' : 'fatal';
  }
  const code = errorCode(error) ?? errorCode((error as { cause?: unknown } | undefined)?.cause);
  if (code !== undefined && networkCodes.has(code)) return 'transient';
  if (
    error instanceof TypeError &&
    /fetch failed|terminated|other side closed/i.test(error.message)
  )
    return 'transient';
  return 'fatal';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP date.
 * Undefined when absent or malformed (the caller falls back to backoff).
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The delay before the next attempt, or undefined to give up. `Retry-After`
 * wins and is never jittered; otherwise exponential backoff with full jitter.
 */
export function nextDelay(
  attempt: number,
  classification: Classification,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number | undefined {
  if (classification === 'fatal' || attempt >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined)
    return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}s`;

/**
 * Why retrying stopped, for the error message; undefined when the outcome was
 * never retryable (a 4xx, a POST that may have been processed).
 */
export function explainGiveUp(
  attempt: number,
  classification: Classification,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
): string | undefined {
  if (classification === 'fatal') return undefined;
  if (attempt >= policy.maxAttempts)
    return `the retry limit of ${policy.maxAttempts} attempt${policy.maxAttempts === 1 ? '' : 's'}`;
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)
    return `Retry-After ${seconds(retryAfterMs)} is longer than the ${seconds(policy.maxRetryAfterMs)} gcadopt waits`;
  return `the retry budget of ${seconds(policy.budgetMs)} is spent`;
}
