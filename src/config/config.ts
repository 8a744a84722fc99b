import type { OfficeHours } from '../calendar';
import type { LogConfig } from '../shared/logger';
import { readSecretFile, SecretFileError } from '../shared/secret-file';
import { ConfigError } from '../errors';
import { readConnectorsFile, type ConnectorInstanceEntry } from './connectors-file';
import { readDepartmentsDir, SIMULATED_DEPARTMENTS_DIR } from './departments-dir';
import { SETTINGS, type SettingKey, type SettingValues } from './settings';

/** How an outside system is called: described by data (STYLE habit 2), one per connector. */
export interface ResiliencePolicy {
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat (0 = none). */
  retries: number;
  /** First retry delay; later ones grow exponentially with jitter. */
  retryDelayMs: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before one trial call. */
  breakerCooldownMs: number;
}

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
  /** Limits on one document's shape and cost (GRAPHQL_MAX_*). */
  limits: QueryLimits;
  maxQueryBytes: number;
  /** Only registered operations run (GRAPHQL_TRUSTED_DOCUMENTS). */
  trustedDocuments: boolean;
}

/** Limits on the shape of one GraphQL document (OWASP GraphQL cheat sheet; graphql-armor's defaults). */
export interface QueryLimits {
  /** Lexical tokens in a document; checked while parsing, so a huge document is abandoned early. */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Estimated cost: one per field, times `first` for a page (see `pageAwareEstimator`). */
  maxCost: number;
  /** Largest `first` a paginated field accepts; also the page size a cost estimate assumes when `first` is left out. */
  maxPageSize: number;
}

/** How many requests a caller may make in a window (RATE_LIMIT_* settings). */
export interface RateLimitConfig {
  /** Requests per window for one address, when the caller has no valid token. */
  perAddress: number;
  /** Requests per window for one token's subject, wherever it comes from (officers share a centre's address). */
  perToken: number;
  /** Dossier codes looked up (`trackDossier`, each alias counts) per window per caller: codes are sequential, so guessing is limited by rate, not format. */
  lookups: number;
  windowSeconds: number;
}

