import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parsePlan } from '../../src/terraform/plan.js';

type Change = Record<string, unknown>;

function planWith(change: Change, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format_version: '1.2',
    resource_changes: [{ address: 't.n', mode: 'managed', type: 't', name: 'n', change }],
    ...extra,
  };
}

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parsePlan folds each change to one action', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['read'], 'read'],
    [['no-op'], 'no-op'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['forget'], 'delete'],
    [['create', 'forget'], 'create'],
  ])('%j -> %s', (actions, action) => {
    expect(parsePlan(planWith({ actions }), 'p.json').desired[0]?.action).toBe(action);
  });

  it.each([[['forget', 'create']], [['create', 'update']], [['delete', 'delete']]])(
    'refuses %j, listing the actions and naming the file',
    (actions) => {
      const error = errorOf(() => parsePlan(planWith({ actions }), 'p.json'));
      expect(error.message).toBe(`p.json: unknown actions [${actions.join(', ')}] for t.n`);
      expect(error.file).toBe('p.json');
    },
  );
});

describe('parsePlan keeps only object values as attributes', () => {
  it.each(['text', 7, true, null])('after %j gives no attributes and before %j none', (value) => {
    const [desired] = parsePlan(
      planWith({ actions: ['update'], before: value, after: value }),
      'p.json',
    ).desired;
    expect(desired?.attributes).toEqual({});
    expect(desired?.before).toBeUndefined();
  });

  it('keeps object values', () => {
    const [desired] = parsePlan(
      planWith({ actions: ['update'], before: { name: 'A' }, after: { name: 'B' } }),
      'p.json',
    ).desired;
    expect(desired?.attributes).toEqual({ name: 'B' });
    expect(desired?.before).toEqual({ name: 'A' });
  });
});

describe('parsePlan checks the shape of what it uses', () => {
  it('refuses an import id that is not a string', () => {
    const error = errorOf(() =>
      parsePlan(planWith({ actions: ['create'], importing: { id: 42 } }), 'p.json'),
    );
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'resource_changes.0.change.importing.id',
    ]);
  });
});

describe('parsePlan names what it was given instead of a plan', () => {
  it.each<[unknown, boolean]>([
    [{ version: 4, resources: [] }, true],
    [{ resources: [] }, false],
    [[], false],
    ['plan', false],
  ])('%j', (json, looksLikeState) => {
    const error = errorOf(() => parsePlan(json, 'p.json'));
    expect(error.file).toBe('p.json');
    // One line naming what the file looks like instead.
    expect(error.message).toMatch(/^p\.json is (a Terraform state|a JSON)/);
    expect(error.message.includes('Terraform state')).toBe(looksLikeState);
  });
});
