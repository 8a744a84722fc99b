import { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '../config';
import { describeError } from '../shared/logger';
import { EmbeddedPostgres } from './embedded-postgres';
import { checkChannel, NotificationRouter, ServerListener, tapPoolConnection, type NotificationHandler, type StopListening } from './notifications';
import { ormOptions, type OrmOptionsInput, type QueryListener } from './orm.config';

/** The database the hub runs on: the ORM and what it took to open it. */
export interface Database {
  readonly orm: MikroORM<PostgreSqlDriver>;
  /** `postgresql` for a server at DATABASE_URL, `pglite` for the embedded one. */
  readonly kind: 'postgresql' | 'pglite';
  /** A connection URL any PostgreSQL client can use (the embedded one is served on loopback). */
  readonly url: string;
  /** A fresh EntityManager with its own identity map, for one request or one job run. */
  fork(): EntityManager;
  /**
   * Hears the notifications of `channel` (NOTIFY, delivered at commit).
   * `onResume` runs when a lost listening connection is back: what was sent
   * while it was down did not arrive.
   */
  listen(channel: string, handler: NotificationHandler, onResume?: () => void): Promise<StopListening>;
  /** True when a trivial statement answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Every entity class of the hub: `ENTITIES` of src/entities.ts. */
  entities: OrmOptionsInput['entities'];
  queryListeners?: readonly QueryListener[];
  writeLog?: (message: string) => void;
  /** A listening connection (Database.listen) failed; it is opened again. */
  onListenError?: (error: unknown) => void;
}

/**
 * Opens the configured database: PostgreSQL at `config.url`, or the
 * embedded PGlite under `config.dataDir`. Does not migrate: see `migrate`.
 */
export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.url;
  let poolMax = config.poolMax;
  if (url === undefined) {
    // One connection: PGlite is one session and runs one statement at a time anyway, and its
    // socket server would mix the protocol messages of two connections (embedded-postgres.ts).
    poolMax = 1;
    embedded = await EmbeddedPostgres.start(config.dataDir, 8);
    url = embedded.url;
  }
  const router = new NotificationRouter();
  let orm: MikroORM<PostgreSqlDriver>;
  try {
    orm = await MikroORM.init<PostgreSqlDriver>(
      ormOptions({ url, poolMax, debug: config.debug, ...options, ...(embedded ? { afterCreate: tapPoolConnection(router) } : {}) }),
    );
    if (!(await orm.isConnected())) {
      const check = await orm.checkConnection();
      const reason = check.ok ? 'no answer' : check.reason;
      await orm.close(true);
      throw new Error(reason);
    }
  } catch (error) {
    await embedded?.stop();
    // The driver's message may carry a failed statement with its values: only its safe form goes on.
    const reason = describeError(error);
    throw new Error(
      config.url === undefined
        ? `Cannot open the embedded PostgreSQL in DATA_DIR (${config.dataDir}): ${reason}`
        : `Cannot connect to the PostgreSQL at DATABASE_URL (${redactUrl(config.url)}): ${reason}`,
      { cause: error },
    );
  }
  const connectedUrl = url;
  const listener = embedded ? null : new ServerListener(connectedUrl, router, (error) => options.onListenError?.(error));
  return {
    orm,
    kind: embedded ? 'pglite' : 'postgresql',
    url: connectedUrl,
    fork: () => orm.em.fork(),
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = orm.em
        .getConnection()
        .execute('select 1')
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async listen(channel, handler, onResume) {
      const stop = router.add(checkChannel(channel), handler, onResume);
      try {
        if (listener) await listener.listen(channel);
        else await orm.em.getConnection().execute(`LISTEN ${channel}`);
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    async close() {
      await listener?.stop();
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/** The URL without its password, fit for a log or an error message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Applies every pending migration, all or nothing. */
export async function migrate(database: Database): Promise<string[]> {
  const applied = await database.orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}
