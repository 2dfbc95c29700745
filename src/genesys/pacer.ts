// A minute plus a margin: a request admitted now reaches the platform a little
// later than the one admitted a minute ago may have, and both count by arrival.
const windowMs = 60_500;

/** A clock and a sleep, injectable so tests need no timers. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Keeps one token's calls under its requests-per-minute limit: a sliding window
 * of start times. The limit is learned from `inin-ratelimit-allowed` when the
 * platform sends it: `limitPerMinute` holds until the first answer (the org
 * default), and `ceiling`, when the caller sets one, is never exceeded.
 */
export class Pacer {
  #limit: number;
  readonly #ceiling: number;
  readonly #starts: number[] = [];
  readonly #clock: Clock;

  constructor(limitPerMinute: number, clock: Clock, ceiling: number = Infinity) {
    this.#limit = Math.min(limitPerMinute, ceiling);
    this.#ceiling = ceiling;
    this.#clock = clock;
  }

  get limit(): number {
    return this.#limit;
  }

  /** Waits until one more request fits in the last minute, then counts it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      while (this.#starts.length > 0 && (this.#starts[0] ?? 0) <= now - windowMs)
        this.#starts.shift();
      if (this.#starts.length < this.#limit) {
        this.#starts.push(now);
        return;
      }
      const oldest = this.#starts[0] ?? now;
      await this.#clock.sleep(oldest + windowMs - now + 1, signal);
    }
  }

  /** Learns the limit from the platform's `inin-ratelimit-allowed` header. */
  learn(allowedHeader: string | null): void {
    const allowed = Number(allowedHeader);
    // Keep a margin: other tools may share the same OAuth client's budget.
    if (Number.isInteger(allowed) && allowed > 0) {
      this.#limit = Math.min(this.#ceiling, Math.max(1, Math.floor(allowed * 0.9)));
    }
  }
}