/** What every HTTP request meets before GraphQL: body size, browsers' origins, proxies, rate limits. */
export interface HttpConfig {
  /** NODE_ENV=production. */
  production: boolean;
  maxBodyBytes: number;
  /** Allowed browser origins; `*` for any; empty for none. */
  corsOrigins: string[];
  /** Express's `trust proxy`: hops, or addresses/subnets. */
  trustProxy: number | string[];
  rateLimits: RateLimitConfig;
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

/** What every connector shares, and the instances to start. */
export interface ConnectorsConfig {
  /** How long a health answer is reused (HEALTH_CACHE_MS); 0 checks every time. */
  healthCacheMs: number;
  /**
   * Every connector instance: `population` first (from the POPULATION_*
   * settings), then those of the CONNECTORS file. Their settings are
   * validated against their kind's schema when the hub starts them.
   */
  instances: ConnectorInstanceEntry[];
}

/** The departments' own systems (their instances are in `connectors.instances`, one per file). */
export interface DepartmentsConfig {
  enabled: boolean;
  /** The simulated departments the hub ships (DEPARTMENTS_DIR unset): a catalogue without their agencies skips them rather than stopping the start. */
  simulated: boolean;
  /** DEPARTMENTS_DIR; null: the simulated departments' files. */
  dir: string | null;
}

/** Delivery of outbox messages (pg-boss). */
export interface OutboxConfig {
  enabled: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  expireSeconds: number;
  pollSeconds: number;
  /** Messages a worker takes and delivers at once (OUTBOX_BATCH_SIZE). */
  batchSize: number;
}

/** Online payments (issue 12): when pending payments are reconciled. */
export interface PaymentsConfig {
  reconcileCron: string;
  reconcileAfterMs: number;
}

/** Results and dossiers by post (issue 12): when parcels are tracked and when one counts as stalled. */
export interface PortalSyncConfig {
  /** Report every dossier and move to the national portal (through the outbox). */
  enabled: boolean;
  /** When the sweep looks for dossiers with moves the portal has not had. */
  sweepCron: string;
  /** Pull the dossiers filed on the portal or VNeID (a scheduled job, and a supervisor's mutation). */
  submissionsEnabled: boolean;
  /** When the pull runs. */
  submissionsCron: string;
  /** Compare the national catalogue with the hub's on a schedule (a review; applying stays a supervisor's act). */
  catalogueEnabled: boolean;
  catalogueCron: string;
}

export interface PostalConfig {
  trackingCron: string;
  stalledAfterMs: number;
  /** The centre's phone on orders. */
  senderPhone: string;
}

/** The GraphQL gateway of mesh/ (issue 11). */
export interface GatewayConfig {
  enabled: boolean;
  port: number;
  /** Where `npm run gateway` finds the hub; null: this host's PORT. */
  hubUrl: string | null;
}

export interface DocumentsConfig {
  maxBytes: number;
  contentTypes: string[];
}

/** The logger's settings: the type lives with the logger (src/shared imports no other folder). */
export type { LogConfig };

/** The whole configuration, one typed object per area. */
/** The hall screens (src/screens). */
export interface ScreensConfig {
  enabled: boolean;
  /** Where citizens reach the hub (PUBLIC_URL), for the lookup page's address in QR codes; null: the hub's own address. */
  publicUrl: string | null;
}

export interface Config {
  server: ServerConfig;
  screens: ScreensConfig;
  database: DatabaseConfig;
  catalog: CatalogConfig;
  calendar: CalendarConfig;
  graphql: GraphqlConfig;
  http: HttpConfig;
  auth: AuthConfig;
  jobs: JobsConfig;
  population: PopulationConfig;
  connectors: ConnectorsConfig;
  departments: DepartmentsConfig;
  gateway: GatewayConfig;
  payments: PaymentsConfig;
  postal: PostalConfig;
  portal: PortalSyncConfig;
  outbox: OutboxConfig;
  documents: DocumentsConfig;
  log: LogConfig;
}

/** Secrets that may come from a file, as Docker secrets do: each variable and its `_FILE` twin. */
const SECRET_FILES: Readonly<Record<string, string>> = {
  DATABASE_URL: 'DATABASE_URL_FILE',
  JWT_SECRET: 'JWT_SECRET_FILE',
  POPULATION_PASSWORD: 'POPULATION_PASSWORD_FILE',
  PAYMENT_SECRET: 'PAYMENT_SECRET_FILE',
  POSTAL_CLIENT_SECRET: 'POSTAL_CLIENT_SECRET_FILE',
  PORTAL_PASSWORD: 'PORTAL_PASSWORD_FILE',
};

/**
 * The secrets read from their `_FILE`s (checked: owner-only mode, not
 * empty; a variable and its twin are exclusive), and how a problem with
 * one is told: naming the variable and the file, never the value.
 */
function readSecretFiles(env: NodeJS.ProcessEnv, problems: string[]) {
  const values: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const [variable, fileVariable] of Object.entries(SECRET_FILES)) {
    const file = env[fileVariable];
    if (file === undefined || file === '') continue;
    const describe = `${fileVariable} (${file})`;
    if (env[variable] !== undefined && env[variable] !== '') {
      problems.push(`${variable} and ${fileVariable} are both set: set only one`);
      continue;
    }
    try {
      values[variable] = readSecretFile(file, describe);
      sources[variable] = describe;
    } catch (error) {
      if (!(error instanceof SecretFileError)) throw error;
      problems.push(error.message);
    }
  }
  return {
    value: (variable: string): string | undefined => values[variable] ?? env[variable],
    name: (variable: string): string => (sources[variable] ? `${variable} read from ${sources[variable]}` : variable),
    shown: (variable: string, raw: string | undefined): string =>
      variable in SECRET_FILES && raw !== undefined ? `a value of ${raw.length} characters, not shown` : JSON.stringify(raw),
  };
}

