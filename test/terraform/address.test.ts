import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  configAddress,
  formatAddress,
  moduleAddress,
  parseAddress,
  parseModulePath,
  type ResourceAddress,
} from '../../src/terraform/address.js';
import { trickyKey } from './support.js';

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);

describe('formatAddress / parseAddress', () => {
  it.each([
    'genesyscloud_auth_division.home',
    'genesyscloud_auth_division.team[0]',
    'genesyscloud_auth_division.team["sales"]',
    'module.org.genesyscloud_auth_division.this',
    'module.org["emea"].module.inner[3].genesyscloud_auth_division.this["k"]',
    'data.genesyscloud_auth_division_home.home',
    'module.data.data.t.n',
    'genesyscloud_auth_division.x["a \\"q\\" $${k} %%{d} \\\\ \\n ü"]',
    'genesyscloud_auth_division.x["bidi \\u202e zero \\u200b nbsp \\u00a0 \\U000e0001"]',
    'genesyscloud_auth_division.x[""]',
  ])('round-trips %s', (text) => {
    expect(formatAddress(parseAddress(text))).toBe(text);
  });

  it.each<[string, ResourceAddress]>([
    [
      'module.org["emea"].genesyscloud_auth_division.team["a \\"q\\" $${k} \\u00e9"]',
      {
        module: [{ name: 'org', key: 'emea' }],
        mode: 'managed',
        type: 'genesyscloud_auth_division',
        name: 'team',
        key: 'a "q" ${k} é',
      },
    ],
    ['t.n[12]', { module: [], mode: 'managed', type: 't', name: 'n', key: 12 }],
    [
      'module.a[0].data.t.n',
      { module: [{ name: 'a', key: 0 }], mode: 'data', type: 't', name: 'n', key: undefined },
    ],
    ['t.n["\\U0001F600"]', { module: [], mode: 'managed', type: 't', name: 'n', key: '😀' }],
  ])('decodes %s', (text, expected) => {
    expect(parseAddress(text)).toEqual(expected);
  });

  it.each<[ResourceAddress, string]>([
    [
      {
        module: [{ name: 'm', key: 0 }],
        mode: 'managed',
        type: 't',
        name: 'n',
        key: 'tab\t %{x} ${y}',
      },
      'module.m[0].t.n["tab\\t %%{x} $${y}"]',
    ],
    [
      { module: [], mode: 'managed', type: 't', name: 'n', key: 'cost: $5 {or} 100%' },
      't.n["cost: $5 {or} 100%"]',
    ],
    [
      { module: [], mode: 'data', type: 't', name: 'n', key: 'ctl\u0007' },
      'data.t.n["ctl\\u0007"]',
    ],
  ])('prints %j as %s', (address, text) => {
    expect(formatAddress(address)).toBe(text);
  });

  it.each([
    ['', /expected a name at column 1/],
    ['justone', /expected "\." at column 8/],
    ['t.n[', /expected a quoted key or an index at column 5/],
    ['t.n["x"', /expected "\]" at column 8/],
    ['t.n[x]', /expected a quoted key or an index/],
    ['t.n[-1]', /expected a quoted key or an index/],
    ['module.a', /expected "\." at column 9/],
    ['t.n.extra', /expected the end of the address at column 4/],
    ['t.n["${x}"]', /template sequence/],
    ['t.n["\\q"]', /invalid escape sequence/],
    ['t.n["\\UFFFFFFFF"]', /invalid escape sequence/],
    ['t.n["\\ud800"]', /invalid escape sequence/],
    ['1t.n', /expected a name at column 1/],
    [' t.n', /expected a name at column 1/],
  ])('rejects %j', (text, message) => {
    expect(() => parseAddress(text)).toThrow(InputError);
    expect(() => parseAddress(text)).toThrow(message);
  });

  it('round-trips any address (property)', () => {
    const key = fc.option(trickyKey, { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, key }), { maxLength: 3 }),
        fc.constantFrom('managed' as const, 'data' as const),
        name,
        name,
        key,
        (module, mode, type, n, k) => {
          const text = formatAddress({ module, mode, type, name: n, key: k });
          const parsed = parseAddress(text);
          expect(formatAddress(parsed)).toBe(text);
          expect(parsed.key).toEqual(k);
          expect(parsed.module.map((m) => m.key)).toEqual(module.map((m) => m.key));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('configAddress / moduleAddress', () => {
  it.each([
    ['module.a["x"].module.b[1].t.n["k"]', 'module.a.module.b.t.n', 'module.a["x"].module.b[1]'],
    ['t.n[0]', 't.n', ''],
    ['module.a.data.t.n', 'module.a.data.t.n', 'module.a'],
  ])('%s', (text, config, module) => {
    const address = parseAddress(text);
    expect(configAddress(address)).toBe(config);
    expect(moduleAddress(address)).toBe(module);
  });
});

describe('parseModulePath', () => {
  it.each<[string | undefined, { name: string; key?: string | number }[]]>([
    [undefined, []],
    ['', []],
    ['module.a', [{ name: 'a' }]],
    [
      'module.a["x \\"y\\""].module.b[2]',
      [
        { name: 'a', key: 'x "y"' },
        { name: 'b', key: 2 },
      ],
    ],
  ])('%j', (text, steps) => {
    expect(parseModulePath(text)).toEqual(steps.map((s) => ({ key: undefined, ...s })));
  });

  it.each(['module.a.', 'module', 'module.a.t.n', 'mod.a', 'module.a[0]x'])(
    'rejects %j',
    (text) => {
      expect(() => parseModulePath(text)).toThrow(/invalid module path/);
    },
  );
});
