import type { Config } from './config';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database';
import { prepareDatabase } from './db/startup';
import { buildHubSchema } from './graphql/schema';
import { startHttpServer, type HttpServer } from './http/server';
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
    http = await startHttpServer({ config, database, schema, logger, clock });
  } catch (error) {
    await database.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    port: http.port,
    database,
    stop() {
      stopping ??= (async () => {
        await http.stop();
        await database.close();
      })();
      return stopping;
    },
  };
}
