import { describe, expect, it } from 'vitest';
import { divisionKind } from '../../src/kinds/division.js';
import type { LiveObject } from '../../src/model.js';

const live = (
  name: string,
  attributes: Record<string, string | boolean | null> = {},
): LiveObject => ({
  id: `id-${name}`,
  name,
  attributes: { name, description: null, home: false, ...attributes },
});

describe('divisionKind', () => {
  it('matches names by case and surrounding spaces only', () => {
    expect(divisionKind.matchKey('  Sales Team ')).toBe('sales team');
    expect(divisionKind.matchKey('Sales  Team')).not.toBe(divisionKind.matchKey('Sales Team'));
  });

  it.each<[Record<string, unknown>, Record<string, string | null>, unknown[]]>([
    [{ name: 'A' }, {}, []],
    [{ name: 'B' }, {}, [{ attribute: 'name', live: 'A', desired: 'B' }]],
    [{ name: 'A', description: '' }, { description: null }, []],
    [{ name: 'A', description: null }, { description: '' }, []],
    [
      { name: 'A', description: 'x' },
      { description: null },
      [{ attribute: 'description', live: null, desired: 'x' }],
    ],
    [{ name: 'A' }, { description: 'y' }, [{ attribute: 'description', live: 'y', desired: null }]],
    [{ name: 'A', description: { unknown: 'later' } }, { description: 'y' }, []],
    [{ name: { unknown: 'later' } }, {}, []],
  ])('compares %j with live %j', (desired, liveAttributes, changes) => {
    expect(divisionKind.compare(desired as never, live('A', liveAttributes))).toEqual(changes);
  });

  it.each<[Record<string, string | boolean | null>, Record<string, unknown>]>([
    [{}, { name: 'A' }],
    [{ description: '' }, { name: 'A' }],
    [{ description: 'About A' }, { name: 'A', description: 'About A' }],
    [{ home: true }, { name: 'A', home: true }],
  ])('writes the configuration of a live division with %j', (attributes, config) => {
    expect(divisionKind.toConfig(live('A', attributes))).toEqual(config);
  });

  it('adopts the home division only for home = true', () => {
    const org = [live('A'), live('Home', { home: true })];
    expect(divisionKind.adopts?.({ name: 'X', home: true }, org)?.name).toBe('Home');
    expect(divisionKind.adopts?.({ name: 'X', home: false }, org)).toBeUndefined();
    expect(divisionKind.adopts?.({ name: 'X' }, org)).toBeUndefined();
    expect(divisionKind.adopts?.({ name: 'X', home: true }, [live('A')])).toBeUndefined();
  });

  it('asks for home = true when a create meets the home division', () => {
    const home = live('Home', { home: true });
    expect(divisionKind.collision?.({ name: 'Home' }, home)).toEqual({
      kind: 'home',
      message:
        '"Home" is the org\'s home division: the provider can only manage it with home = true (an import would be replaced on the next plan)',
      fix: { set: { home: true } },
    });
    expect(divisionKind.collision?.({ name: 'Home', home: true }, home)).toBeUndefined();
    expect(divisionKind.collision?.({ name: 'A' }, live('A'))).toBeUndefined();
  });

  it('treats home = true as a singleton', () => {
    expect(divisionKind.singleton?.({ name: 'A', home: true })).toBe('home = true');
    expect(divisionKind.singleton?.({ name: 'A', home: false })).toBeUndefined();
    expect(divisionKind.singleton?.({ name: 'A' })).toBeUndefined();
  });
});

describe('kindForType', () => {
  it('finds the division kind by its Terraform type, and nothing for other types', async () => {
    const { kindForType } = await import('../../src/kinds/index.js');
    expect(kindForType('genesyscloud_auth_division')).toBe(divisionKind);
    expect(kindForType('genesyscloud_script')).toBeUndefined();
  });
});
