/**
 * gcadopt as a library: read what Terraform is about to do, list the org,
 * find every collision, render it, and write the HCL that adopts.
 */
export { GcadoptError, InputError, ErrorCode } from './errors.js';
export type {
  Attributes,
  AttributeValue,
  DesiredResource,
  LiveObject,
  ManagedResource,
  SourceLocation,
  UnknownValue,
} from './model.js';

export {
  createClient,
  type ClientOptions,
  type GenesysClient,
  type Division,
  type Credentials,
} from './genesys/client.js';
export { ApiError, isAlreadyExists } from './genesys/api-error.js';
export { resolveCredentials } from './genesys/credentials.js';
export { regions, resolveEndpoints, resolveRegion, type Region } from './genesys/regions.js';

export { kinds, kindForType, knownTypes, divisionKind, type Kind } from './kinds/index.js';

export { readPlan, parsePlan, type Plan } from './terraform/plan.js';
export { readState, parseState } from './terraform/state.js';
export {
  readConfig,
  type ConfigScan,
  type ConfigResource,
  type ConfigImport,
  type ConfigOptions,
} from './terraform/config/index.js';
export { parseAddress, formatAddress, type ResourceAddress } from './terraform/address.js';
export { quoteHclString } from './terraform/hcl-string.js';
export {
  renderBlock,
  renderFile,
  importBlock,
  type HclBlock,
  type HclValue,
} from './terraform/hcl-writer.js';
export { sanitizeLabel, assignLabels } from './terraform/labels.js';

export { runCheck, exitCodeFor, type CheckInput } from './preflight/engine.js';
export type {
  CheckResult,
  Finding,
  FindingKind,
  Fix,
  Severity,
  Summary,
} from './preflight/types.js';
export {
  renderReport,
  renderText,
  renderJson,
  renderSarif,
  renderGithub,
  renderMarkdown,
  type ReportFormat,
} from './report/index.js';

export {
  startEmulator,
  parseSeed,
  readSeedFile,
  type Emulator,
  type EmulatorOptions,
} from './emulator/index.js';
