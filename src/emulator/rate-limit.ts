/** The `inin-ratelimit-*` numbers of one request. */
export interface RateState {
  readonly allowed: number;
  readonly count: number;
  /** Seconds until the window resets. */
  readonly resetSeconds: number;
  readonly limited: boolean;
}

/**
 * Per-token fixed one-minute windows, as the platform's per-token limit of
 * `ratePerMinute` requests behaves from the outside: counts reset a minute after
 * a window opens; over the limit every request gets 429 until then.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #allowed: number;
  readonly #now: () => number;
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(allowed: number, now: () => number) {
    this.#allowed = allowed;
    this.#now = now;
  }

  /** Counts one request of `key` (a token) and says whether it is over the limit. */
  hit(key: string): RateState {
    const now = this.#now();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
    return {
      allowed: this.#allowed,
      count: Math.min(window.count, this.#allowed),
      resetSeconds,
      limited: window.count > this.#allowed,
    };
  }

  // A closed window is the same as none: forget it, so memory follows the
  // tokens in use, not every token ever seen.
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) {
      if (now - window.start >= 60_000) this.#windows.delete(key);
    }
  }
}
