import { describe, expect, it } from 'vitest';
import { divisionKind } from '../../src/kinds/division.js';
import type { Kind } from '../../src/kinds/kind.js';
import type { DesiredResource } from '../../src/model.js';
import { runCheck } from '../../src/preflight/engine.js';

const T = 'genesyscloud_auth_division';

const want = (
  name: string,
  attributes: DesiredResource['attributes'] = {},
  action: DesiredResource['action'] = 'create',
): DesiredResource => ({
  type: T,
  address: `${T}.${name.toLowerCase().replaceAll(' ', '_')}_${action}`,
  action,
  attributes: { name, ...attributes },
});

function duplicates(desired: DesiredResource[], kind: Kind = divisionKind) {
  return runCheck({ desired, managed: [], live: new Map([[T, []]]), kinds: new Map([[T, kind]]) })
    .findings.filter((f) => f.kind === 'duplicate')
    .map((f) => ({ address: f.address, name: f.name, related: f.related, message: f.message }));
}

describe('duplicate names in the configuration', () => {
  it('points each address at all the others, by name key', () => {
    expect(duplicates([want('Sales'), want('sales '), want('SALES', {}, 'replace')])).toEqual([
      {
        address: `${T}.sales__create`,
        name: 'sales ',
        related: [`${T}.sales_create`, `${T}.sales_replace`],
        message: `${T}.sales_create, ${T}.sales_replace also wants the division name "sales ": only one of them can exist`,
      },
      {
        address: `${T}.sales_create`,
        name: 'Sales',
        related: [`${T}.sales__create`, `${T}.sales_replace`],
        message: `${T}.sales__create, ${T}.sales_replace also wants the division name "Sales": only one of them can exist`,
      },
      {
        address: `${T}.sales_replace`,
        name: 'SALES',
        related: [`${T}.sales__create`, `${T}.sales_create`],
        message: `${T}.sales__create, ${T}.sales_create also wants the division name "SALES": only one of them can exist`,
      },
    ]);
  });

  it.each(['delete', 'read'] as const)('leaves out a resource being %sd', (action) => {
    expect(duplicates([want('Sales'), want('Sales', {}, action)])).toEqual([]);
  });

  it('names the singleton two resources claim, whatever their names', () => {
    expect(duplicates([want('A', { home: true }), want('B', { home: true })])).toEqual([
      {
        address: `${T}.a_create`,
        name: 'A',
        related: [`${T}.b_create`],
        message: `${T}.b_create also sets home = true: only one of them can exist`,
      },
      {
        address: `${T}.b_create`,
        name: 'B',
        related: [`${T}.a_create`],
        message: `${T}.a_create also sets home = true: only one of them can exist`,
      },
    ]);
  });

  it('works for a kind without singletons', () => {
    const plain: Kind = { ...divisionKind };
    delete plain.singleton;
    expect(duplicates([want('A', { home: true }), want('B', { home: true })], plain)).toEqual([]);
    expect(duplicates([want('A'), want('a')], plain)).toHaveLength(2);
  });

  it('leaves the name out for a singleton claimed by a resource whose name is unknown', () => {
    const found = duplicates([
      want('A', { home: true }),
      { ...want('B', { home: true }), attributes: { name: { unknown: 'later' }, home: true } },
    ]);
    expect(found.map((f) => f.name)).toEqual(['A', undefined]);
  });
});
