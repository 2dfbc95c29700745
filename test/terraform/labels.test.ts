import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignLabels, sanitizeLabel, type LabelRequest } from '../../src/terraform/labels.js';
import { trickyString } from './support.js';

const label = /^[A-Za-z_][A-Za-z0-9_-]*$/;

describe('sanitizeLabel', () => {
  it.each([
    ['Sales', 'Sales'],
    ['EMEA Sales', 'EMEA_Sales'],
    ['  Zürich Operations ', 'Zurich_Operations'],
    ['Vertrieb Österreich', 'Vertrieb_Osterreich'],
    ['Straße', 'Strasse'],
    ['Ærø Łódź Đakovo Øst', 'AEro_Lodz_Dakovo_Ost'],
    ['Crème brûlée', 'Creme_brulee'],
    ['ﬁnance', 'finance'],
    ['Support – Tier 2', 'Support_-_Tier_2'],
    ['2024 Pilot', '_2024_Pilot'],
    ['-dash', '_-dash'],
    ['_under', '_under'],
    ['keep-Case_1', 'keep-Case_1'],
    ['Sales & Marketing ${legacy}', 'Sales___Marketing___legacy_'],
    ['東京', '__'],
    ['😀 Team', '__Team'],
    ['tab\there', 'tab_here'],
    ['', '_'],
    ['   ', '_'],
    ['!!!', '___'],
  ])('%j -> %j', (name, expected) => {
    expect(sanitizeLabel(name)).toBe(expected);
  });

  it('always gives a valid label (property)', () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, fc.string()), (name) => {
        expect(sanitizeLabel(name)).toMatch(label);
      }),
    );
  });
});

describe('assignLabels', () => {
  const objects: LabelRequest[] = [
    { id: 'c', name: 'Sales!' },
    { id: 'a', name: 'Sales?' },
    { id: 'b', name: 'Sales' },
    { id: 'd', name: 'Home' },
    { id: 'e', name: 'Sales 2' },
    { id: 'f', name: 'Sales' },
    { id: 'g', name: 'Unique' },
  ];
  const taken = new Set(['home', 'Sales_']);
  const expected = {
    b: 'Sales',
    f: 'Sales_3',
    e: 'Sales_2',
    c: 'Sales__2',
    a: 'Sales__3',
    d: 'Home_2',
    g: 'Unique',
  };

  it('keeps unique labels, numbers collisions and avoids taken labels', () => {
    expect(Object.fromEntries(assignLabels(objects, taken))).toEqual(expected);
  });

  it('gives the same labels whatever the input order (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(objects, { minLength: objects.length }), (shuffled) => {
        expect(Object.fromEntries(assignLabels(shuffled, taken))).toEqual(expected);
      }),
    );
  });

  it('gives every object a distinct valid label, none taken (property)', () => {
    const request = fc.record({ id: fc.uuid(), name: trickyString });
    fc.assert(
      fc.property(
        fc.uniqueArray(request, { selector: (r) => r.id, maxLength: 20 }),
        fc.array(fc.constantFrom('Sales', '_', '__', 'x', 'Sales_2'), { maxLength: 4 }),
        (requests, takenList) => {
          const labels = [...assignLabels(requests, new Set(takenList)).values()];
          expect(labels).toHaveLength(requests.length);
          const folded = labels.map((l) => l.toLowerCase());
          expect(new Set(folded).size).toBe(labels.length);
          for (const l of labels) {
            expect(l).toMatch(label);
            expect(takenList.map((t) => t.toLowerCase())).not.toContain(l.toLowerCase());
          }
        },
      ),
    );
  });
});
