import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../src/report/index.js';
import {
  bareUnknown,
  createFinding,
  createResult,
  fullConflict,
  safeCreate,
} from './sample-findings.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('renderGithub', () => {
  it('annotates each finding but ok ones, then closes with a notice', () => {
    const out = renderGithub(createResult([fullConflict, bareUnknown, safeCreate], 5));
    expect(lines(out)).toEqual([
      '::error file=main.tf,line=3,title=gcadopt conflict%3A genesyscloud_auth_division.sales::division "Sales" already exists (id-1)%0Afix: import { to = genesyscloud_auth_division.sales  id = "id-1" }',
      '::warning title=gcadopt unknown%3A genesyscloud_auth_division.later::the division name is not known before apply',
      '::notice title=gcadopt check::1 error(s), 1 warning(s), 5 resource(s) checked',
    ]);
  });

  it('escapes % CR LF in messages, and : , in properties, as workflow commands need', () => {
    const finding = createFinding({
      kind: 'conflict',
      address: 't.n["a,b: 100%"]',
      source: { file: 'dir,x/m:n.tf', line: 1 },
      message: '100% sure\r\nreally, yes: ok',
    });
    expect(lines(renderGithub(createResult([finding])))[0]).toBe(
      '::error file=dir%2Cx/m%3An.tf,line=1,title=gcadopt conflict%3A t.n["a%2Cb%3A 100%25"]::100%25 sure\\u000d\\u000areally, yes: ok',
    );
  });
});
