import { loadConfig } from '../../src/config';
import type { QueryListener } from '../../src/db/orm.config';
import { startHub, type Hub } from '../../src/hub';
import type { Clock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { provisionDatabase } from './database';
import { TEST_JWT_SECRET } from './tokens';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string } }>;
}

export interface TestHub {
  hub: Hub;
  url: string;
  /** POSTs a GraphQL operation to /graphql. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResponse<T>>;
  stop(): Promise<void>;
}

/**
 * A whole hub over HTTP on a free port, on a fresh database (PostgreSQL when
 * DATABASE_URL is set, in-memory PGlite otherwise), with the bundled
 * catalogue unless `seedCatalog` is false.
 */
export async function startTestHub(options: { env?: Record<string, string>; clock?: Clock; queryListeners?: QueryListener[] } = {}): Promise<TestHub> {
  const provisioned = await provisionDatabase({ seeded: options.env?.SEED_CATALOG !== 'false' });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    JOBS_ENABLED: 'false',
    DATA_DIR: provisioned.dataDir,
    // Suites send hundreds of requests a minute from one address; tests/http/guards.spec.ts sets the limits it tests.
    RATE_LIMIT_PER_ADDRESS: '1000000',
    RATE_LIMIT_PER_TOKEN: '1000000',
    RATE_LIMIT_LOOKUPS: '1000000',
    // Steps stay with officers unless a suite connects department systems (tests/departments/).
    DEPARTMENTS_ENABLED: 'false',
    // Dossiers are reported to the national portal only where a suite tests it (tests/portal/).
    PORTAL_SYNC_ENABLED: 'false',
    ...(provisioned.url ? { DATABASE_URL: provisioned.url } : {}),
    ...options.env,
  });
  const hub = await startHub(config, {
    logger: createLogger(config.log),
    ...(options.clock ? { clock: options.clock } : {}),
    database: { queryListeners: options.queryListeners ?? [] },
  });
  const url = `http://127.0.0.1:${hub.port}`;
  return {
    hub,
    url,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
      return { status: response.status, ...body };
    },
    async stop() {
      await hub.stop();
      await provisioned.drop();
    },
  };
}
