import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/genesys/pacer.js';
import { createFakeSleepClock } from '../helpers/client.js';
import {
  classify,
  defaultRetryPolicy,
  explainGiveUp,
  nextDelay,
  parseRetryAfter,
} from '../../src/genesys/retry.js';

describe('classify', () => {
  it.each([
    [429, 'throttled'],
    [408, 'transient'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [501, 'fatal'],
    [400, 'fatal'],
    [401, 'fatal'],
    [404, 'fatal'],
    [409, 'fatal'],
  ])('status %i is %s', (status, expected) => {
    expect(classify({ status })).toBe(expected);
  });

  it('treats dropped connections as transient and other errors as fatal', () => {
    expect(
      classify({
        error: new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
        }),
      }),
    ).toBe('transient');
    expect(
      classify({
        error: new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }),
        }),
      }),
    ).toBe('transient');
    expect(classify({ error: new DOMException('timed out', 'TimeoutError') })).toBe('transient');
    expect(classify({ error: new DOMException('aborted', 'AbortError') })).toBe('fatal');
    expect(classify({ error: new Error('bug') })).toBe('fatal');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['Tue, 24 Nov 2026 10:00:05 GMT', 5000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['', undefined],
    ['soon', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    [null, undefined],
  ])('%j -> %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it('never throws and never returns a negative delay', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 42 }), (header, t) => {
        const ms = parseRetryAfter(header, t);
        return ms === undefined || ms >= 0;
      }),
    );
  });
});

describe('nextDelay', () => {
  const policy = defaultRetryPolicy;
  it('lets Retry-After win, unjittered, up to the cap', () => {
    expect(nextDelay(1, 'throttled', 2000, policy, () => 0.5)).toBe(2000);
    expect(
      nextDelay(1, 'throttled', policy.maxRetryAfterMs + 1, policy, () => 0.5),
    ).toBeUndefined();
  });
  it('backs off exponentially with full jitter', () => {
    expect([1, 2, 3, 4].map((a) => nextDelay(a, 'transient', undefined, policy, () => 1))).toEqual([
      300, 600, 1200, 2400,
    ]);
    expect(nextDelay(3, 'transient', undefined, policy, () => 0)).toBe(0);
    expect(nextDelay(20, 'transient', undefined, { ...policy, maxAttempts: 99 }, () => 1)).toBe(
      policy.maxDelayMs,
    );
  });
  it('gives up on fatal outcomes and after the last attempt', () => {
    expect(nextDelay(1, 'fatal', 1000, policy, () => 1)).toBeUndefined();
    expect(nextDelay(policy.maxAttempts, 'transient', undefined, policy, () => 1)).toBeUndefined();
  });
});

describe('explainGiveUp', () => {
  const policy = defaultRetryPolicy;
  it.each([
    [1, 'fatal', undefined, undefined],
    [6, 'transient', undefined, 'the retry limit of 6 attempts'],
    [6, 'throttled', 1000, 'the retry limit of 6 attempts'],
    [2, 'throttled', 90_000, 'Retry-After 90s is longer than the 60s gcadopt waits'],
    [3, 'transient', undefined, 'the retry budget of 120s is spent'],
  ] as const)('attempt %i, %s, Retry-After %j -> %j', (attempt, kind, retryAfter, expected) => {
    expect(explainGiveUp(attempt, kind, retryAfter, policy)).toBe(expected);
  });
  it('counts a single attempt in the singular', () => {
    expect(explainGiveUp(1, 'transient', undefined, { ...policy, maxAttempts: 1 })).toBe(
      'the retry limit of 1 attempt',
    );
  });
});

describe('Pacer', () => {
  it('lets `limit` requests through per minute, then waits for the window to slide', async () => {
    const clock = createFakeSleepClock();
    const pacer = new Pacer(3, clock);
    for (let i = 0; i < 3; i++) await pacer.acquire();
    expect(clock.slept).toEqual([]);
    await pacer.acquire();
    expect(clock.slept).toHaveLength(1);
    expect(clock.slept[0]).toBeGreaterThan(60_400);
    expect(clock.slept[0]).toBeLessThanOrEqual(60_501);
  });

  it('learns the limit from inin-ratelimit-allowed, keeping a margin, lower or higher than the default', () => {
    const pacer = new Pacer(300, createFakeSleepClock());
    expect(pacer.limit).toBe(300);
    pacer.learn('100');
    expect(pacer.limit).toBe(90);
    pacer.learn('garbage');
    expect(pacer.limit).toBe(90);
    // An org with a raised limit says so: the default holds only until the first answer.
    pacer.learn('1000');
    expect(pacer.limit).toBe(900);
  });
});
