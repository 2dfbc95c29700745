import { parse } from '@cdktn/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHclString, quoteHclString } from '../../src/terraform/hcl-string.js';
import {
  importBlock,
  renderBlock,
  renderFile,
  type HclValue,
} from '../../src/terraform/hcl-writer.js';
import { assignLabels, sanitizeLabel } from '../../src/terraform/labels.js';

/** hcl2json re-renders templates: a literal `${` comes back as `$${`. Undo that. */
function literal(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replaceAll('$${', '${').replaceAll('%%{', '%{').normalize('NFC');
  if (Array.isArray(value)) return value.map(literal);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [literal(k) as string, literal(v)]),
    );
  return value;
}

async function parseBack(hcl: string): Promise<Record<string, unknown>> {
  return (await parse('generated.tf', hcl)) as Record<string, unknown>;
}

describe('escapeHclString', () => {
  it.each([
    ['plain', 'plain'],
    ['a "q"', 'a \\"q\\"'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak\r\ttab', 'line\\nbreak\\r\\ttab'],
    ['${var.x}', '$${var.x}'],
    ['%{ if x }', '%%{ if x }'],
    ['$ alone and 100%', '$ alone and 100%'],
    ['$$', '$$'],
    ['zero\u200bwidth nb\u00a0sp bidi\u202e', 'zero\\u200Bwidth nb\\u00A0sp bidi\\u202E'],
    ['ctrl\u0001\u007f', 'ctrl\\u0001\\u007F'],
    ['Zürich – 東京 😀', 'Zürich – 東京 😀'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeHclString(input)).toBe(expected);
  });

  it('refuses a lone surrogate', () => {
    expect(() => escapeHclString('x\ud800y')).toThrow(/lone surrogate/);
  });
});

describe('renderBlock', () => {
  it('aligns = like terraform fmt and quotes map keys', () => {
    const text = renderBlock({
      type: 'resource',
      labels: ['genesyscloud_auth_division', 'sales'],
      comments: ['adopted by gcadopt\nsecond line'],
      attributes: [
        { name: 'name', value: 'Sales' },
        { name: 'description', value: null },
        { name: 'home', value: true },
        { name: 'tags', value: { for: 1, b: 'x' } },
        { name: 'n', value: 2 },
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
        '  }',
        '  n = 2',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes import blocks with the address unquoted', () => {
    expect(renderBlock(importBlock('module.org["a \\"b\\""].t.n', 'id-1'))).toBe(
      'import {\n  to = module.org["a \\"b\\""].t.n\n  id = "id-1"\n}\n',
    );
  });

  it('separates blocks with one blank line and ends with a newline', () => {
    const file = renderFile([importBlock('t.a', '1'), importBlock('t.b', '2')], ['header']);
    expect(file).toBe(
      '# header\n\nimport {\n  to = t.a\n  id = "1"\n}\n\nimport {\n  to = t.b\n  id = "2"\n}\n',
    );
  });
});

describe('round trip through HashiCorp HCL', () => {
  it('parses back to the same values', async () => {
    const values: Record<string, HclValue> = {
      s: 'a "q" ${x} %{y} \\ \n é 😀 \u202e',
      n: 3.5,
      b: false,
      z: null,
      l: ['x', 1, true],
      m: { 'key with "quotes"': 'v', for: 'if', '${k}': '%{v}' },
    };
    const hcl = renderFile([
      {
        type: 'resource',
        labels: ['t', 'n'],
        attributes: Object.entries(values).map(([name, value]) => ({ name, value })),
      },
    ]);
    const parsed = await parseBack(hcl);
    const body = ((parsed.resource as Record<string, Record<string, unknown[]>>).t?.n ?? [])[0];
    expect(literal(body)).toEqual(literal(values));
  });

  it('parses back any string and key (property)', async () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(
          '$',
          '{',
          '%',
          '"',
          '\\',
          '\n',
          '\r',
          '\t',
          '\u0000',
          '\u00a0',
          '\u2028',
          'é',
          '😀',
          'a',
        ),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(text, text, async (value, key) => {
        const hcl = renderFile([
          {
            type: 'locals',
            attributes: [
              { name: 'v', value },
              { name: 'm', value: { [key]: value } },
            ],
          },
        ]);
        const parsed = (await parseBack(hcl)) as {
          locals: { v: string; m: Record<string, string> }[];
        };
        const locals = parsed.locals[0];
        expect(literal(locals?.v)).toBe(value.normalize('NFC'));
        expect(literal(locals?.m)).toEqual({ [key.normalize('NFC')]: value.normalize('NFC') });
      }),
      { numRuns: 150 },
    );
  });

  it('import blocks parse back with their address and id', async () => {
    const to = 'module.org["we \\"quote\\" $${x}"].genesyscloud_auth_division.team["ü"]';
    const parsed = (await parseBack(
      renderFile([importBlock(to, '0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12')]),
    )) as { import: { to: string; id: string }[] };
    expect(parsed.import[0]?.id).toBe('0b7e5c2a-8d4f-4b6e-a1c3-5e9f2d7a4b12');
    expect(parsed.import[0]?.to).toBe(`\${${to}}`);
  });
});

describe('labels', () => {
  it.each([
    ['Sales', 'Sales'],
    ['EMEA Sales', 'EMEA_Sales'],
    ['  Zürich Operations ', 'Zurich_Operations'],
    ['Vertrieb Österreich', 'Vertrieb_Osterreich'],
    ['Straße', 'Strasse'],
    ['Support – Tier 2', 'Support_-_Tier_2'],
    ['2024 Pilot', '_2024_Pilot'],
    ['-dash', '_-dash'],
    ['Sales & Marketing ${legacy}', 'Sales___Marketing___legacy_'],
    ['東京', '__'],
    ['', '_'],
    ['!!!', '___'],
  ])('sanitizes %j as %j', (name, label) => {
    expect(sanitizeLabel(name)).toBe(label);
    expect(label).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });

  it('de-duplicates deterministically whatever the input order', () => {
    const objects = [
      { id: 'c', name: 'Sales!' },
      { id: 'a', name: 'Sales?' },
      { id: 'b', name: 'Sales' },
      { id: 'd', name: 'Home' },
    ];
    const expected = new Map([
      ['b', 'Sales'],
      ['c', 'Sales__2'],
      ['a', 'Sales__3'],
      ['d', 'Home_2'],
    ]);
    expect(Object.fromEntries(assignLabels(objects, new Set(['home', 'Sales_'])))).toEqual(
      Object.fromEntries(expected),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(objects, { minLength: objects.length }), (shuffled) => {
        expect(Object.fromEntries(assignLabels(shuffled, new Set(['home', 'Sales_'])))).toEqual(
          Object.fromEntries(expected),
        );
      }),
    );
  });
});

describe('quoteHclString', () => {
  it('wraps the escaped body in quotes', () => {
    expect(quoteHclString('a"b')).toBe('"a\\"b"');
  });
});
