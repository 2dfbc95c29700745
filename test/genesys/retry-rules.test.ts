import { describe, expect, it } from 'vitest';
import {
  classify,
  defaultRetryPolicy,
  nextDelay,
  parseRetryAfter,
} from '../../src/genesys/retry.js';

const withCode = (code: unknown): Error => Object.assign(new Error('x'), { code });

describe('classify errors', () => {
  it.each([
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
  ])('%s, on the error or its cause, is transient', (code) => {
    expect(classify({ error: withCode(code) })).toBe('transient');
    expect(classify({ error: new Error('wrapped', { cause: withCode(code) }) })).toBe('transient');
  });

  it.each<[string, unknown]>([
    ['an unknown code', withCode('ENOTFOUND')],
    ['a code that is not a string', withCode(104)],
    ['an unknown code in the cause', new TypeError('boom', { cause: withCode('EACCES') })],
    ['nothing at all', undefined],
    ['a plain string', 'fetch failed'],
    ['an Error saying fetch failed', new Error('fetch failed')],
    ['another TypeError', new TypeError('x is not a function')],
    ['an AbortError', new DOMException('aborted', 'AbortError')],
  ])('%s is fatal', (_what, error) => {
    expect(classify({ error })).toBe('fatal');
  });

  it.each(['fetch failed', 'Fetch Failed', 'terminated', 'other side closed'])(
    'a TypeError saying %j is transient',
    (message) => {
      expect(classify({ error: new TypeError(message) })).toBe('transient');
    },
  );

  it('looks at the cause when the error has a code that is not a string', () => {
    const error = Object.assign(new Error('x', { cause: withCode('ECONNRESET') }), { code: 104 });
    expect(classify({ error })).toBe('transient');
  });

  it('never retries an abort by the caller, whatever the network said', () => {
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ECONNRESET' });
    expect(classify({ error: aborted })).toBe('fatal');
  });

  it('treats a per-attempt timeout as transient', () => {
    expect(classify({ error: new DOMException('timed out', 'TimeoutError') })).toBe('transient');
    const named = Object.assign(new Error('t'), { name: 'TimeoutError' });
    expect(classify({ error: named })).toBe('transient');
  });
});

describe('parseRetryAfter forms', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each<[string, number | undefined]>([
    [' 7 ', 7000],
    ['120', 120_000],
    ['   ', undefined],
    ['2026-11-24', undefined],
    ['12:00', undefined],
    ['5s', undefined],
    ['Tue, 24 Nov 2026 10:01:00 GMT', 60_000],
    [' Tue, 24 Nov 2026 10:00:01 GMT ', 1000],
  ])('%j -> %j', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it('gives undefined for a missing header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('nextDelay limits', () => {
  const policy = defaultRetryPolicy;
  it('retries up to the last attempt, not beyond', () => {
    expect(nextDelay(policy.maxAttempts - 1, 'throttled', undefined, policy, () => 1)).toBe(
      300 * 2 ** 4,
    );
    expect(nextDelay(policy.maxAttempts, 'throttled', 0, policy, () => 1)).toBeUndefined();
  });

  it('waits a Retry-After equal to the cap, and gives up above it', () => {
    expect(nextDelay(1, 'transient', policy.maxRetryAfterMs, policy, () => 0)).toBe(
      policy.maxRetryAfterMs,
    );
    expect(nextDelay(1, 'transient', 0, policy, () => 0.9)).toBe(0);
  });

  it('rounds the jittered delay', () => {
    expect(nextDelay(1, 'transient', undefined, policy, () => 0.3333)).toBe(100);
    expect(nextDelay(2, 'throttled', undefined, policy, () => 0.5)).toBe(300);
  });
});
