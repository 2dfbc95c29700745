import { describe, expect, it } from 'vitest';
import { divisionKind } from '../../src/kinds/division.js';
import type { DesiredResource, LiveObject, ManagedResource } from '../../src/model.js';
import { runCheck } from '../../src/preflight/engine.js';
import type { Finding } from '../../src/preflight/types.js';

const T = 'genesyscloud_auth_division';
const kinds = new Map([[T, divisionKind]]);

const live = (id: string, name: string, description: string | null = null): LiveObject => ({
  id,
  name,
  attributes: { name, description, home: false },
});
const want = (
  address: string,
  attributes: DesiredResource['attributes'],
  extra: Partial<DesiredResource> = {},
): DesiredResource => ({
  type: T,
  address: `${T}.${address}`,
  action: 'create',
  attributes,
  source: { file: 'main.tf', line: 7 },
  ...extra,
});
const managed = (
  address: string,
  id: string,
  attributes: ManagedResource['attributes'] = {},
  type = T,
): ManagedResource => ({ type, address: `${T}.${address}`, id, attributes: { id, ...attributes } });

function check(
  desired: DesiredResource[],
  org: LiveObject[] | undefined,
  state: ManagedResource[] = [],
  includeOk = false,
): readonly Finding[] {
  const liveMap = new Map(org === undefined ? [] : [[T, org]]);
  return runCheck({ desired, managed: state, live: liveMap, kinds, includeOk }).findings;
}

describe('what each finding says', () => {
  it('a conflict names the object and its id', () => {
    const [f] = check([want('a', { name: 'Sales' })], [live('id-1', 'Sales')]);
    expect(f?.kind).toBe('conflict');
    expect(f?.message).toContain('"Sales"');
    expect(f?.message).toContain('id-1');
    expect(f?.message).toContain('409');
  });

  it('a conflict with an object managed elsewhere names that address, whatever the id case', () => {
    const [f] = check(
      [want('b', { name: 'Sales' })],
      [live('abc-1', 'Sales')],
      [managed('a', 'ABC-1', { name: 'Sales' })],
    );
    expect(f?.kind).toBe('conflict');
    expect(f?.related).toEqual([`${T}.a`]);
    expect(f?.fix).toBeUndefined();
    expect(f?.message).toContain(`${T}.a`);
  });

  it('a case conflict names both spellings', () => {
    const [f] = check([want('a', { name: 'sales' })], [live('id-1', 'Sales')]);
    // A conflict by default: the org's name rule is unverified.
    expect(f?.kind).toBe('conflict');
    expect(f?.message).toContain('"Sales" (id-1)');
    expect(f?.message).toContain('"sales"');
  });

  it('an ambiguous match lists every candidate', () => {
    const [f] = check([want('a', { name: 'x' })], [live('i2', 'X'), live('i1', 'x ')]);
    expect(f?.kind).toBe('ambiguous');
    expect(f?.message).toContain('"x " (i1), "X" (i2)');
  });

  it('a missing import names the id, and the name when there is one', () => {
    const [named] = check([want('a', { name: 'A' }, { importId: 'gone-1' })], []);
    expect(named?.kind).toBe('import-missing');
    expect(named?.name).toBe('A');
    expect(named?.message).toContain('gone-1');
    const [unnamed] = check([want('a', { name: { unknown: 'later' } }, { importId: 'x' })], []);
    expect(unnamed?.name).toBeUndefined();
  });

  it('an import that changes the object says what changes', () => {
    const [f] = check(
      [want('a', { name: 'A', description: 'new' }, { importId: 'id-1' })],
      [live('id-1', 'A', 'old')],
    );
    expect(f?.kind).toBe('drift');
    expect(f?.message).toBe(
      'imports division "A" (id-1); apply will change it: description "old" -> "new"',
    );
  });

  it('a conflict that would also change the object says so after the import', () => {
    const findings = check(
      [want('a', { name: 'A', description: 'new' })],
      [live('id-1', 'A', 'old')],
    );
    expect(findings.map((f) => f.kind)).toEqual(['conflict', 'drift']);
    expect(findings[1]?.message).toBe(
      'after the import, apply will change division id-1: description "old" -> "new"',
    );
  });

  it('a drift lists every change', () => {
    const [f] = check(
      [want('a', { name: 'B', description: 'new' }, { action: 'update' })],
      [live('id-1', 'A', 'old')],
      [managed('a', 'id-1')],
    );
    expect(f?.kind).toBe('drift');
    expect(f?.message).toBe(
      'manages division "A" (id-1); apply will change it: name "A" -> "B", description "old" -> "new"',
    );
  });

  it('stale state names the id, the managed name and where the block is', () => {
    const [f] = check(
      [want('a', { name: 'A' }, { action: 'update' })],
      [],
      [managed('a', 'gone-1', { name: 'Old' })],
    );
    expect(f?.kind).toBe('stale-state');
    expect(f?.name).toBe('Old');
    expect(f?.source).toEqual({ file: 'main.tf', line: 7 });
    expect(f?.message).toContain('gone-1');
    const [unnamed] = check([], [], [managed('b', 'gone-2', { name: 5 })]);
    expect(unnamed?.name).toBeUndefined();
    expect(unnamed?.source).toBeUndefined();
  });

  it('a rename conflict names the object and the one holding the name', () => {
    const [f] = check(
      [want('a', { name: 'B' }, { action: 'update' })],
      [live('id-a', 'A'), live('id-b', 'B')],
      [managed('a', 'id-a')],
    );
    expect(f?.kind).toBe('rename-conflict');
    expect(f?.live?.id).toBe('id-b');
    expect(f?.message).toContain('"A"');
    expect(f?.message).toContain('id-b');
  });

  it('an ok create says no object has the name', () => {
    const [f] = check([want('a', { name: 'New' })], [], [], true);
    expect(f?.kind).toBe('ok');
    expect(f?.message).toContain('"New"');
  });

  it('an ok managed object says which object it manages', () => {
    const [f] = check(
      [want('a', { name: 'A' }, { action: 'no-op' })],
      [live('id-1', 'A')],
      [managed('a', 'id-1')],
      true,
    );
    expect(f?.message).toBe('manages division "A" (id-1): no changes');
  });
});

