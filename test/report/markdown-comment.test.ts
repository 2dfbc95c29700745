import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/index.js';
import {
  bareUnknown,
  createFinding,
  createResult,
  fullConflict,
  safeCreate,
} from './sample-findings.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('renderMarkdown', () => {
  it('says so when nothing was found, with no tables', () => {
    expect(lines(renderMarkdown(createResult([], 4)))).toEqual([
      '### ✅ gcadopt check: no conflicts',
      '',
      '0 error(s), 0 warning(s), 4 resource(s) checked.',
      '',
      'Fix conflicts with `gcadopt import`, then run `terraform plan` again.',
    ]);
  });

  it('counts ok findings but lists no table of findings for them alone', () => {
    expect(lines(renderMarkdown(createResult([safeCreate])))).toEqual([
      '### ✅ gcadopt check: no conflicts',
      '',
      '0 error(s), 0 warning(s), 1 resource(s) checked.',
      '',
      '| finding | what it means | count |',
      '|---|---|---:|',
      '| `ok` | Safe | 1 |',
      '',
      'Fix conflicts with `gcadopt import`, then run `terraform plan` again.',
    ]);
  });

  it('keeps the findings folded when nothing blocks, and leaves ok findings out of the list', () => {
    const out = lines(renderMarkdown(createResult([bareUnknown, safeCreate])));
    expect(out[0]).toBe('### ✅ gcadopt check: no conflicts');
    expect(out).toContain('<details><summary>1 finding(s)</summary>');
    expect(out).toContain(
      '| ⚠️ `unknown` | genesyscloud\\_auth\\_division.later |  |  |  | the division name is not known before apply |',
    );
    expect(out.filter((l) => l.includes('`ok`'))).toEqual(['| `ok` | Safe | 1 |']);
  });

  it('opens the findings when something blocks', () => {
    const out = lines(renderMarkdown(createResult([fullConflict])));
    expect(out[0]).toBe('### ❌ gcadopt check: terraform apply would fail');
    expect(out).toContain('<details open><summary>1 finding(s)</summary>');
    expect(out).toContain(
      '| ❌ `conflict` | genesyscloud\\_auth\\_division.sales | Sales | id-1 | main.tf:3 | division "Sales" already exists \\(id-1\\)<br>**fix:** import \\{ to = genesyscloud\\_auth\\_division.sales  id = "id-1" \\} |',
    );
  });

  it('keeps a cell on one line: line breaks are shown escaped, never raw', () => {
    const finding = createFinding({
      kind: 'conflict',
      address: 't.n',
      name: '  two\r\n\nlines\u2028 ',
      message: 'm',
    });
    const text = renderMarkdown(createResult([finding]));
    const rows = lines(text).filter((l) => l.startsWith('| ❌ `conflict` | t.n |'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/two.*lines/);
    expect(text).not.toMatch(/[\r\u2028]/);
  });
});
