import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../src/preflight/types.js';
import { maxCommentLength, renderMarkdown } from '../../src/report/render-markdown.js';

function result(count: number): CheckResult {
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
    kind: 'conflict',
    severity: 'error',
    type: 'genesyscloud_routing_queue',
    address: `module.queues["team ${i}"].genesyscloud_routing_queue.this`,
    name: `Queue ${i} ${'é'.repeat(40)}`,
    live: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Queue ${i}` },
    source: { file: 'modules/queues/main.tf', line: 3 },
    message: `queue "Queue ${i}" already exists: terraform apply would fail with 409; import it instead`,
    fix: { import: { to: `module.queues["team ${i}"].genesyscloud_routing_queue.this`, id: 'x' } },
  }));
  return {
    version: 1,
    summary: { blocking: count, errors: count, warnings: 0, checked: count },
    findings,
  };
}

describe('markdown for a pull-request comment', () => {
  it('stays under 65,536 characters and says how many findings it left out', () => {
    const text = renderMarkdown(result(2000));
    expect([...text].length).toBeLessThan(maxCommentLength);
    expect(maxCommentLength).toBe(65_536);
    const rows = text.split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows.length).toBeGreaterThan(50);
    expect(text).toContain(
      `${2000 - rows.length} more finding(s) left out: a comment holds at most 65536 characters.`,
    );
    expect(text).toContain('<summary>2000 finding(s)</summary>');
  });

  it('leaves nothing out when everything fits', () => {
    const text = renderMarkdown(result(20));
    expect(text.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(20);
    expect(text).not.toContain('left out');
  });
});
