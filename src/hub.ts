import { tmpdir } from 'node:os';
import { createAuthenticator } from './auth/authenticator';
import type { Config } from './config';
import { IN_MEMORY } from './db/embedded-postgres';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database';
import { prepareDatabase } from './db/startup';
import { buildHubSchema } from './graphql/schema';
import { startHttpServer, type HttpServer } from './http/server';
import { startScheduler } from './jobs/scheduler';
import { systemClock, type Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface HubOptions {
  logger: Logger;
  clock?: Clock;
  database?: OpenDatabaseOptions;
}

/** A running hub: its HTTP server and database. */
export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  /** Drains HTTP, then closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The composition root's one call: opens the database, migrates it, loads
 * the bundled catalogue on first start, and serves GraphQL.
 */
export async function startHub(config: Config, options: HubOptions): Promise<Hub> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, {
    ...options.database,
    writeLog: (message) => logger.debug(message),
  });
  let http: HttpServer;
  try {
    await prepareDatabase(database, { seedCatalog: config.catalog.seedOnStart, logger });
    const schema = await buildHubSchema();
    const { authenticate, keySource } = createAuthenticator(config.auth, config.database.dataDir === IN_MEMORY ? tmpdir() : config.database.dataDir);
    if (keySource.kind === 'local-secret') {
      logger.warn(`JWT_SECRET is not set: tokens are signed with the secret in ${keySource.file} (npm run token mints one); set JWT_SECRET or JWT_JWKS_URL in production`);
    }
    http = await startHttpServer({ config, database, schema, logger, clock, authenticate });
  } catch (error) {
    await database.close();
    throw error;
  }
  const scheduler = config.jobs.enabled ? startScheduler(config.jobs, { database, clock, logger }) : undefined;
  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    database,
    stop() {
      stopping ??= (async () => {
        await http.stop();
        await scheduler?.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}
