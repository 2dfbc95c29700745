import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/preflight/engine.js';
import { divisionKind } from '../../src/kinds/index.js';
import { nextCallbackDelay } from '../../src/serve/callback.js';
import { HcpError } from '../../src/serve/hcp-fetch.js';
import { renderCheckBody } from '../../src/serve/result-body.js';
import { signBody, verifySignature } from '../../src/serve/signature.js';
import { checkTaskResultBody } from './task-result-schema.js';

function conflicts(count: number, key = (i: number) => `k${i}`) {
  const desired = Array.from({ length: count }, (_, i) => ({
    type: 'genesyscloud_auth_division',
    address: `genesyscloud_auth_division.d["${key(i)}"]`,
    action: 'create' as const,
    attributes: { name: `Team ${i}` },
  }));
  const live = desired.map((_, i) => ({
    id: `id-${i}`,
    name: `Team ${i}`,
    attributes: { description: '', home: false },
  }));
  return runCheck({
    desired,
    managed: [],
    live: new Map([['genesyscloud_auth_division', live]]),
    kinds: new Map([[divisionKind.tfType, divisionKind]]),
  });
}

describe('task result body', () => {
  it('lists the first ten of many findings, says so, and fits the documented shape', () => {
    const body = renderCheckBody(conflicts(12), true);
    expect(checkTaskResultBody(body)).toEqual([]);
    expect(body.data.relationships?.outcomes.data).toHaveLength(10);
    expect(body.data.attributes.message).toContain('the first 10 of 12 findings are listed');
  });

  it('keeps an address holding backticks inside its code fence', () => {
    const body = renderCheckBody(
      conflicts(1, () => 'a```b'),
      true,
    );
    const markdown = String(body.data.relationships?.outcomes.data[0]?.attributes.body);
    expect(markdown).toContain('````hcl\nimport {\n  to = genesyscloud_auth_division.d["a```b"]');
    expect(markdown.trimEnd().endsWith('\n````')).toBe(true);
  });
});

describe('callback backoff', () => {
  const retryable = new HcpError('x', { retryable: true });
  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [3, 0.5, 1500],
    [20, 1, 30_000],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(nextCallbackDelay(attempt, retryable, () => random)).toBe(expected);
  });

  it('lets Retry-After win, capped at a minute', () => {
    expect(
      nextCallbackDelay(1, new HcpError('x', { retryable: true, retryAfter: 7 }), () => 0),
    ).toBe(7000);
    expect(
      nextCallbackDelay(1, new HcpError('x', { retryable: true, retryAfter: 600 }), () => 0),
    ).toBe(60_000);
  });
});

describe('signature', () => {
  const key = Buffer.from('k');
  const body = Buffer.from('{"a":1}');
  it('accepts the HMAC-SHA512 hex of the body in either case, and nothing else', () => {
    const good = signBody(body, key);
    expect(verifySignature(body, good, key)).toBe(true);
    expect(verifySignature(body, good.toUpperCase(), key)).toBe(true);
    expect(verifySignature(Buffer.from('{"a":2}'), good, key)).toBe(false);
    expect(verifySignature(body, good.slice(0, 127), key)).toBe(false);
    expect(verifySignature(body, undefined, key)).toBe(false);
    expect(verifySignature(body, '', key)).toBe(false);
  });
});
