import { describe, expect, it } from 'vitest';
import { divisionKind } from '../../src/kinds/division.js';
import type { DesiredResource, LiveObject, ManagedResource } from '../../src/model.js';
import { runCheck } from '../../src/preflight/engine.js';

const T = 'genesyscloud_auth_division';
const kinds = new Map([[T, divisionKind]]);

const live = (id: string, name: string): LiveObject => ({
  id,
  name,
  attributes: { name, description: null, home: false },
});
const want = (
  address: string,
  name: unknown,
  action: DesiredResource['action'] = 'create',
  type = T,
): DesiredResource => ({ type, address, action, attributes: { name: name as string } });
const managed = (address: string, id: string): ManagedResource => ({
  type: T,
  address,
  id,
  attributes: { id, name: 'x' },
});

function check(
  desired: DesiredResource[],
  org: LiveObject[],
  state: ManagedResource[] = [],
  includeOk = false,
) {
  return runCheck({ desired, managed: state, live: new Map([[T, org]]), kinds, includeOk });
}

describe('runCheck ordering and counting', () => {
  it('sorts findings by address, then by kind order, whatever the input order', () => {
    const org = [live('b', 'Beta'), live('a', 'Alpha')];
    const result = check(
      [
        want(`${T}.z`, 'Alpha'),
        want(`${T}.m`, { unknown: 'later' }),
        want(`${T}.a2`, 'Beta'),
        want(`${T}.a1`, 'Beta'),
      ],
      org,
    );
    expect(result.findings.map((f) => [f.address, f.kind])).toEqual([
      [`${T}.a1`, 'conflict'],
      [`${T}.a1`, 'duplicate'],
      [`${T}.a2`, 'conflict'],
      [`${T}.a2`, 'duplicate'],
      [`${T}.m`, 'unknown'],
      [`${T}.z`, 'conflict'],
    ]);
  });

  it('lists ambiguous candidates by id', () => {
    const result = check([want(`${T}.x`, 'sales')], [live('c2', 'SALES'), live('c1', 'Sales ')]);
    expect(result.findings[0]?.kind).toBe('ambiguous');
    expect(result.findings[0]?.candidates?.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(result.findings[0]?.message).toBe(
      '2 live divisions match "sales": "Sales " (c1), "SALES" (c2); gcadopt will not guess which to import',
    );
  });

  it('counts only resources of the kinds checked', () => {
    const result = check(
      [want(`${T}.a`, 'A'), want('other_type.b', 'B', 'create', 'other_type')],
      [],
    );
    expect(result.summary.checked).toBe(1);
  });

  it('matches state ids to live ids whatever their case', () => {
    const result = check(
      [want(`${T}.a`, 'Alpha', 'no-op')],
      [live('abc-def', 'Alpha')],
      [managed(`${T}.a`, 'ABC-DEF')],
      true,
    );
    expect(result.findings.map((f) => f.kind)).toEqual(['ok']);
  });

  it('reports no stale state for an entry without an id', () => {
    const result = check([], [live('a', 'Alpha')], [managed(`${T}.a`, '')]);
    expect(result.findings).toEqual([]);
  });

  it('checks an unknown name on update, not on no-op', () => {
    expect(check([want(`${T}.a`, { unknown: 'later' }, 'update')], []).findings).toHaveLength(1);
    expect(check([want(`${T}.a`, { unknown: 'later' }, 'no-op')], []).findings).toEqual([]);
  });

  it('ignores a name that is not a string', () => {
    expect(check([want(`${T}.a`, 42), want(`${T}.b`, null)], [live('x', '42')]).findings).toEqual(
      [],
    );
  });
});
