/** What an injected fault does to a request. */
export type Fault = '503' | '429' | 'drop';

/** mulberry32: a small, well-known seeded PRNG, so fault runs repeat exactly. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Decides, request by request, whether to inject a fault: `rate` of API requests
 * fail, split evenly between a 503, a 429 and a dropped connection.
 */
export class FaultInjector {
  rate: number;
  readonly #random: () => number;

  constructor(rate: number, seed: number) {
    this.rate = rate;
    this.#random = createRandom(seed);
  }

  next(): Fault | undefined {
    // Draw both numbers every time so the sequence does not depend on the rate.
    const hit = this.#random();
    const which = this.#random();
    if (hit >= this.rate) return undefined;
    return which < 1 / 3 ? '503' : which < 2 / 3 ? '429' : 'drop';
  }
}
