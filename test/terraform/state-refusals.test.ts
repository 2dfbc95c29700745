import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseState } from '../../src/terraform/state.js';

function errorOf(json: unknown): InputError {
  try {
    parseState(json, 's.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseState refusals name the file', () => {
  it.each<[string, unknown]>([
    ['not an object', 'state'],
    ['neither shape', { serial: 3 }],
    ['an old state version', { version: 3 }],
    [
      'a bad module path',
      {
        version: 4,
        resources: [{ mode: 'managed', type: 't', name: 'n', module: 'mod.a', instances: [] }],
      },
    ],
    ['a plan', { format_version: '1.2', resource_changes: [] }],
  ])('%s', (_what, json) => {
    expect(errorOf(json).file).toBe('s.json');
  });

  it('keeps the address error as the cause of a bad module path', () => {
    const error = errorOf({
      version: 4,
      resources: [{ mode: 'managed', type: 't', name: 'n', module: 'mod.a', instances: [] }],
    });
    expect(error.message).toMatch(/^s\.json: invalid module path "mod\.a"/);
    expect(error.cause).toBeInstanceOf(InputError);
  });
});

describe('parseState says what to pass instead', () => {
  it('for an old state version', () => {
    expect(errorOf({ version: 3 }).hint).toMatch(/terraform show -json/);
  });

  it.each([
    { format_version: '1.2', resource_changes: [] },
    { format_version: '1.2', planned_values: { root_module: {} } },
  ])('for plan JSON %j', (json) => {
    const error = errorOf(json);
    expect(error.message).toMatch(/^s\.json is a Terraform plan\b.*not a state/);
  });
});

describe('parseState checks the shape of terraform show -json', () => {
  it.each([
    [
      { format_version: '1.0', values: { root_module: { resources: [{ address: 't.n' }] } } },
      ['values.root_module.resources.0.mode', 'values.root_module.resources.0.type'],
    ],
    [
      { format_version: '1.0', values: { root_module: { child_modules: 'none' } } },
      ['values.root_module.child_modules'],
    ],
  ])('%j', (json, paths) => {
    const error = errorOf(json);
    expect(error.message).toMatch(/^s\.json is not a valid Terraform state: /);
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(paths);
  });
});
