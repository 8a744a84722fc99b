import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../src/config';
import { migrate, openDatabase, type Database, type OpenDatabaseOptions } from '../../src/db/database';
import { IN_MEMORY } from '../../src/db/embedded-postgres';
import { ENTITIES } from '../../src/entities';

/** Which database the suite runs on: PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise. */
export const TEST_DB_KIND: 'postgresql' | 'pglite' = process.env.DATABASE_URL ? 'postgresql' : 'pglite';

async function onServer<T>(serverUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface ProvisionedDatabase {
  /** The URL of a new, empty database, or undefined for an in-memory PGlite. */
  url: string | undefined;
  dataDir: string;
  /** Drops the database (PostgreSQL); nothing to do for PGlite. */
  drop(): Promise<void>;
}

/** Where tests/global-setup.ts leaves the embedded database's snapshots: migrated, and migrated with the bundled catalogue. */
export const SNAPSHOT_ENV = { migrated: 'LIENTHONG_TEST_SNAPSHOT_MIGRATED', seeded: 'LIENTHONG_TEST_SNAPSHOT_SEEDED' } as const;

/**
 * A new empty database on the PostgreSQL server of DATABASE_URL, or an
 * in-memory PGlite: started from the run's snapshot (migrated, with the
 * catalogue when `seeded`) when there is one, which saves PGlite's initdb.
 */
export async function provisionDatabase(options: { seeded?: boolean } = {}): Promise<ProvisionedDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const snapshot = process.env[options.seeded ? SNAPSHOT_ENV.seeded : SNAPSHOT_ENV.migrated];
    return { url: undefined, dataDir: snapshot ? `${IN_MEMORY}${snapshot}` : IN_MEMORY, drop: () => Promise.resolve() };
  }
  const name = `lienthong_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: IN_MEMORY,
    drop: async () => {
      await onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

export interface TestDatabase {
  database: Database;
  config: DatabaseConfig;
  /** Closes the database and, on PostgreSQL, drops the throw-away database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(options: Omit<OpenDatabaseOptions, 'entities'> & { poolMax?: number } = {}): Promise<TestDatabase> {
  const provisioned = await provisionDatabase();
  const config: DatabaseConfig = {
    url: provisioned.url,
    dataDir: provisioned.dataDir,
    poolMax: options.poolMax ?? (provisioned.url ? 10 : 4),
    debug: false,
  };
  const database = await openDatabase(config, { ...options, entities: ENTITIES });
  await migrate(database);
  return {
    database,
    config,
    async dispose() {
      await database.close();
      await provisioned.drop();
    },
  };
}
