import { createNetworkError, createStatusError, HcpError, type HcpFetch } from './hcp-fetch.js';

/** How to deliver a task result. */
export interface CallbackOptions {
  readonly fetch: HcpFetch;
  /** Epoch ms after which no attempt starts (HCP Terraform waits 10 minutes). */
  readonly deadline: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Per attempt, in ms. */
  readonly timeoutMs: number;
}

/** Delay before attempt `attempt + 1`: Retry-After wins, else exponential with full jitter. */
export function nextCallbackDelay(attempt: number, error: HcpError, random: () => number): number {
  if (error.retryAfter !== undefined) return Math.min(error.retryAfter * 1000, 60_000);
  const cap = Math.min(500 * 2 ** (attempt - 1), 30_000);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * PATCHes the JSON:API task result to the callback URL with the run's token,
 * retrying network failures, 408, 429 and 5xx until the deadline. Returns the
 * number of attempts; throws the last HcpError when it cannot deliver.
 */
export async function sendTaskResult(
  url: string,
  token: string,
  body: unknown,
  options: CallbackOptions,
): Promise<number> {
  const text = JSON.stringify(body);
  for (let attempt = 1; ; attempt += 1) {
    let error: HcpError;
    try {
      const response = await options.fetch(url, {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/vnd.api+json',
        },
        body: text,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return attempt;
      error = createStatusError('the task result callback', response);
    } catch (caught) {
      error =
        caught instanceof HcpError
          ? caught
          : createNetworkError('the task result callback', caught);
    }
    const delay = nextCallbackDelay(attempt, error, options.random);
    if (!error.retryable || options.now() + delay >= options.deadline) {
      throw new HcpError(`${error.message} (after ${attempt} attempt(s))`, {
        retryable: false,
        ...(error.status === undefined ? {} : { status: error.status }),
        cause: error,
      });
    }
    await options.sleep(delay);
  }
}
