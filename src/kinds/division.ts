import { description } from './attributes.js';
import { defineKind } from './define-kind.js';

/** `genesyscloud_auth_division`: divisions, with the home-division rules of the provider. */
export const divisionKind = defineKind({
  tfType: 'genesyscloud_auth_division',
  family: { path: '/api/v2/authorization/divisions', noun: 'division', plural: 'divisions' },
  attributes: { description },
  // `home = true` makes the provider adopt the org's home division and PUT the
  // configured name/description onto it instead of POSTing a new division.
  // Importing the home division into a block without it makes the next plan a
  // replacement (`home` is ForceNew) whose create POSTs a second division with
  // the home name: the fix is `home = true`, never an import.
  builtIn: {
    attribute: 'home',
    value: (d) => (d.homeDivision === true ? true : undefined),
    none: false,
    finding: 'home',
    describe: (live) => `"${live.name}" is the org's home division`,
  },
});