/**
 * Reads and validates every setting from `env` at once. Throws a
 * `ConfigError` that names each bad variable; never half-configures.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const secrets = readSecretFiles(env, problems);
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const setting = SETTINGS[key];
    const raw = secrets.value(setting.env);
    const input = raw === undefined || raw === '' ? setting.default : raw;
    const parsed = setting.schema.safeParse(input);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${secrets.name(setting.env)} ${reason} (got ${secrets.shown(setting.env, raw)})`);
    }
  }
  const v = values as SettingValues;
  if (v.populationUrl !== undefined) {
    if (v.populationUsername === undefined) problems.push('POPULATION_USERNAME must be set when POPULATION_URL is set');
    if (v.populationPassword === undefined) problems.push('POPULATION_PASSWORD must be set when POPULATION_URL is set');
  }
  if (v.paymentUrl !== undefined) {
    if (v.paymentPartnerCode === undefined) problems.push('PAYMENT_PARTNER_CODE must be set when PAYMENT_URL is set');
    if (v.paymentSecret === undefined) problems.push('PAYMENT_SECRET must be set when PAYMENT_URL is set');
  }
  if (v.postalUrl !== undefined) {
    if (v.postalClientId === undefined) problems.push('POSTAL_CLIENT_ID must be set when POSTAL_URL is set');
    if (v.postalClientSecret === undefined) problems.push('POSTAL_CLIENT_SECRET must be set when POSTAL_URL is set');
    if (v.postalCustomerCode === undefined) problems.push('POSTAL_CUSTOMER_CODE must be set when POSTAL_URL is set');
  }
  if (v.portalUrl !== undefined) {
    if (v.portalUsername === undefined) problems.push('PORTAL_USERNAME must be set when PORTAL_URL is set');
    if (v.portalPassword === undefined) problems.push('PORTAL_PASSWORD must be set when PORTAL_URL is set');
  }
  const fileInstances = v.connectorsFile === undefined ? [] : readConnectorsFile(v.connectorsFile, problems);
  const departmentInstances = v.departmentsEnabled
    ? readDepartmentsDir(v.departmentsDir ?? SIMULATED_DEPARTMENTS_DIR, env, { simulatorProcessingMs: v.simDepartmentProcessingMs }, problems)
    : [];
  const taken = new Map<string, string>([['population', 'the POPULATION_* settings'], ['payment', 'the PAYMENT_* settings'], ['postal', 'the POSTAL_* settings'], ['portal', 'the PORTAL_* settings'], ['database', "/readyz's database check"], ...fileInstances.map((e): [string, string] => [e.name, e.origin])]);
  for (const department of departmentInstances) {
    const other = taken.get(department.name);
    if (other) problems.push(`${department.origin}: name "${department.name}" is taken by ${other}`);
    taken.set(department.name, department.origin);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const population: PopulationConfig = {
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
  };
  const production = v.nodeEnv === 'production';
  return {
    server: { port: v.port, host: v.host, shutdownGraceMs: v.shutdownGraceMs },
    database: { url: v.databaseUrl, dataDir: v.dataDir, poolMax: v.dbPoolMax, debug: v.dbDebug },
    catalog: { seedOnStart: v.seedCatalog },
    calendar: { officeHours: v.officeHours },
    graphql: {
      maxPageSize: v.maxPageSize,
      landingPage: v.landingPage ?? !production,
      introspection: v.introspection ?? !production,
      limits: { maxTokens: v.maxTokens, maxDepth: v.maxDepth, maxAliases: v.maxAliases, maxDirectives: v.maxDirectives, maxCost: v.maxCost, maxPageSize: v.maxPageSize },
      maxQueryBytes: v.maxQueryBytes,
      trustedDocuments: v.trustedDocuments,
    },
    http: {
      production,
      // Five documents of the largest size in base64 (4/3 of their bytes), and room for the rest of the request.
      maxBodyBytes: v.maxBodyBytes ?? Math.ceil((v.documentMaxBytes * 4) / 3) * 5 + 1024 * 1024,
      corsOrigins: v.corsOrigins ?? (production ? [] : ['http://localhost', 'http://127.0.0.1']),
      trustProxy: v.trustProxy,
      rateLimits: { windowSeconds: v.rateLimitWindowSeconds, perAddress: v.rateLimitPerAddress, perToken: v.rateLimitPerToken, lookups: v.rateLimitLookups },
    },
    auth: { jwtSecret: v.jwtSecret, jwksUrl: v.jwtJwksUrl, issuer: v.jwtIssuer, audience: v.jwtAudience },
    jobs: { enabled: v.jobsEnabled, overdueCron: v.overdueCron },
    population,
    connectors: {
      healthCacheMs: v.healthCacheMs,
      instances: [
        // The first instance, as the nine POPULATION_* settings have always configured it.
        { name: 'population', kind: 'population', origin: 'POPULATION_* settings', settings: { ...population } },
        {
          name: 'payment',
          kind: 'payment',
          origin: 'PAYMENT_* settings',
          settings: {
            ...(v.paymentUrl !== undefined ? { url: v.paymentUrl } : {}),
            ...(v.paymentPartnerCode !== undefined ? { partnerCode: v.paymentPartnerCode } : {}),
            ...(v.paymentSecret !== undefined ? { secret: v.paymentSecret } : {}),
            resilience: { timeoutMs: v.paymentTimeoutMs },
          },
        },
        {
          name: 'postal',
          kind: 'postal',
          origin: 'POSTAL_* settings',
          settings: {
            ...(v.postalUrl !== undefined ? { url: v.postalUrl } : {}),
            ...(v.postalClientId !== undefined ? { clientId: v.postalClientId } : {}),
            ...(v.postalClientSecret !== undefined ? { clientSecret: v.postalClientSecret } : {}),
            ...(v.postalCustomerCode !== undefined ? { customerCode: v.postalCustomerCode } : {}),
            simulatorDeliveryMs: v.simPostalDeliveryMs,
            simulatorOutcome: v.simPostalOutcome,
            resilience: { timeoutMs: v.postalTimeoutMs },
          },
        },
        {
          name: 'portal',
          kind: 'portal',
          origin: 'PORTAL_* settings',
          settings: {
            ...(v.portalUrl !== undefined ? { url: v.portalUrl } : {}),
            ...(v.portalUsername !== undefined ? { username: v.portalUsername } : {}),
            ...(v.portalPassword !== undefined ? { password: v.portalPassword } : {}),
            agencyCode: v.portalAgencyCode,
            simulatorDelayMs: v.simPortalDelayMs,
            simulatorDown: v.simPortalDown,
            resilience: { timeoutMs: v.portalTimeoutMs },
          },
        },
        ...fileInstances,
        ...departmentInstances,
      ],
    },
    departments: { enabled: v.departmentsEnabled, simulated: v.departmentsDir === undefined, dir: v.departmentsDir ?? null },
    gateway: { enabled: v.gatewayEnabled, port: v.gatewayPort, hubUrl: v.hubUrl ?? null },
    screens: { enabled: v.screensEnabled, publicUrl: v.publicUrl?.replace(/\/+$/, '') ?? null },
    payments: { reconcileCron: v.paymentReconcileCron, reconcileAfterMs: v.paymentReconcileAfterMinutes * 60_000 },
    portal: { enabled: v.portalSyncEnabled, sweepCron: v.portalSyncSweepCron, submissionsEnabled: v.portalSubmissionsEnabled, submissionsCron: v.portalSubmissionsCron, catalogueEnabled: v.portalCatalogueEnabled, catalogueCron: v.portalCatalogueCron },
    postal: { trackingCron: v.postalTrackingCron, stalledAfterMs: v.postalStalledAfterHours * 3_600_000, senderPhone: v.postalSenderPhone },
    outbox: {
      enabled: v.outboxEnabled,
      retryLimit: v.outboxRetryLimit,
      retryDelaySeconds: v.outboxRetryDelaySeconds,
      expireSeconds: v.outboxExpireSeconds,
      pollSeconds: v.outboxPollSeconds,
      batchSize: v.outboxBatchSize,
    },
    documents: { maxBytes: v.documentMaxBytes, contentTypes: v.documentTypes },
    log: { level: v.logLevel },
  };
}

/**
 * The settings of a process started from the command line (the hub, the
 * gateway): a bad value is the operator's mistake, said on stderr with the
 * program's name, and the process exits 2 (as every entry point does).
 */
export function loadConfigOrExit(program: string, env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${program}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
