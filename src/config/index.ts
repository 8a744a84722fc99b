export {
  loadConfig,
  type AuthConfig,
  type JobsConfig,
  type CalendarConfig,
  type CatalogConfig,
  type Config,
  type DatabaseConfig,
  type DocumentsConfig,
  type OutboxConfig,
  type PopulationConfig,
  type GraphqlConfig,
  type LogConfig,
  type ServerConfig,
} from './config';
export { SETTINGS } from './settings';
