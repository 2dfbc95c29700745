export {
  readConfig,
  type ConfigImport,
  type ConfigOptions,
  type ConfigResource,
  type ConfigScan,
} from './read-config.js';
