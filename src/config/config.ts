import type { OfficeHours } from '../calendar';
import { ConfigError } from '../errors';
import type { ResiliencePolicy } from '../integration/resilience';
import { SETTINGS, type SettingKey, type SettingValues } from './settings';

/** The HTTP server. */
export interface ServerConfig {
  port: number;
  host: string;
  shutdownGraceMs: number;
}

/** Where the data lives. */
export interface DatabaseConfig {
  /** A PostgreSQL URL, or undefined for the embedded PGlite under `dataDir`. */
  url: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolMax: number;
  debug: boolean;
}

export interface CatalogConfig {
  seedOnStart: boolean;
}

export interface CalendarConfig {
  /** Office periods of a working day (OFFICE_HOURS, default 07:00–11:30 and 13:30–17:00). */
  officeHours: OfficeHours;
}

export interface GraphqlConfig {
  maxPageSize: number;
  landingPage: boolean;
  introspection: boolean;
}

/** Bearer tokens (contract README, "Who calls, and how they prove it"). */
export interface AuthConfig {
  /** HS256 secret; undefined means the one generated in DATA_DIR (see src/auth/secret.ts). */
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

export interface JobsConfig {
  enabled: boolean;
  overdueCron: string;
}

/** The national population database connector. */
export interface PopulationConfig {
  /** undefined: the built-in simulator. */
  url: string | undefined;
  username: string;
  password: string;
  simulatorPort: number;
  resilience: ResiliencePolicy;
}

/** Delivery of outbox messages (pg-boss). */
export interface OutboxConfig {
  enabled: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  expireSeconds: number;
  pollSeconds: number;
}

export interface DocumentsConfig {
  maxBytes: number;
  contentTypes: string[];
}

export interface LogConfig {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** The whole configuration, one typed object per area. */
export interface Config {
  server: ServerConfig;
  database: DatabaseConfig;
  catalog: CatalogConfig;
  calendar: CalendarConfig;
  graphql: GraphqlConfig;
  auth: AuthConfig;
  jobs: JobsConfig;
  population: PopulationConfig;
  outbox: OutboxConfig;
  documents: DocumentsConfig;
  log: LogConfig;
}

/**
 * Reads and validates every setting from `env` at once. Throws a
 * `ConfigError` that names each bad variable; never half-configures.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const setting = SETTINGS[key];
    const raw = env[setting.env];
    const input = raw === undefined || raw === '' ? setting.default : raw;
    const parsed = setting.schema.safeParse(input);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${setting.env} ${reason} (got ${JSON.stringify(raw)})`);
    }
  }
  const v = values as SettingValues;
  if (v.populationUrl !== undefined) {
    if (v.populationUsername === undefined) problems.push('POPULATION_USERNAME must be set when POPULATION_URL is set');
    if (v.populationPassword === undefined) problems.push('POPULATION_PASSWORD must be set when POPULATION_URL is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    server: { port: v.port, host: v.host, shutdownGraceMs: v.shutdownGraceMs },
    database: { url: v.databaseUrl, dataDir: v.dataDir, poolMax: v.dbPoolMax, debug: v.dbDebug },
    catalog: { seedOnStart: v.seedCatalog },
    calendar: { officeHours: v.officeHours },
    graphql: { maxPageSize: v.maxPageSize, landingPage: v.landingPage, introspection: v.introspection },
    auth: { jwtSecret: v.jwtSecret, jwksUrl: v.jwtJwksUrl, issuer: v.jwtIssuer, audience: v.jwtAudience },
    jobs: { enabled: v.jobsEnabled, overdueCron: v.overdueCron },
    population: {
      url: v.populationUrl,
      // The simulator's own credentials when no real system is configured.
      username: v.populationUsername ?? 'lienthong-hub',
      password: v.populationPassword ?? 'simulator',
      simulatorPort: v.simulatorPort,
      resilience: {
        timeoutMs: v.populationTimeoutMs,
        retries: v.populationRetries,
        retryDelayMs: 200,
        breakerThreshold: v.populationBreakerThreshold,
        breakerCooldownMs: v.populationBreakerCooldownMs,
      },
    },
    outbox: {
      enabled: v.outboxEnabled,
      retryLimit: v.outboxRetryLimit,
      retryDelaySeconds: v.outboxRetryDelaySeconds,
      expireSeconds: v.outboxExpireSeconds,
      pollSeconds: v.outboxPollSeconds,
    },
    documents: { maxBytes: v.documentMaxBytes, contentTypes: v.documentTypes },
    log: { level: v.logLevel },
  };
}
