import { crud } from '../family-permissions.js';
import type { EmulatedFamily } from '../families.js';
import { readBody } from './fields.js';

/** `genesyscloud_architect_schedules`: `/api/v2/architect/schedules`. */
export const schedulesFamily: EmulatedFamily = {
  key: 'schedules',
  path: '/api/v2/architect/schedules',
  noun: 'schedule',
  permissions: crud('architect:schedule'),
  nameFilter: 'prefix',
  softDelete: false,
  filters: { divisionId: (e) => (e.division as { id?: string } | undefined)?.id },
  sample: () => ({ start: '2026-01-05T08:00:00.000', end: '2026-01-05T17:00:00.000' }),
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    const [start, end] = [read.text('start', true), read.text('end', true)];
    return {
      ...read.text('description'),
      ...read.division(),
      ...start,
      ...end,
      ...read.text('rrule'),
      state: 'active',
      ...read.version(),
    };
  },
};

/** `genesyscloud_architect_schedulegroups`: `/api/v2/architect/schedulegroups`. */
export const scheduleGroupsFamily: EmulatedFamily = {
  key: 'schedulegroups',
  path: '/api/v2/architect/schedulegroups',
  noun: 'schedule group',
  permissions: crud('architect:scheduleGroup'),
  nameFilter: 'prefix',
  softDelete: false,
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    return {
      ...read.text('description'),
      ...read.division(),
      ...read.text('timeZone'),
      ...read.list('openSchedules'),
      ...read.list('closedSchedules'),
      ...read.list('holidaySchedules'),
      state: 'active',
      ...read.version(),
    };
  },
};

/** `genesyscloud_architect_datatable`: `/api/v2/flows/datatables`; `name` takes `*`, any case. */
export const datatablesFamily: EmulatedFamily = {
  key: 'datatables',
  path: '/api/v2/flows/datatables',
  noun: 'data table',
  permissions: crud('architect:datatable'),
  nameFilter: 'wildcard',
  softDelete: false,
  fields: (body, ctx, current) => {
    const read = readBody(body, ctx, current);
    const schema = body.schema ?? current?.schema;
    return {
      ...read.text('description'),
      ...read.division(),
      ...(schema === undefined ? {} : { schema }),
    };
  },
};
