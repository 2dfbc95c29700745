import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { describeFix, describeFixLines } from '../../src/report/describe.js';
import { printable } from '../../src/report/printable.js';
import { renderReport, renderText } from '../../src/report/index.js';
import { bareUnknown, createResult, fullConflict, safeCreate } from './sample-findings.js';

const c = createColors(true);

describe('renderText', () => {
  it('prints only what a finding has: name, live id, location', () => {
    expect(renderText(createResult([fullConflict, bareUnknown]))).toBe(
      [
        'error conflict: Already exists (import it) (1)',
        '  genesyscloud_auth_division.sales "Sales" [id-1] main.tf:3',
        '    division "Sales" already exists (id-1)',
        '    fix:',
        '      import {',
        '        to = genesyscloud_auth_division.sales',
        '        id = "id-1"',
        '      }',
        '',
        'warning unknown: Name not known before apply (1)',
        '  genesyscloud_auth_division.later',
        '    the division name is not known before apply',
        '',
        'terraform apply would fail: 1 error(s), 1 warning(s), 2 resource(s) checked',
        '',
      ].join('\n'),
    );
  });

  it('paints each group by severity when colour is on', () => {
    const out = renderText(createResult([fullConflict, bareUnknown, safeCreate]), {
      color: true,
    }).split('\n');
    expect(out).toContain(c.bold(c.red('error conflict: Already exists (import it) (1)')));
    expect(out).toContain(c.bold(c.yellow('warning unknown: Name not known before apply (1)')));
    expect(out).toContain(c.bold(c.green('info ok: Safe (1)')));
    expect(out.at(-2)).toBe(
      `${c.red(c.bold('terraform apply would fail'))}: 1 error(s), 1 warning(s), 3 resource(s) checked`,
    );
  });

  it('is plain unless colour is asked for', () => {
    const result = createResult([fullConflict]);
    expect(renderText(result)).not.toContain('\u001b[');
    expect(renderText(result, { color: false })).toBe(renderText(result));
    expect(renderReport(result, 'text', { color: true, version: '1' })).toBe(
      renderText(result, { color: true }),
    );
    expect(renderReport(result, 'text', { color: true, version: '1' })).toContain('\u001b[');
  });
});

describe('describeFixLines', () => {
  it('falls back to one line when no import block can be written', () => {
    for (const [to, id] of [
      ['not an address', 'id-1'],
      ['data.genesyscloud_auth_division.x', 'id-1'],
      ['genesyscloud_auth_division.x', 'lone \ud800 surrogate'],
    ]) {
      const fix = { import: { to: to!, id: id! } };
      expect(describeFixLines(fix, '  ')).toEqual([`  fix: ${printable(describeFix(fix)!)}`]);
    }
  });

  it('is nothing without a fix, and one line for a set', () => {
    expect(describeFixLines(undefined, '  ')).toEqual([]);
    expect(describeFixLines({ set: { home: true } }, '', 'do:')).toEqual(['do: set home = true']);
  });
});

describe('describeFix', () => {
  it('lists every attribute to set', () => {
    expect(describeFix({ set: { home: true, name: 'HQ', rank: 2 } })).toBe(
      'set home = true, name = "HQ", rank = 2',
    );
  });
});
