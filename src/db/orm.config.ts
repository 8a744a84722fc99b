import { DefaultLogger, type EntityClass, type LogContext, type LoggerOptions, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { SeedManager } from '@mikro-orm/seeder';
import { maskPersonalData, sanitizeText, stripSqlValues } from '../shared/logger';
import { MIGRATIONS } from './migrations';

/** Receives every SQL statement the ORM runs (statement counting in tests, tracing). */
/** Hears every statement the ORM runs, with `?` placeholders and their values apart (tests count and explain them). */
export type QueryListener = (query: string, params: readonly unknown[]) => void;

/**
 * MikroORM's logger, plus a tap on every statement for the listeners given.
 * What it writes (DB_DEBUG) never holds values: statements are logged with
 * placeholders and any literal left in them is stripped; other messages
 * are masked like every log line.
 */
class TappedLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly listeners: readonly QueryListener[],
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    for (const listener of this.listeners) listener(context.query, context.params ?? []);
    super.logQuery({ ...context, query: stripSqlValues(context.query) });
  }

  override log(namespace: Parameters<DefaultLogger['log']>[0], message: string, context?: LogContext): void {
    // A statement was stripped in logQuery; its timing that follows stays.
    super.log(namespace, namespace === 'query' ? maskPersonalData(message) : sanitizeText(message), context);
  }
}

export interface OrmOptionsInput {
  url: string;
  /** Every entity class of the hub (src/entities.ts, passed by the composition root: db/ imports no feature). */
  entities: ReadonlyArray<EntityClass<object>>;
  poolMax: number;
  debug: boolean;
  queryListeners?: readonly QueryListener[];
  writeLog?: (message: string) => void;
  /** Runs on each connection the pool opens (the embedded database's notifications: db/notifications.ts). */
  afterCreate?: (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) => void;
}

/** The one MikroORM configuration, for PostgreSQL and the embedded PGlite alike. */
export function ormOptions(input: OrmOptionsInput): Options<PostgreSqlDriver> {
  const listeners = input.queryListeners ?? [];
  return {
    driver: PostgreSqlDriver,
    clientUrl: input.url,
    entities: [...input.entities],
    discovery: { warnWhenNoEntities: true },
    // pool.max alone throws in MikroORM 6: give min too.
    pool: { min: 0, max: input.poolMax, ...(input.afterCreate ? { afterCreate: input.afterCreate } : {}) },
    // Statements only: 'query-params' would write names, birth dates and addresses into the log.
    debug: input.debug ? ['query'] : false,
    // The log is JSON lines: no terminal colour codes in them.
    colors: false,
    loggerFactory: (options) => new TappedLogger({ ...options, writer: input.writeLog ?? options.writer }, listeners),
    forceUtcTimezone: true,
    // A mistyped database name must fail the start, not create an empty database.
    ensureDatabase: false,
    allowGlobalContext: false,
    extensions: [Migrator, SeedManager],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
      path: 'src/db/migrations',
      pathTs: 'src/db/migrations',
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  };
}
