export {
  loadConfig,
  loadConfigOrExit,
  type AuthConfig,
  type JobsConfig,
  type CalendarConfig,
  type CatalogConfig,
  type Config,
  type ConnectorsConfig,
  type DatabaseConfig,
  type DepartmentsConfig,
  type DocumentsConfig,
  type OutboxConfig,
  type PopulationConfig,
  type GraphqlConfig,
  type HttpConfig,
  type QueryLimits,
  type RateLimitConfig,
  type ResiliencePolicy,
  type LogConfig,
  type ServerConfig,
} from './config';
export { SETTINGS } from './settings';
export type { ConnectorInstanceEntry } from './connectors-file';
export { readDepartmentFile, readDepartmentsDir, SIMULATED_DEPARTMENTS_DIR } from './departments-dir';
