import { description, divisionId } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_architect_datatable`: its `properties` blocks are not compared. */
export const datatableKind = defineKind({
  attributes: { division_id: divisionId, description },
  lookup: { filter: 'name' },
  tfType: 'genesyscloud_architect_datatable',
  family: { plural: 'data tables', noun: 'data table', path: '/api/v2/flows/datatables' },
});
