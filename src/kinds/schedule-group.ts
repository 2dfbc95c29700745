import { description, divisionId, field } from './attributes.js';
import { defineKind } from './define-kind.js';

/**
 * `genesyscloud_architect_schedulegroups`. Its schedule sets (`open_schedules_id`
 * and the others) are not compared: drift covers the scalar attributes.
 */
export const scheduleGroupKind = defineKind({
  family: {
    path: '/api/v2/architect/schedulegroups',
    noun: 'schedule group',
    plural: 'schedule groups',
  },
  lookup: { filter: 'name' },
  tfType: 'genesyscloud_architect_schedulegroups',
  attributes: { time_zone: field('timeZone'), division_id: divisionId, description },
});
