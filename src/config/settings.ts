import cron from 'node-cron';
import { z } from 'zod';
import { parseOfficeHours, type OfficeHours } from '../calendar';

/** One environment variable: its schema, its default and a line of doc (the README's table is checked against these). */
export interface Setting<T> {
  readonly env: string;
  readonly doc: string;
  /** Shown in the README; `undefined` means "unset". */
  readonly default: string | undefined;
  readonly schema: z.ZodType<T>;
}

function setting<T>(env: string, doc: string, defaultValue: string | undefined, schema: z.ZodType<T>): Setting<T> {
  return { env, doc, default: defaultValue, schema };
}

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');
const positiveInt = (max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${max}`)
    .max(max, `must be between 1 and ${max}`);
const nonNegativeInt = (max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, `must be between 0 and ${max}`)
    .max(max, `must be between 0 and ${max}`);
const contentTypes = z
  .string()
  .transform((v) => v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))
  .refine((types) => types.length > 0 && types.every((t) => /^[a-z]+\/[a-z0-9.+-]+$/.test(t)), 'must be content types like application/pdf,image/jpeg');
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }).transform((v) => ['true', '1', 'yes'].includes(v));
const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');
const httpUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');
const corsOrigins = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .refine(
    (origins) =>
      origins.length > 0 &&
      origins.every((o) => {
        if (o === '*') return true;
        try {
          const url = new URL(o);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === o;
        } catch {
          return false;
        }
      }),
    'must be origins like https://dichvucong.example.gov.vn (scheme, host and port only), comma-separated, or *',
  );
const trustProxy = z
  .string()
  .transform((v): number | string[] => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : v.split(',').map((a) => a.trim()).filter(Boolean)))
  .refine((v) => (typeof v === 'number' ? v <= 10 : v.length > 0 && v.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$|^(loopback|linklocal|uniquelocal)$/.test(a))), 'must be a number of hops (0-10) or addresses/subnets like 10.0.0.1,10.1.0.0/16');
/** A `*_FILE` setting: the path of a file holding a secret (read and checked by loadConfig). */
const secretFile = z.string().min(1, 'must not be empty').optional();
const cronExpression = z.string().refine((v) => cron.validate(v), 'must be a cron expression like */5 * * * *');
const officeHours = z.string().transform((text, ctx): OfficeHours => {
  try {
    return parseOfficeHours(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `must look like 07:00-11:30,13:30-17:00 (${error instanceof Error ? error.message : String(error)})` });
    return z.NEVER;
  }
});

/**
 * Every setting of the hub. Read once at start-up by `loadConfig`; a bad
 * value stops the start with a message naming the variable.
 */
export const SETTINGS = {
  port: setting('PORT', 'HTTP port of the hub (GraphQL at /graphql, probes at /healthz and /readyz); 0 picks a free port', '4000', port),
  host: setting('HOST', 'Interface the HTTP server binds to', '0.0.0.0', z.string().min(1, 'must not be empty')),
  shutdownGraceMs: setting('SHUTDOWN_GRACE_MS', 'On SIGTERM, how long open HTTP requests may run before the hub closes anyway', '10000', positiveInt(600_000)),
  databaseUrl: setting('DATABASE_URL', 'PostgreSQL 15+ to use; unset runs the embedded PostgreSQL (PGlite) under DATA_DIR', undefined, postgresUrl.optional()),
  databaseUrlFile: setting('DATABASE_URL_FILE', 'File holding DATABASE_URL (a Docker secret): mode 0600 or 0400, not empty; not with DATABASE_URL', undefined, secretFile),
  dataDir: setting('DATA_DIR', 'Where the embedded PostgreSQL keeps its files (only when DATABASE_URL is unset)', './data', z.string().min(1, 'must not be empty')),
  dbPoolMax: setting('DB_POOL_MAX', 'Most connections the hub opens to PostgreSQL', '10', positiveInt(200)),
  dbDebug: setting('DB_DEBUG', 'Log every SQL statement (development only)', 'false', bool),
  seedCatalog: setting('SEED_CATALOG', 'Load the bundled catalogue (agencies, procedures, holidays) at start when the database has none', 'true', bool),
  officeHours: setting('OFFICE_HOURS', 'Office periods of a working day, local time (Asia/Ho_Chi_Minh)', '07:00-11:30,13:30-17:00', officeHours),
  maxPageSize: setting('GRAPHQL_MAX_PAGE_SIZE', 'Largest `first` a paginated GraphQL field accepts', '100', positiveInt(1000)),
  nodeEnv: setting(
    'NODE_ENV',
    '`production` turns off the query explorer, introspection and cross-origin requests unless their settings say otherwise',
    'development',
    z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }),
  ),
  landingPage: setting('GRAPHQL_LANDING_PAGE', 'Serve the query explorer when /graphql is opened in a browser; unset: on, except under NODE_ENV=production', undefined, bool.optional()),
  introspection: setting('GRAPHQL_INTROSPECTION', 'Allow schema introspection; unset: on, except under NODE_ENV=production', undefined, bool.optional()),
  maxTokens: setting('GRAPHQL_MAX_TOKENS', 'Most lexical tokens in one GraphQL document (parsing stops there)', '3000', positiveInt(1_000_000)),
  maxDepth: setting('GRAPHQL_MAX_DEPTH', 'Deepest nesting of fields in one operation', '12', positiveInt(1000)),
  maxAliases: setting('GRAPHQL_MAX_ALIASES', 'Most aliases in one operation', '15', nonNegativeInt(10_000)),
  maxDirectives: setting('GRAPHQL_MAX_DIRECTIVES', 'Most directives in one operation', '20', nonNegativeInt(10_000)),
  maxCost: setting('GRAPHQL_MAX_COST', 'Highest estimated cost of one operation: a field costs 1, a page its nodes times `first`', '20000', positiveInt(100_000_000)),
  maxQueryBytes: setting('GRAPHQL_MAX_QUERY_BYTES', 'Longest GraphQL document text accepted, checked before it is parsed', '32768', positiveInt(10 * 1024 * 1024)),
  trustedDocuments: setting(
    'GRAPHQL_TRUSTED_DOCUMENTS',
    'Run only the registered operations of schema/trusted-documents.json (sent by `documentId`, or as their exact text)',
    'false',
    bool,
  ),
  screensEnabled: setting('SCREENS_ENABLED', "Serve the hall screens: the lookup kiosk (/tra-cuu), the status board (/bang-trang-thai) and the leaders' dashboard (/dieu-hanh)", 'true', bool),
  publicUrl: setting('PUBLIC_URL', "The address citizens reach the hub at (scheme, host, port): the receipt's QR code opens its lookup page there; unset: http://localhost:PORT", undefined, httpUrl.optional()),
  maxBodyBytes: setting('HTTP_MAX_BODY_BYTES', 'Largest request body, refused before it is read whole; unset: room for five documents of DOCUMENT_MAX_BYTES in base64', undefined, positiveInt(1024 * 1024 * 1024).optional()),
  corsOrigins: setting(
    'CORS_ORIGINS',
    'Origins allowed to call the hub from a browser (comma-separated, or `*`); unset: none under NODE_ENV=production, http://localhost and http://127.0.0.1 on any port otherwise',
    undefined,
    corsOrigins.optional(),
  ),
  trustProxy: setting('TRUST_PROXY', 'Reverse proxies in front of the hub whose X-Forwarded-For is believed: a number of hops, or addresses/subnets (comma-separated)', '0', trustProxy),
  rateLimitWindowSeconds: setting('RATE_LIMIT_WINDOW_SECONDS', 'The window the rate limits count over', '60', positiveInt(86_400)),
  rateLimitPerAddress: setting('RATE_LIMIT_PER_ADDRESS', 'Requests per window from one address without a valid token', '300', positiveInt(100_000_000)),
  rateLimitPerToken: setting('RATE_LIMIT_PER_TOKEN', "Requests per window under one token's subject", '1200', positiveInt(100_000_000)),
  rateLimitLookups: setting('RATE_LIMIT_LOOKUPS', 'Dossier codes looked up (trackDossier) per window per caller', '60', positiveInt(100_000_000)),
  jwtSecret: setting(
    'JWT_SECRET',
    'HS256 secret that signs bearer tokens (32+ characters); unset: one is generated in DATA_DIR/jwt-secret (for trying the hub, see `npm run token`)',
    undefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  jwtSecretFile: setting('JWT_SECRET_FILE', 'File holding JWT_SECRET (a Docker secret): mode 0600 or 0400, not empty; not with JWT_SECRET', undefined, secretFile),
  jwtJwksUrl: setting('JWT_JWKS_URL', 'JWKS of an identity provider; when set, tokens are verified with RS256 against it instead of JWT_SECRET', undefined, httpUrl.optional()),
  jwtIssuer: setting('JWT_ISSUER', 'Required `iss` of tokens, when set', undefined, z.string().min(1).optional()),
  jwtAudience: setting('JWT_AUDIENCE', 'Required `aud` of tokens, when set', undefined, z.string().min(1).optional()),
  jobsEnabled: setting('JOBS_ENABLED', 'Run the scheduled jobs (overdue detection) in this process', 'true', bool),
  overdueCron: setting('OVERDUE_CRON', 'When the overdue-detection job runs (cron expression, local time)', '*/5 * * * *', cronExpression),
  populationUrl: setting(
    'POPULATION_URL',
    'SOAP endpoint of the national population database; unset: the hub starts its simulator on a loopback port',
    undefined,
    httpUrl.optional(),
  ),
  populationUsername: setting('POPULATION_USERNAME', 'WS-Security username for the population database (required with POPULATION_URL)', undefined, z.string().min(1).optional()),
  populationPassword: setting('POPULATION_PASSWORD', 'WS-Security password for the population database (required with POPULATION_URL)', undefined, z.string().min(1).optional()),
  populationPasswordFile: setting('POPULATION_PASSWORD_FILE', 'File holding POPULATION_PASSWORD (a Docker secret): mode 0600 or 0400, not empty; not with POPULATION_PASSWORD', undefined, secretFile),
  populationTimeoutMs: setting('POPULATION_TIMEOUT_MS', 'Each call to the population database is abandoned after this long', '5000', positiveInt(120_000)),
  populationRetries: setting('POPULATION_RETRIES', 'Retries of a lookup that failed on the upstream side (with exponential backoff and jitter)', '2', nonNegativeInt(10)),
  populationBreakerThreshold: setting('POPULATION_BREAKER_THRESHOLD', 'Consecutive upstream failures that open the circuit (calls then fail at once)', '5', positiveInt(1000)),
  populationBreakerCooldownMs: setting('POPULATION_BREAKER_COOLDOWN_MS', 'How long the open circuit waits before a trial call', '30000', positiveInt(3_600_000)),
  simulatorPort: setting('POPULATION_SIMULATOR_PORT', 'Port of the built-in population simulator (when POPULATION_URL is unset); 0 picks a free one', '0', port),
  paymentUrl: setting('PAYMENT_URL', "The national payment platform's base URL (INIT, QUERY); unset: the hub starts its simulator on a loopback port", undefined, httpUrl.optional()),
  paymentPartnerCode: setting('PAYMENT_PARTNER_CODE', 'The centre\'s partner code at the payment platform (MaDoiTac; required with PAYMENT_URL)', undefined, z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be letters, digits, . _ - (40 at most)').optional()),
  paymentSecret: setting('PAYMENT_SECRET', 'The partner secret every MaXacThuc is signed with (required with PAYMENT_URL; 16 characters at least)', undefined, z.string().min(16, 'must be 16 characters at least').optional()),
  paymentSecretFile: setting('PAYMENT_SECRET_FILE', 'File holding PAYMENT_SECRET (a Docker secret): mode 0600 or 0400, not empty; not with PAYMENT_SECRET', undefined, secretFile),
  paymentReconcileCron: setting('PAYMENT_RECONCILE_CRON', 'When the reconciliation job asks the payment platform about payments still pending (cron expression, local time; with JOBS_ENABLED)', '*/10 * * * *', cronExpression),
  paymentReconcileAfterMinutes: setting('PAYMENT_RECONCILE_AFTER_MINUTES', 'A payment still pending this long after it started is asked of the platform (its callback may have been lost)', '15', positiveInt(10_080)),
  paymentTimeoutMs: setting('PAYMENT_TIMEOUT_MS', 'Each call to the payment platform is abandoned after this long', '10000', positiveInt(120_000)),
  postalUrl: setting('POSTAL_URL', "The postal service's gateway base URL (token, order, cancel, tracking); unset: the hub starts its simulator on a loopback port", undefined, httpUrl.optional()),
  postalClientId: setting('POSTAL_CLIENT_ID', "The centre's OAuth2 client id at the postal gateway (required with POSTAL_URL)", undefined, z.string().min(1).max(200, 'must be 200 characters at most').optional()),
  postalClientSecret: setting('POSTAL_CLIENT_SECRET', "The OAuth2 client secret; it also signs the post's status callbacks (required with POSTAL_URL; 16 characters at least)", undefined, z.string().min(16, 'must be 16 characters at least').optional()),
  postalClientSecretFile: setting('POSTAL_CLIENT_SECRET_FILE', 'File holding POSTAL_CLIENT_SECRET (a Docker secret): mode 0600 or 0400, not empty; not with POSTAL_CLIENT_SECRET', undefined, secretFile),
  postalCustomerCode: setting('POSTAL_CUSTOMER_CODE', "The centre's customer code at the post (CustomerCode; required with POSTAL_URL)", undefined, z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be letters, digits, . _ - (40 at most)').optional()),
  postalTimeoutMs: setting('POSTAL_TIMEOUT_MS', 'Each call to the postal service is abandoned after this long', '10000', positiveInt(120_000)),
  postalTrackingCron: setting('POSTAL_TRACKING_CRON', 'When the tracking job asks the post about parcels on their way (cron expression, local time; with JOBS_ENABLED)', '*/15 * * * *', cronExpression),
  postalStalledAfterHours: setting('POSTAL_STALLED_AFTER_HOURS', 'A parcel with no news from the post for this long is shown as stalled, for supervisors', '72', positiveInt(2_160)),
  postalSenderPhone: setting('POSTAL_SENDER_PHONE', "The centre's phone number on postal orders (the sender of results, the receiver of dossiers collected)", '02373000000', z.string().regex(/^\+?\d{9,12}$/, 'must be a phone number (9 to 12 digits)')),
  portalUrl: setting('PORTAL_URL', "The national public service portal's adapter base URL (login, DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo, LayThuTuc); unset: the hub starts its simulator on a loopback port", undefined, httpUrl.optional()),
  portalUsername: setting('PORTAL_USERNAME', "The province's account at the portal's adapter (required with PORTAL_URL)", undefined, z.string().min(1).max(200, 'must be 200 characters at most').optional()),
  portalPassword: setting('PORTAL_PASSWORD', "The account's password (required with PORTAL_URL; 8 characters at least)", undefined, z.string().min(8, 'must be 8 characters at least').optional()),
  portalPasswordFile: setting('PORTAL_PASSWORD_FILE', 'File holding PORTAL_PASSWORD (a Docker secret): mode 0600 or 0400, not empty; not with PORTAL_PASSWORD', undefined, secretFile),
  portalAgencyCode: setting('PORTAL_AGENCY_CODE', "The province's unit code at the portal (madonvi), sent with every call", 'H56', z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be letters, digits, . _ - (40 at most)')),
  portalSyncEnabled: setting('PORTAL_SYNC_ENABLED', 'Report every dossier and each of its moves to the national portal (DongBoHoSoMC, CapNhatTienDoHoSoMC) through the outbox', 'true', bool),
  portalSyncSweepCron: setting('PORTAL_SYNC_SWEEP_CRON', 'When the sweep enqueues a report for dossiers with moves the portal has not had (cron expression, local time; with JOBS_ENABLED and PORTAL_SYNC_ENABLED)', '*/5 * * * *', cronExpression),
  portalSubmissionsEnabled: setting('PORTAL_SUBMISSIONS_ENABLED', 'Pull the dossiers filed on the national portal itself or through VNeID (LayDanhSachHoSo) into the hub as online submissions, and acknowledge each (CapNhatDaNhanHoSo)', 'true', bool),
  portalSubmissionsCron: setting('PORTAL_SUBMISSIONS_CRON', 'When the hub pulls the dossiers filed on the portal or VNeID (cron expression, local time; with JOBS_ENABLED and PORTAL_SUBMISSIONS_ENABLED)', '*/5 * * * *', cronExpression),
  portalCatalogueEnabled: setting('PORTAL_CATALOGUE_ENABLED', "Compare the national catalogue (LayDanhSachTTHC, LayThuTuc) with the hub's on a schedule and keep what changed for supervisors to review (catalogueReview); applying is always a supervisor's act", 'true', bool),
  portalCatalogueCron: setting('PORTAL_CATALOGUE_CRON', 'When the national catalogue is compared (cron expression, local time; with JOBS_ENABLED and PORTAL_CATALOGUE_ENABLED)', '30 1 * * *', cronExpression),
  portalTimeoutMs: setting('PORTAL_TIMEOUT_MS', 'Each call to the national portal is abandoned after this long', '10000', positiveInt(120_000)),
  connectorsFile: setting(
    'CONNECTORS',
    'JSON file of more connector instances (`[{ "name", "kind", ...settings }]`, see connectors/README.md), e.g. a second department on the same kind of system: mode 0600 or 0400, as it may hold credentials',
    undefined,
    z.string().min(1, 'must not be empty').optional(),
  ),
  departmentsEnabled: setting('DEPARTMENTS_ENABLED', "Connect the departments' own systems (the files of DEPARTMENTS_DIR); false: every step is driven by officers", 'true', bool),
  departmentsDir: setting(
    'DEPARTMENTS_DIR',
    'Directory of department files, one JSON file per department system (see connectors/department/README.md); unset: the two simulated departments of connectors/department/simulated/',
    undefined,
    z.string().min(1, 'must not be empty').optional(),
  ),
  simDepartmentProcessingMs: setting('SIM_DEPARTMENT_PROCESSING_MS', 'How long a simulated department takes to finish a dossier it received (with a result document)', '30000', nonNegativeInt(86_400_000)),
  simPostalDeliveryMs: setting('SIM_POSTAL_DELIVERY_MS', 'How long the simulated post takes from an order to its outcome (picked up at a quarter of it)', '60000', nonNegativeInt(86_400_000)),
  simPostalOutcome: setting('SIM_POSTAL_OUTCOME', 'What the simulated post does with parcels: DELIVERED, FAILED (sent back), LOST (reported lost) or SILENT (no news after pickup)', 'DELIVERED', z.enum(['DELIVERED', 'FAILED', 'LOST', 'SILENT'], { error: 'must be DELIVERED, FAILED, LOST or SILENT' })),
  simPortalDelayMs: setting('SIM_PORTAL_DELAY_MS', 'How long the simulated national portal waits before each answer (to try a slow portal)', '0', nonNegativeInt(120_000)),
  simPortalDown: setting('SIM_PORTAL_DOWN', 'The simulated national portal answers HTTP 503 to everything (to try an outage)', 'false', bool),
  gatewayEnabled: setting('GATEWAY_ENABLED', "Start the GraphQL gateway (mesh/) beside the hub: one endpoint for the hub's schema, the departments' registers and each step's department record", 'false', bool),
  gatewayPort: setting('GATEWAY_PORT', 'Port of the gateway (on HOST), with GATEWAY_ENABLED or `npm run gateway`; 0 picks a free one', '4001', port),
  hubUrl: setting('HUB_URL', "The hub's GraphQL endpoint the gateway forwards to when it runs on its own (`npm run gateway`); unset: http://127.0.0.1:PORT/graphql", undefined, httpUrl.optional()),
  healthCacheMs: setting('HEALTH_CACHE_MS', "How long a connector's health answer is reused by /readyz and `connectors` (concurrent probes share one check); 0 checks every time", '10000', nonNegativeInt(600_000)),
  outboxEnabled: setting('OUTBOX_ENABLED', 'Deliver outbox messages (calls to outside systems) from this process', 'true', bool),
  outboxRetryLimit: setting('OUTBOX_RETRY_LIMIT', 'Deliveries of a message tried before it goes to the dead-letter list', '10', nonNegativeInt(100)),
  outboxRetryDelaySeconds: setting('OUTBOX_RETRY_DELAY_SECONDS', 'First delay between deliveries; it doubles each time, with jitter', '30', positiveInt(86_400)),
  outboxExpireSeconds: setting('OUTBOX_EXPIRE_SECONDS', 'A delivery still running after this long (its process died) is tried again', '300', positiveInt(86_400)),
  outboxPollSeconds: setting('OUTBOX_POLL_SECONDS', 'How often idle delivery workers look for messages', '2', positiveInt(3600)),
  outboxBatchSize: setting('OUTBOX_BATCH_SIZE', "Messages of one topic a worker takes at once and delivers concurrently (calls to one outside system overlap up to this many); a full batch is followed at once by the next", '10', positiveInt(500)),
  documentMaxBytes: setting('DOCUMENT_MAX_BYTES', 'Largest document a component may upload', '10485760', positiveInt(100 * 1024 * 1024)),
  documentTypes: setting('DOCUMENT_TYPES', 'Content types a component may upload (comma-separated)', 'application/pdf,image/jpeg,image/png', contentTypes),
  logLevel: setting('LOG_LEVEL', 'Log level: fatal, error, warn, info, debug, trace or silent', 'info', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };
