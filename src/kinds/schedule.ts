import { description, divisionId, field } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_architect_schedules`: a start, an end and a recurrence rule. */
export const scheduleKind = defineKind({
  lookup: { filter: 'name' },
  tfType: 'genesyscloud_architect_schedules',
  family: { path: '/api/v2/architect/schedules', noun: 'schedule', plural: 'schedules' },
  attributes: {
    description,
    division_id: divisionId,
    start: field('start'),
    end: field('end'),
    rrule: field('rrule'),
  },
});
