import { writes } from '../family-permissions.js';
import { EmulatorError } from '../errors.js';
import type { EmulatedFamily } from '../families.js';
import { readBody } from './fields.js';
import { search } from './search.js';

/** The location every org has (genesys-kinds.md, rule 7). */
export const defaultLocation = {
  id: '0a1b2c3d-0000-4000-8000-00000000f001',
  name: 'Default PCV Location',
  path: [],
  state: 'active',
  version: 1,
};

/** `path`: the ancestor ids, each a location of the org (LocationCreateDefinition). */
function pathOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string'))
    throw new EmulatorError(400, 'invalid.value', 'The field path must be a list of ids.', {
      details: [{ fieldName: 'path' }],
    });
  return value;
}

/**
 * `genesyscloud_location`: `/api/v2/locations`, no name filter, a search
 * endpoint, PATCH updates, soft deletes. Names are unique in the org, or
 * under one parent with the `namesPerParent` switch (unverified).
 */
export const locationsFamily: EmulatedFamily = {
  key: 'locations',
  path: '/api/v2/locations',
  noun: 'location',
  permissions: writes('directory:location'),
  nameFilter: 'none',
  softDelete: true,
  updateMethod: 'PATCH',
  parentScope: (e) => (Array.isArray(e.path) ? e.path.join(',') : ''),
  builtInRows: () => [{ ...defaultLocation, path: [] }],
  builtIn: (e) => e.id === defaultLocation.id,
  search,
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    return {
      path: pathOf(body.path ?? current?.path),
      ...read.text('notes'),
      ...(body.address === undefined ? {} : { address: body.address }),
      ...(body.emergencyNumber === undefined ? {} : { emergencyNumber: body.emergencyNumber }),
      state: 'active',
      ...read.version(),
    };
  },
};
