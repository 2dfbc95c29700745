import { format } from '@cdktn/hcl-tools';
import { parse } from '@cdktn/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  importBlock,
  renderBlock,
  renderFile,
  resourceReference,
  type HclAttribute,
  type HclBlock,
  type HclValue,
} from '../../src/terraform/hcl-writer.js';
import type { Expr } from '../../src/terraform/hcl/ast.js';
import { parseHcl } from '../../src/terraform/hcl/parser.js';
import { literal, nfc, trickyString } from './support.js';

const attributeName = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,10}$/);

/** Any value the printer accepts, nested up to three levels. */
const value: fc.Arbitrary<HclValue> = fc.letrec<{ value: HclValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    trickyString,
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.constantFrom(0.5, -2.25, 1e21, 3.14159),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const attributes = fc.uniqueArray(fc.record({ name: attributeName, value }), {
  selector: (a) => a.name,
  maxLength: 6,
});

describe('renderBlock', () => {
  it('lays a resource out as terraform fmt does (golden)', () => {
    const text = renderBlock({
      type: 'resource',
      labels: ['genesyscloud_auth_division', 'sales'],
      comments: ['adopted by gcadopt\nsecond line'],
      attributes: [
        { name: 'name', value: 'Sales' },
        { name: 'description', value: null },
        { name: 'home', value: true },
        { name: 'tags', value: { for: 1, b: 'x', ü: [] } },
        { name: 'n', value: 2 },
        { name: 'list', value: ['a', { k: 'v' }] },
        { name: 'empty', value: {} },
      ],
    });
    expect(text).toBe(
      [
        '# adopted by gcadopt second line',
        'resource "genesyscloud_auth_division" "sales" {',
        '  name        = "Sales"',
        '  description = null',
        '  home        = true',
        '  tags = {',
        '    "b"   = "x"',
        '    "for" = 1',
        '    "ü"   = []',
        '  }',
        '  n = 2',
        '  list = [',
        '    "a",',
        '    {',
        '      "k" = "v"',
        '    },',
        '  ]',
        '  empty = {}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('aligns by grapheme clusters, as hclwrite counts columns', () => {
    const text = renderBlock({
      type: 'locals',
      attributes: [{ name: 'm', value: { 'q\u0301': 1, '🇩🇪': 2, abcd: 3 } }],
    });
    expect(text).toBe(
      'locals {\n  m = {\n    "abcd" = 3\n    "q\u0301"    = 1\n    "🇩🇪"    = 2\n  }\n}\n',
    );
  });

  it('keeps comments on one line and shows invisible characters', () => {
    const text = renderBlock({
      type: 'locals',
      comments: ['name "abc\u202edef"\r\nnext\u2028line\u0000 '],
      attributes: [],
    });
    expect(text).toBe('# name "abc\\u202edef" next line\\u0000\nlocals {\n}\n');
  });

  it('writes import blocks with the address unquoted', () => {
    expect(renderBlock(importBlock('module.org["a \\"b\\""].t.n', 'id-1', ['why']))).toBe(
      '# why\nimport {\n  to = module.org["a \\"b\\""].t.n\n  id = "id-1"\n}\n',
    );
  });

  it.each<[string, HclBlock]>([
    ['attribute name', { type: 'locals', attributes: [{ name: 'not valid', value: 1 }] }],
    ['number', { type: 'locals', attributes: [{ name: 'n', value: Number.NaN }] }],
  ])('refuses an invalid %s', (_what, block) => {
    expect(() => renderBlock(block)).toThrow();
  });
});

describe('renderFile', () => {
  it('separates blocks with one blank line and ends with one newline', () => {
    const file = renderFile([importBlock('t.a', '1'), importBlock('t.b', '2')], ['header']);
    expect(file).toBe(
      '# header\n\nimport {\n  to = t.a\n  id = "1"\n}\n\nimport {\n  to = t.b\n  id = "2"\n}\n',
    );
  });

  it('writes what terraform fmt leaves unchanged (property)', async () => {
    const block = fc.record({
      type: fc.constantFrom('resource', 'locals'),
      comments: fc.array(trickyString, { maxLength: 2 }),
      attributes,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 3 }), async (blocks) => {
        const text = renderFile(
          blocks.map((b) => ({ ...b, labels: b.type === 'resource' ? ['t', 'n'] : [] })),
        );
        expect(await format(text)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
});

describe('round trip through HashiCorp HCL', () => {
  it('parses back to the same values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(attributes, trickyString, async (attrs, label) => {
        const hcl = renderFile([{ type: 'resource', labels: ['t', label], attributes: attrs }]);
        const parsed = (await parse('generated.tf', hcl)) as {
          resource: { t: Record<string, Record<string, unknown>[]> };
        };
        const [[parsedLabel, bodies]] = Object.entries(parsed.resource.t) as [
          [string, Record<string, unknown>[]],
        ];
        // Labels come back decoded; attribute values and keys as templates.
        expect(parsedLabel.normalize('NFC')).toBe(label.normalize('NFC'));
        const expected = Object.fromEntries(attrs.map((a) => [a.name, a.value]));
        expect(literal(bodies[0])).toEqual(nfc(expected));
      }),
      { numRuns: 200 },
    );
  });

  it('import blocks parse back with their address and id', async () => {
    const to = 'module.org["we \\"quote\\" $${x}"].genesyscloud_auth_division.team["ü"]';
    const parsed = (await parse(
      'imports.tf',
      renderFile([importBlock(to, '0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12', ['adopt "x"'])]),
    )) as { import: { to: string; id: string }[] };
    expect(parsed.import[0]?.id).toBe('0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12');
    expect(parsed.import[0]?.to).toBe(`\${${to}}`);
  });
});

describe('references and trailing comments', () => {
  // A traversal printed back: a string key is a literal once parsed.
  const printExpr = (e: Expr): string => {
    if (e.k === 'var') return e.name;
    if (e.k === 'attr') return `${printExpr(e.obj)}.${e.name}`;
    if (e.k === 'index' && e.key.k === 'lit')
      return `${printExpr(e.obj)}[${JSON.stringify(e.key.value)}]`;
    if (e.k === 'index' && e.key.k === 'template')
      return `${printExpr(e.obj)}[${JSON.stringify(e.key.parts.map((p) => (p.k === 'text' ? p.text : '?')).join(''))}]`;
    return `<${e.k}>`;
  };

  it('writes a reference as a traversal, not a string, with keys re-quoted', async () => {
    const block: HclBlock = {
      type: 'resource',
      labels: ['genesyscloud_routing_queue', 'billing'],
      attributes: [
        { name: 'name', value: 'Billing' },
        {
          name: 'division_id',
          expression: resourceReference('genesyscloud_auth_division.sales', 'id'),
        },
        {
          name: 'other',
          expression: resourceReference('genesyscloud_auth_division.team["a \\"b\\" $${c}"]', 'id'),
        },
      ],
    };
    const text = renderBlock(block);
    expect(text).toContain('  division_id = genesyscloud_auth_division.sales.id\n');
    expect(await format(text)).toBe(text);
    const body = parseHcl(text, 'generated.tf').body.blocks[0]?.body;
    const division = body?.attributes.get('division_id')?.expr;
    const other = body?.attributes.get('other')?.expr;
    expect(division && printExpr(division)).toBe('genesyscloud_auth_division.sales.id');
    expect(other && printExpr(other)).toBe('genesyscloud_auth_division.team["a \\"b\\" ${c}"].id');
    const parsed = (await parse('generated.tf', text)) as {
      resource: { genesyscloud_routing_queue: { billing: Record<string, string>[] } };
    };
    expect(parsed.resource.genesyscloud_routing_queue.billing[0]?.division_id).toBe(
      '${genesyscloud_auth_division.sales.id}',
    );
  });

  it.each([
    'module.org.genesyscloud_auth_division.sales',
    'data.genesyscloud_auth_division.sales',
    'genesyscloud_auth_division.sales\n}\nresource "x" "y" {',
    'genesyscloud_auth_division',
  ])('refuses to refer to %j', (address) => {
    expect(() => resourceReference(address, 'id')).toThrow(/cannot refer to/);
  });

  it('writes comments and references that terraform fmt leaves unchanged and that parse back (property)', async () => {
    const scalar = fc.oneof(trickyString, fc.integer(), fc.boolean(), fc.constant(null));
    const attribute = fc.record({
      name: attributeName,
      value: fc.oneof(
        { weight: 3, arbitrary: scalar },
        fc.array(scalar, { minLength: 1, maxLength: 2 }),
      ),
      reference: fc.option(attributeName, { nil: undefined }),
      comment: fc.option(trickyString, { nil: undefined }),
    });
    const list = fc.uniqueArray(attribute, { selector: (a) => a.name, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(list, async (attrs) => {
        const attributes: HclAttribute[] = attrs.map((a) => {
          const multiLine = Array.isArray(a.value);
          const comment = multiLine ? {} : { comment: a.comment };
          return a.reference === undefined || multiLine
            ? { name: a.name, value: a.value, ...comment }
            : { name: a.name, expression: resourceReference(`t.${a.reference}`, 'id'), ...comment };
        });
        const text = renderFile([{ type: 'resource', labels: ['t', 'n'], attributes }]);
        expect(await format(text)).toBe(text);
        const parsed = (await parse('t.tf', text)) as {
          resource: { t: { n: Record<string, unknown>[] } };
        };
        const expected = Object.fromEntries(
          attrs.map((a) => [
            a.name,
            a.reference === undefined || Array.isArray(a.value)
              ? a.value
              : `\${t.${a.reference}.id}`,
          ]),
        );
        expect(literal(parsed.resource.t.n[0])).toEqual(nfc(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('lines up trailing comments as terraform fmt does, and keeps them one line', async () => {
    const text = renderBlock({
      type: 'resource',
      labels: ['genesyscloud_routing_queue', 'q'],
      attributes: [
        { name: 'name', value: 'Q' },
        { name: 'division_id', value: 'GUID', comment: 'division "Sales"\nnext' },
        { name: 'd', value: 'a longer value', comment: 'x\u202e' },
        { name: 'tags', value: ['a'] },
        { name: 'n', value: 1, comment: 'alone' },
      ],
    });
    expect(text).toBe(
      [
        'resource "genesyscloud_routing_queue" "q" {',
        '  name        = "Q"',
        '  division_id = "GUID"           # division "Sales" next',
        '  d           = "a longer value" # x\\u202e',
        '  tags = [',
        '    "a",',
        '  ]',
        '  n = 1 # alone',
        '}',
        '',
      ].join('\n'),
    );
    expect(await format(text)).toBe(text);
    const parsed = (await parse('q.tf', text)) as {
      resource: { genesyscloud_routing_queue: { q: Record<string, unknown>[] } };
    };
    expect(parsed.resource.genesyscloud_routing_queue.q[0]).toMatchObject({
      division_id: 'GUID',
      d: 'a longer value',
      n: 1,
    });
  });
});
