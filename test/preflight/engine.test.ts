import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divisionKind } from '../../src/kinds/division.js';
import type { DesiredResource, LiveObject, ManagedResource } from '../../src/model.js';
import { exitCodeFor, runCheck } from '../../src/preflight/engine.js';
import type { Finding } from '../../src/preflight/types.js';

const T = 'genesyscloud_auth_division';
const kinds = new Map([[T, divisionKind]]);
const live = (
  id: string,
  name: string,
  extra: { description?: string | null; home?: boolean } = {},
): LiveObject => ({
  id,
  name,
  attributes: { name, description: extra.description ?? null, home: extra.home ?? false },
});
const want = (
  address: string,
  name: unknown,
  extra: Partial<DesiredResource> & { description?: unknown; home?: unknown } = {},
): DesiredResource => {
  const { description, home, ...rest } = extra;
  return {
    type: T,
    address,
    action: 'create',
    attributes: {
      name: name as string,
      ...(description === undefined ? {} : { description: description as string }),
      ...(home === undefined ? {} : { home: home as boolean }),
    },
    ...rest,
  };
};
const state = (address: string, id: string, name: string): ManagedResource => ({
  type: T,
  address,
  id,
  attributes: { id, name },
});

const HOME = live('00000000-0000-4000-8000-000000000001', 'Home', { home: true });
const SALES = live('00000000-0000-4000-8000-000000000002', 'Sales', { description: 'Sales team' });

function check(
  desired: DesiredResource[],
  org: LiveObject[] = [HOME, SALES],
  managed: ManagedResource[] = [],
  includeOk = false,
) {
  return runCheck({ desired, managed, live: new Map([[T, org]]), kinds, includeOk });
}
const brief = (fs: readonly Finding[]) => fs.map((f) => [f.kind, f.address]);