describe('which findings a change gets', () => {
  it('renames a managed object to a free name: only the drift', () => {
    const findings = check(
      [want('a', { name: 'Free' }, { action: 'update' })],
      [live('id-a', 'A')],
      [managed('a', 'id-a')],
    );
    expect(findings.map((f) => f.kind)).toEqual(['drift']);
  });

  it('changes only the case of a managed name while the org has another spelling: no rename conflict', () => {
    const findings = check(
      [want('a', { name: 'sales' }, { action: 'update' })],
      [live('id-a', 'Sales'), live('id-b', 'SALES')],
      [managed('a', 'id-a')],
    );
    expect(findings.map((f) => f.kind)).toEqual(['drift']);
  });

  it.each(['delete', 'read'] as const)('reports nothing for a %s', (action) => {
    expect(
      check(
        [want('a', { name: 'B' }, { action })],
        [live('id-a', 'A')],
        [managed('a', 'id-a')],
        true,
      ),
    ).toEqual([]);
  });

  it('treats a type with no live listing as an empty org', () => {
    expect(check([want('a', { name: 'A' })], undefined, [], true).map((f) => f.kind)).toEqual([
      'ok',
    ]);
  });

  it('looks at state entries of its own type only', () => {
    expect(check([], [], [managed('x', 'gone', {}, 'other_type')])).toEqual([]);
  });

  it('replacing a managed object onto a name another object holds is a conflict', () => {
    const findings = check(
      [want('a', { name: 'B' }, { action: 'replace' })],
      [live('id-a', 'A'), live('id-b', 'B')],
      [managed('a', 'id-a')],
    );
    expect(findings.map((f) => f.kind)).toEqual(['conflict']);
    expect(findings[0]?.live?.id).toBe('id-b');
  });

  it('reports nothing for an update of an address state does not hold', () => {
    expect(check([want('a', { name: 'A' }, { action: 'update' })], [live('id-1', 'B')])).toEqual(
      [],
    );
  });

  it('reports nothing for a state entry without an id', () => {
    expect(
      check(
        [want('a', { name: 'B' }, { action: 'update' })],
        [live('id-1', 'B')],
        [managed('a', '')],
      ),
    ).toEqual([]);
  });

  it('says which object home = true adopts and what it changes', () => {
    const home: LiveObject = {
      id: 'home-1',
      name: 'Home',
      attributes: { name: 'Home', description: null, home: true },
    };
    const [f] = check([want('h', { name: 'Main', home: true })], [home]);
    expect(f?.kind).toBe('drift');
    expect(f?.message).toBe(
      'adopts the division "Home" (home-1); apply will change it: name "Home" -> "Main"',
    );
  });

  it('works for a kind without adoption or collision rules', () => {
    const plain = { ...divisionKind };
    delete plain.adopts;
    delete plain.collision;
    const home: LiveObject = {
      id: 'home-1',
      name: 'Home',
      attributes: { name: 'Home', description: null, home: true },
    };
    const result = runCheck({
      desired: [want('h', { name: 'Home', home: true })],
      managed: [],
      live: new Map([[T, [home]]]),
      kinds: new Map([[T, plain]]),
    });
    expect(result.findings.map((f) => f.kind)).toEqual(['conflict']);
  });
});
