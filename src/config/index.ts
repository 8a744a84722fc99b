export {
  loadConfig,
  type AuthConfig,
  type JobsConfig,
  type CalendarConfig,
  type CatalogConfig,
  type Config,
  type ConnectorsConfig,
  type DatabaseConfig,
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
