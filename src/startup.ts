import { Client } from 'pg';
import { Agency } from './catalog/agency.entity';
import { CatalogSeeder } from './catalog/catalog.seeder';
import { migrate, type Database } from './db/database';
import type { Logger } from './shared/logger';

/** Arbitrary key of the advisory lock that serialises start-up work across hub processes. */
const STARTUP_LOCK = 0x4c54_0001;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that two hub
 * processes starting at once do not both migrate or seed.
 */
async function withStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Applies pending migrations and, when asked and the catalogue is empty, loads the bundled one. */
export async function prepareDatabase(database: Database, options: { seedCatalog: boolean; logger: Logger }): Promise<void> {
  await withStartupLock(database, async () => {
    const applied = await migrate(database);
    if (applied.length > 0) options.logger.info({ migrations: applied }, 'applied database migrations');
    if (!options.seedCatalog) return;
    const em = database.fork();
    if ((await em.count(Agency)) > 0) return;
    await database.orm.getSeeder().seed(CatalogSeeder);
    options.logger.info('loaded the bundled catalogue');
  });
}