describe('preflight engine', () => {
  it('reports a conflict with an import fix, and the drift the import brings', () => {
    const result = check([
      want('genesyscloud_auth_division.sales', 'Sales', { description: 'All sales' }),
    ]);
    expect(brief(result.findings)).toEqual([
      ['conflict', 'genesyscloud_auth_division.sales'],
      ['drift', 'genesyscloud_auth_division.sales'],
    ]);
    expect(result.findings[0]?.fix).toEqual({
      import: { to: 'genesyscloud_auth_division.sales', id: SALES.id },
    });
    expect(result.findings[1]?.changes).toEqual([
      { attribute: 'description', live: 'Sales team', desired: 'All sales' },
    ]);
    expect(result.summary).toEqual({ blocking: 1, errors: 1, warnings: 1, checked: 1 });
    expect(exitCodeFor(result)).toBe(2);
  });

  it('treats null and "" descriptions as the same', () => {
    const org = [HOME, live('00000000-0000-4000-8000-000000000003', 'Ops', { description: null })];
    const result = check([want('t.ops', 'Ops', { description: '' })], org);
    expect(brief(result.findings)).toEqual([['conflict', 't.ops']]);
  });

  it('treats a case- or space-only match as a conflict by default: import, then apply renames', () => {
    const address = 'module.org["x"].genesyscloud_auth_division.this["sales"]';
    const result = check([want(address, ' SALES ', { description: 'Sales team' })]);
    expect(brief(result.findings)).toEqual([
      ['conflict', address],
      ['drift', address],
    ]);
    expect(result.findings[0]?.severity).toBe('error');
    expect(result.findings[0]?.fix).toEqual({ import: { to: address, id: SALES.id } });
    expect(result.findings[0]?.message).toContain('only by case');
    expect(result.findings[1]?.changes).toEqual([
      { attribute: 'name', live: 'Sales', desired: ' SALES ' },
    ]);
    expect(exitCodeFor(result)).toBe(2);
  });

  it('with exact names, reports a case-only match as a warning that blocks only on --fail-on warning', () => {
    const input = {
      managed: [],
      live: new Map([[T, [HOME, SALES]]]),
      kinds,
      names: 'exact' as const,
    };
    const result = runCheck({ ...input, desired: [want('a.b', 'sales')] });
    expect(brief(result.findings)).toEqual([['case-conflict', 'a.b']]);
    expect(result.findings[0]?.severity).toBe('warning');
    expect(exitCodeFor(result)).toBe(0);
    const strict = runCheck({ ...input, desired: [want('a.b', 'sales')], failOn: 'warning' });
    expect(strict.summary.blocking).toBe(1);
    // An identical name is a conflict under either rule.
    const same = runCheck({
      ...input,
      desired: [want('a.b', 'Sales', { description: 'Sales team' })],
    });
    expect(brief(same.findings)).toEqual([['conflict', 'a.b']]);
  });

  it('compares names in Unicode NFC, as Terraform sends them', () => {
    const cafe = live('00000000-0000-4000-8000-00000000cafe', 'Caf\u00e9');
    for (const names of ['normalized', 'exact'] as const) {
      const result = runCheck({
        desired: [want('t.c', 'Cafe\u0301')],
        managed: [],
        live: new Map([[T, [HOME, cafe]]]),
        kinds,
        names,
      });
      expect(brief(result.findings)).toEqual([['conflict', 't.c']]);
      expect(result.findings[0]?.message).toContain('already exists');
    }
  });

  it('reports two live objects whose names differ only by Unicode form as ambiguous', () => {
    const nfc = live('00000000-0000-4000-8000-0000000000c1', 'Caf\u00e9');
    const nfd = live('00000000-0000-4000-8000-0000000000c2', 'Cafe\u0301');
    for (const names of ['normalized', 'exact'] as const) {
      const result = runCheck({
        desired: [want('t.c', 'Caf\u00e9')],
        managed: [],
        live: new Map([[T, [HOME, nfc, nfd]]]),
        kinds,
        names,
      });
      expect(brief(result.findings)).toEqual([['ambiguous', 't.c']]);
    }
  });

  it('asks for home = true instead of importing the home division', () => {
    const result = check([want('t.home', 'Home')]);
    expect(brief(result.findings)).toEqual([['home', 't.home']]);
    expect(result.findings[0]?.fix).toEqual({ set: { home: true } });
  });

  it('accepts a home = true resource and reports what it will change on the home division', () => {
    expect(check([want('t.home', 'Home', { home: true })]).findings).toEqual([]);
    const renamed = check([want('t.home', 'Headquarters', { home: true })]);
    expect(brief(renamed.findings)).toEqual([['drift', 't.home']]);
    expect(renamed.findings[0]?.changes).toEqual([
      { attribute: 'name', live: 'Home', desired: 'Headquarters' },
    ]);
  });

  it('reports every address of a duplicate, pointing at the others, also when it is a conflict', () => {
    const result = check([
      want('t.a', 'Sales', { description: 'Sales team' }),
      want('module.m[0].t.b', 'sales '),
      want('t.c', 'New'),
    ]);
    expect(brief(result.findings)).toEqual([
      ['conflict', 'module.m[0].t.b'],
      ['duplicate', 'module.m[0].t.b'],
      ['drift', 'module.m[0].t.b'],
      ['conflict', 't.a'],
      ['duplicate', 't.a'],
    ]);
    expect(result.findings[1]?.related).toEqual(['t.a']);
    expect(result.findings[4]?.related).toEqual(['module.m[0].t.b']);
  });

  it('reports two home = true resources as duplicates', () => {
    const result = check([want('t.a', 'Home', { home: true }), want('t.b', 'HQ', { home: true })]);
    expect(result.findings.filter((f) => f.kind === 'duplicate').map((f) => f.address)).toEqual([
      't.a',
      't.b',
    ]);
  });

  it('refuses to guess between several live matches', () => {
    const org = [HOME, SALES, live('00000000-0000-4000-8000-000000000009', 'sales')];
    const result = check([want('t.s', 'Sales')], org);
    expect(brief(result.findings)).toEqual([['ambiguous', 't.s']]);
    expect(result.findings[0]?.fix).toBeUndefined();
    expect(result.findings[0]?.candidates?.map((c) => c.id)).toEqual([
      SALES.id,
      '00000000-0000-4000-8000-000000000009',
    ]);
  });

  it('reports an unknown name with its reason', () => {
    const result = check([want('t.r', { unknown: 'depends on random_id.x.hex' })]);
    expect(brief(result.findings)).toEqual([['unknown', 't.r']]);
    expect(result.findings[0]?.message).toContain('random_id.x.hex');
  });

  it('reports a rename onto a name another division holds', () => {
    const result = check(
      [want('t.ops', 'Sales', { action: 'update' })],
      [HOME, SALES, live('00000000-0000-4000-8000-000000000004', 'Ops')],
      [state('t.ops', '00000000-0000-4000-8000-000000000004', 'Ops')],
    );
    expect(brief(result.findings)).toEqual([['rename-conflict', 't.ops']]);
    expect(result.findings[0]?.live?.id).toBe(SALES.id);
  });

  it('reports stale state, and the conflict the recreate would meet', () => {
    const result = check(
      [want('t.sales', 'Sales', { action: 'update' })],
      [HOME, SALES],
      [state('t.sales', '00000000-0000-4000-8000-00000000dead', 'Sales')],
    );
    expect(brief(result.findings)).toEqual([
      ['conflict', 't.sales'],
      ['stale-state', 't.sales'],
      ['drift', 't.sales'],
    ]);
    // Adopting it into a block without a description clears the live one.
    expect(result.findings[2]?.changes).toEqual([
      { attribute: 'description', live: 'Sales team', desired: null },
    ]);
  });

  it('does not flag a managed object, or one a plan imports', () => {
    const managed = [state('t.sales', SALES.id, 'Sales')];
    expect(
      check(
        [want('t.sales', 'Sales', { action: 'no-op', description: 'Sales team' })],
        [HOME, SALES],
        managed,
      ).findings,
    ).toEqual([]);
    expect(
      check([
        want('t.sales', 'Sales', {
          action: 'no-op',
          importId: SALES.id,
          description: 'Sales team',
        }),
      ]).findings,
    ).toEqual([]);
  });

  it('matches an import id whatever the case the API returns it in', () => {
    const upper = live('ABCDEF00-0000-4000-8000-0000000000AA', 'Upper', { description: 'u' });
    const result = check(
      [want('t.u', 'Upper', { importId: upper.id.toLowerCase(), description: 'u' })],
      [HOME, upper],
      [],
      true,
    );
    expect(brief(result.findings)).toEqual([['ok', 't.u']]);
  });

  it('refuses an import of the home division into a block without home = true', () => {
    const result = check([want('t.h', 'Home', { importId: HOME.id })]);
    expect(brief(result.findings)).toEqual([['home', 't.h']]);
    expect(result.findings[0]?.fix).toEqual({ set: { home: true } });
    expect(check([want('t.h', 'Home', { importId: HOME.id, home: true })]).findings).toEqual([]);
  });

  it('reports two resources that end up on one live object as duplicates', () => {
    const twice = check([
      want('t.a', 'Sales', { importId: SALES.id, description: 'Sales team' }),
      want('t.b', 'Sales team division', { importId: SALES.id, description: 'Sales team' }),
    ]);
    expect(brief(twice.findings).filter(([k]) => k === 'duplicate')).toEqual([
      ['duplicate', 't.a'],
      ['duplicate', 't.b'],
    ]);
    expect(
      twice.findings.find((f) => f.address === 't.a' && f.kind === 'duplicate')?.related,
    ).toEqual(['t.b']);
    // A home = true block and a block named after the home division.
    const home = check([want('t.hq', 'Home', { home: true }), want('t.named', 'Home')]);
    expect(brief(home.findings)).toEqual([
      ['duplicate', 't.hq'],
      ['home', 't.named'],
      ['duplicate', 't.named'],
    ]);
    // A managed object imported again at another address.
    const managed = check(
      [
        want('t.sales', 'Sales', { action: 'no-op', description: 'Sales team' }),
        want('t.again', 'Sales', { importId: SALES.id, description: 'Sales team' }),
      ],
      [HOME, SALES],
      [state('t.sales', SALES.id, 'Sales')],
    );
    expect(brief(managed.findings).filter(([k]) => k === 'duplicate')).toEqual([
      ['duplicate', 't.again'],
      ['duplicate', 't.sales'],
    ]);
  });

  it('reports import blocks whose target the configuration does not declare', () => {
    const desired = [
      want('module.m["a"].t.x["k1"]', 'New 1'),
      want('t.y[*]', { unknown: 'for_each depends on a data source' }),
      want('t.z', 'New 2'),
    ];
    const imports = [
      { to: 'module.m["a"].t.x["k2"]', id: 'id-1', source: { file: 'imports.tf', line: 1 } },
      {
        to: 'genesyscloud_auth_division.gone',
        id: 'id-2',
        source: { file: 'imports.tf', line: 5 },
      },
      { to: 't.z', id: 'id-3' },
      { to: 't.y["any"]', id: 'id-4' },
      { to: 'module.remote.t.x', id: 'id-5' },
      { to: 'aws_instance.web', id: 'i-1' },
    ];
    const kindsAll = new Map([
      [T, divisionKind],
      ['t', divisionKind],
    ]);
    const result = runCheck({
      desired: desired.map((d) => ({ ...d, type: d.address.includes('genesyscloud') ? T : 't' })),
      managed: [],
      live: new Map(),
      kinds: kindsAll,
      imports,
    });
    const orphans = result.findings.filter((f) => f.kind === 'import-orphan');
    expect(orphans.map((f) => [f.address, f.source?.line])).toEqual([
      ['genesyscloud_auth_division.gone', 5],
      ['module.m["a"].t.x["k2"]', 1],
    ]);
    expect(orphans.every((f) => f.severity === 'error')).toBe(true);
    expect(orphans[1]?.message).toContain('not an instance of module.m["a"].t.x');
  });

  it('reports an import of an id the org does not have', () => {
    const result = check([want('t.x', 'X', { importId: '00000000-0000-4000-8000-00000000beef' })]);
    expect(brief(result.findings)).toEqual([['import-missing', 't.x']]);
  });

  it('reports a live name managed by another address without offering an import', () => {
    const result = check(
      [want('t.copy', 'Sales')],
      [HOME, SALES],
      [state('t.sales', SALES.id, 'Sales')],
    );
    expect(brief(result.findings)).toEqual([['conflict', 't.copy']]);
    expect(result.findings[0]?.fix).toBeUndefined();
    expect(result.findings[0]?.related).toEqual(['t.sales']);
  });

  it('lets a replace collide only with other objects', () => {
    const managed = [state('t.sales', SALES.id, 'Sales')];
    expect(
      check(
        [want('t.sales', 'Sales', { action: 'replace', description: 'Sales team' })],
        [HOME, SALES],
        managed,
      ).findings,
    ).toEqual([]);
  });

  it('skips deletes and reads, and reports ok only when asked', () => {
    expect(check([want('t.d', 'Sales', { action: 'delete' })]).findings).toEqual([]);
    const ok = check([want('t.new', 'Brand new')], [HOME], [], true);
    expect(brief(ok.findings)).toEqual([['ok', 't.new']]);
    expect(ok.summary).toEqual({ blocking: 0, errors: 0, warnings: 0, checked: 1 });
  });

  it('is deterministic whatever the input order, and never throws (property)', () => {
    const names = ['Home', 'Sales', 'sales', ' Ops', 'Ops', 'Zürich', 'x'];
    const desired = fc.uniqueArray(
      fc.record({
        address: fc.constantFrom('t.a', 't.b', 'module.m["k"].t.c', 't.d[0]'),
        name: fc.oneof(fc.constantFrom(...names), fc.constant({ unknown: 'r' })),
        action: fc.constantFrom('create', 'update', 'replace', 'no-op', 'delete'),
        home: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { maxLength: 6, selector: (x) => x.address },
    );
    const org = fc.uniqueArray(
      fc.record({ id: fc.uuid(), name: fc.constantFrom(...names), home: fc.boolean() }),
      { selector: (l) => l.id, maxLength: 5 },
    );
    fc.assert(
      fc.property(desired, org, (d, o) => {
        const ds = d.map((x) =>
          want(x.address, x.name, { action: x.action as DesiredResource['action'], home: x.home }),
        );
        const ls = o.map((x) => live(x.id, x.name, { home: x.home }));
        const a = runCheck({ desired: ds, managed: [], live: new Map([[T, ls]]), kinds });
        const b = runCheck({
          desired: [...ds].reverse(),
          managed: [],
          live: new Map([[T, [...ls].reverse()]]),
          kinds,
        });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
    );
  });
});
