import type { EmulatedFamily } from '../families.js';
import { readBody } from './fields.js';

const architect = (action: string): string => `architect:${action}`;

/** `genesyscloud_architect_schedules`: `/api/v2/architect/schedules`. */
export const schedulesFamily: EmulatedFamily = {
  key: 'schedules',
  path: '/api/v2/architect/schedules',
  noun: 'schedule',
  permissions: {
    view: architect('schedule:view'),
    add: architect('schedule:add'),
    edit: architect('schedule:edit'),
    delete: architect('schedule:delete'),
  },
  nameFilter: 'prefix',
  softDelete: false,
  filters: { divisionId: (e) => (e.division as { id?: string } | undefined)?.id },
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
  permissions: {
    view: architect('scheduleGroup:view'),
    add: architect('scheduleGroup:add'),
    edit: architect('scheduleGroup:edit'),
    delete: architect('scheduleGroup:delete'),
  },
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
  permissions: {
    view: architect('datatable:view'),
    add: architect('datatable:add'),
    edit: architect('datatable:edit'),
    delete: architect('datatable:delete'),
  },
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
