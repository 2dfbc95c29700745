import { crud } from '../family-permissions.js';
import { EmulatorError } from '../errors.js';
import type { EmulatedFamily } from '../families.js';
import { flowTypes } from '../../kinds/flow-yaml.js';
import { readBody } from './fields.js';

const typeOf = (e: Record<string, unknown>): string =>
  typeof e.type === 'string' ? e.type.toUpperCase() : '';

/**
 * `genesyscloud_flow`: `/api/v2/flows`, unique by name within a type (a flow
 * "Main" of type INBOUNDCALL and an INBOUNDEMAIL "Main" coexist). `type` is
 * repeatable on listings (`type=INBOUNDCALL&type=INBOUNDEMAIL`); how `name`
 * filters is unverified: `*` wildcards, any case, as data tables. A DELETE
 * removes the flow (the API's `deleted=true` listing is not emulated).
 */
export const flowsFamily: EmulatedFamily = {
  key: 'flows',
  path: '/api/v2/flows',
  noun: 'flow',
  permissions: crud('architect:flow'),
  nameFilter: 'wildcard',
  softDelete: false,
  nameScope: typeOf,
  sample: () => ({ type: 'INBOUNDCALL' }),
  filters: { type: typeOf, divisionId: (e) => (e.division as { id?: string } | undefined)?.id },
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    const type = typeof body.type === 'string' ? body.type.toUpperCase() : current?.type;
    if (typeof type !== 'string' || !flowTypes.has(type))
      throw new EmulatorError(
        400,
        'invalid.value',
        `The field type must be one of ${[...flowTypes].join(', ')}.`,
        { details: [{ fieldName: 'type' }] },
      );
    if (current !== undefined && current.type !== type)
      throw new EmulatorError(400, 'invalid.value', 'The type of a flow cannot change.', {
        details: [{ fieldName: 'type' }],
      });
    return {
      ...read.text('description'),
      ...read.division(),
      type,
      active: current?.active ?? false,
      system: current?.system ?? false,
      deleted: false,
    };
  },
};
