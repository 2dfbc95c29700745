import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { InputError } from '../../../src/errors.js';
import { evaluate } from '../../../src/terraform/config/evaluate.js';
import { parseJsonConfig } from '../../../src/terraform/config/json-config.js';
import { Unknown } from '../../../src/terraform/config/values.js';
import type { Body } from '../../../src/terraform/hcl/ast.js';
import { maxNesting } from '../../../src/terraform/hcl/expression.js';
import { parseHcl } from '../../../src/terraform/hcl/parser.js';
import { emulatorEnv } from '../../helpers/cli-env.js';
import { createTree, startExampleOrg } from '../../helpers/example.js';
import { createTestIo } from '../../helpers/io.js';

/** Each construct nested `n` levels deep around a value, and what it evaluates to. */
const constructs: Record<string, [(n: number) => string, unknown]> = {
  parentheses: [(n) => `${'('.repeat(n)}"v"${')'.repeat(n)}`, 'v'],
  brackets: [(n) => `${'['.repeat(n)}"v"${']'.repeat(n)}${'[0]'.repeat(n)}`, 'v'],
  objects: [(n) => `${'{ a = '.repeat(n)}"v"${' }'.repeat(n)}${'.a'.repeat(n)}`, 'v'],
  'function calls': [(n) => `${'lower('.repeat(n)}"V"${')'.repeat(n)}`, 'v'],
  templates: [(n) => `${'"${'.repeat(n)}"v"${'}"'.repeat(n)}`, 'v'],
  conditionals: [(n) => `${'false ? "x" : '.repeat(n)}"v"`, 'v'],
  'for expressions': [(n) => `${'[for x in '.repeat(n)}["v"]${' : x]'.repeat(n)}[0]`, 'v'],
  'unary operators': [(n) => `${'!'.repeat(n)}true`, true],
  'operator chains': [(n) => `${'1 + '.repeat(n)}1`, undefined],
};

function depthOf(body: Body): number {
  let depth = 0;
  for (let b = body.blocks[0]; b !== undefined; b = b.body.blocks[0]) depth++;
  return depth;
}

describe('deep nesting', () => {
  it.each(Object.entries(constructs))(
    '5,000 levels of %s end in a one-line InputError with file:line:col; 400 levels are read',
    (_what, [make, v]) => {
      const text = `a = ${make(5000)}\n`;
      expect(() => parseHcl(text, 'deep.tf')).toThrow(InputError);
      expect(() => parseHcl(text, 'deep.tf')).toThrow(
        new RegExp(
          `^deep\\.tf:1:\\d+: expressions nested deeper than ${maxNesting} levels[^\\n]*$`,
        ),
      );
      // Well below the limit, the parser and the evaluator follow every level.
      const expr = parseHcl(`a = ${make(400)}\n`, 'deep.tf').body.attributes.get('a')?.expr;
      if (expr === undefined) throw new Error('no attribute');
      const result = evaluate(expr, { variable: () => null, local: () => null, modulePath: '.' });
      expect(result).not.toBeInstanceOf(Unknown);
      if (v !== undefined) expect(result).toEqual(v);
    },
  );

  it('reads 5,000 and 20,000 nested blocks', () => {
    for (const n of [5000, 20_000]) {
      const file = parseHcl(`${'b {\n'.repeat(n)}a = 1\n${'}\n'.repeat(n)}`, 'deep.tf');
      expect(depthOf(file.body)).toBe(n);
    }
    expect(() => parseHcl(`${'b {\n'.repeat(5000)}${'}\n'.repeat(4999)}`, 'deep.tf')).toThrow(
      /unclosed block/,
    );
  });

  it('ends 5,000 nested values of a .tf.json file in a one-line InputError', () => {
    const json = `{"locals": {"a": ${'['.repeat(5000)}1${']'.repeat(5000)}}}`;
    expect(() => parseJsonConfig(json, 'deep.tf.json')).toThrow(
      /^deep\.tf\.json: values nested deeper than 500 levels/,
    );
  });

  it('throws nothing but InputError on any nesting of any construct (property)', () => {
    const openers: [string, string][] = [
      ['(', ')'],
      ['[', ']'],
      ['{ a = ', ' }'],
      ['"${', '}"'],
      ['lower(', ')'],
      ['[for x in ', ' : x]'],
      ['true ? ', ' : 0'],
      ['!', ''],
      ['1 + ', ''],
      ['(<<EOT\n${', '}\nEOT\n)'],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.nat(openers.length - 1), { minLength: 1, maxLength: 6000 }),
        (picks) => {
          const chosen = picks.map((i) => openers[i] ?? ['(', ')']);
          const text = `a = (${chosen.map(([o]) => o).join('')}1${chosen
            .map(([, c]) => c)
            .reverse()
            .join('')})\n`;
          try {
            parseHcl(text, 'fuzz.tf');
            expect(picks.length).toBeLessThanOrEqual(maxNesting);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message).toMatch(/nested deeper than 500 levels/);
            expect(picks.length).toBeGreaterThan(maxNesting / 2);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('deep nesting through gcadopt check', () => {
  async function check(files: Record<string, string>) {
    const org = await startExampleOrg();
    const dir = await createTree(files);
    const io = createTestIo({ env: emulatorEnv(org) });
    const code = await main(['check', dir, '--format', 'json'], io);
    return { code, out: io.out(), err: io.err() };
  }

  const resource = (name: string, inner = ''): string =>
    `resource "genesyscloud_auth_division" "deep" {\n  name = ${name}\n${inner}}\n`;

  it('reads 400 levels of parentheses and 20,000 nested blocks', async () => {
    const blocks = `${'  b {\n'.repeat(20_000)}${'  }\n'.repeat(20_000)}`;
    const { code, out } = await check({
      'main.tf': resource(`${'('.repeat(400)}"Shared Services"${')'.repeat(400)}`, blocks),
    });
    // The name was read through every level: it collides with the live division.
    expect(code).toBe(2);
    expect(out).toContain('"name": "Shared Services"');
  });

  it.each(Object.entries(constructs))(
    'ends 5,000 levels of %s with one line and exit 1, no stack trace',
    async (_what, [make]) => {
      const { code, err } = await check({ 'main.tf': resource(make(5000)) });
      expect(code).toBe(1);
      const lines = err.trim().split('\n');
      expect(lines[0]).toMatch(/main\.tf:2:\d+: expressions nested deeper than 500 levels/);
      expect(err).not.toMatch(/unexpected error|RangeError|\n\s+at /);
    },
  );
});
