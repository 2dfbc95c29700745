import { describe, expect, it } from 'vitest';
import { locationKind } from '../../src/kinds/location.js';
import { outboundRouteKind } from '../../src/kinds/outbound-route.js';
import type { Kind } from '../../src/kinds/kind.js';
import type { Attributes, DesiredResource, LiveObject, ManagedResource } from '../../src/model.js';
import { runCheck } from '../../src/preflight/engine.js';

const R = outboundRouteKind.tfType;
const L = locationKind.tfType;
const route = (id: string, name: string, site: string): LiveObject => ({
  id,
  name,
  attributes: {
    name,
    site_id: site,
    site_name: site,
    description: null,
    distribution: 'SEQUENTIAL',
    enabled: false,
  },
});
const location = (id: string, name: string, path: string): LiveObject => ({
  id,
  name,
  attributes: { name, path, notes: null },
});
const create = (type: string, label: string, attributes: Attributes): DesiredResource => ({
  type,
  address: `${type}.${label}`,
  action: 'create',
  attributes,
});

function check(
  kind: Kind,
  desired: DesiredResource[],
  live: LiveObject[],
  managed: ManagedResource[] = [],
) {
  return runCheck({
    desired,
    managed,
    live: new Map([[kind.tfType, live]]),
    kinds: new Map([[kind.tfType, kind]]),
  }).findings;
}

/** `label kind` of each finding. */
const brief = (findings: ReturnType<typeof check>): string[] =>
  findings.map((f) => `${f.address.split('.')[1] ?? ''} ${f.kind}`);

describe('names unique per site (outbound routes)', () => {
  const live = [route('r1', 'Intl', 's1'), route('r2', 'Default Outbound Route', 's1')];

  it('a name in another site is no concern; in the same site it is a conflict by site:route', () => {
    const findings = check(
      outboundRouteKind,
      [
        create(R, 'same', { name: 'Intl', site_id: 's1' }),
        create(R, 'other', { name: 'intl', site_id: 's2' }),
      ],
      live,
    );
    expect(brief(findings)).toEqual(['same conflict']);
    expect(findings[0]?.fix).toEqual({ import: { to: `${R}.same`, id: 's1:r1' } });
  });

  it('the same name in two sites is no duplicate; in one site it is', () => {
    const findings = check(
      outboundRouteKind,
      [
        create(R, 'a', { name: 'Local', site_id: 's1' }),
        create(R, 'b', { name: 'Local', site_id: 's2' }),
        create(R, 'c', { name: 'Local', site_id: 's2' }),
      ],
      live,
    );
    expect(brief(findings)).toEqual(['b duplicate', 'c duplicate']);
  });

  it('adopts the default route of its site, reports an unknown site, matches state by site:route', () => {
    const findings = check(
      outboundRouteKind,
      [
        create(R, 'default', { name: 'Default Outbound Route', site_id: 's1' }),
        create(R, 'later', { name: 'Intl', site_id: { unknown: 'after apply' } }),
      ],
      live,
      [
        { type: R, address: `${R}.kept`, id: 's1:r1', attributes: {} },
        { type: R, address: `${R}.gone`, id: 's1:r9', attributes: {} },
      ],
    );
    expect(brief(findings)).toEqual(['gone stale-state', 'later unknown']);
  });
});

describe('names perhaps unique per parent (locations)', () => {
  const live = [location('a', 'Floor 1', 'p1')];

  it('warns of the name under another parent, conflicts under the same or an unknown one', () => {
    const one = (path: Attributes[string]) =>
      brief(check(locationKind, [create(L, 'floor', { name: 'Floor 1', path })], live));
    expect(one(['p2'])).toEqual(['floor elsewhere']);
    expect(one(['p1'])).toEqual(['floor conflict']);
    expect(one([{ unknown: 'after apply' }])).toEqual(['floor conflict']);
  });
});
