import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  configAddress,
  formatAddress,
  parseAddress,
  parseModulePath,
  type ResourceAddress,
} from '../../src/terraform/address.js';

describe('resource addresses', () => {
  it.each([
    'genesyscloud_auth_division.home',
    'genesyscloud_auth_division.team[0]',
    'genesyscloud_auth_division.team["sales"]',
    'module.org.genesyscloud_auth_division.this',
    'module.org["emea"].module.inner[3].genesyscloud_auth_division.this["k"]',
    'data.genesyscloud_auth_division_home.home',
    'genesyscloud_auth_division.x["a \\"q\\" $${k} %%{d} \\\\ \\n ü"]',
  ])('round-trips %s', (text) => {
    expect(formatAddress(parseAddress(text))).toBe(text);
  });

  it('decodes string keys and numeric indexes', () => {
    const a = parseAddress(
      'module.org["emea"].genesyscloud_auth_division.team["a \\"q\\" $${k} \\u00e9"]',
    );
    expect(a).toEqual({
      module: [{ name: 'org', key: 'emea' }],
      mode: 'managed',
      type: 'genesyscloud_auth_division',
      name: 'team',
      key: 'a "q" ${k} é',
    });
    expect(parseAddress('t.n[12]').key).toBe(12);
  });

  it('prints keys with Terraform quoting', () => {
    const a: ResourceAddress = {
      module: [{ name: 'm', key: 0 }],
      mode: 'managed',
      type: 't',
      name: 'n',
      key: 'tab\there %{x} ${y}',
    };
    expect(formatAddress(a)).toBe('module.m[0].t.n["tab\\there %%{x} $${y}"]');
  });

  it('gives the configuration address without keys', () => {
    expect(configAddress(parseAddress('module.a["x"].module.b[1].t.n["k"]'))).toBe(
      'module.a.module.b.t.n',
    );
  });

  it('parses module paths from state files', () => {
    expect(parseModulePath('module.a["x"].module.b')).toEqual([
      { name: 'a', key: 'x' },
      { name: 'b', key: undefined },
    ]);
    expect(parseModulePath(undefined)).toEqual([]);
  });

  it.each([
    '',
    'justone',
    't.n[',
    't.n["x"',
    't.n[x]',
    'module.a',
    't.n.extra',
    't.n["${x}"]',
    '1t.n',
  ])('rejects %j', (text) => {
    expect(() => parseAddress(text)).toThrow(/invalid resource address/);
  });

  it('round-trips any key (property)', () => {
    const key = fc.oneof(fc.string({ unit: 'grapheme' }), fc.nat({ max: 10_000 }));
    const name = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, key: fc.option(key, { nil: undefined }) }), { maxLength: 3 }),
        name,
        name,
        fc.option(key, { nil: undefined }),
        (module, type, n, k) => {
          const address: ResourceAddress = { module, mode: 'managed', type, name: n, key: k };
          const text = formatAddress(address);
          expect(formatAddress(parseAddress(text))).toBe(text);
          expect(parseAddress(text).key).toEqual(k);
        },
      ),
    );
  });
});
