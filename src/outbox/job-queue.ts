import PgBoss from 'pg-boss';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxConfig } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../shared/logger';

/** The queue where messages go once every delivery has failed (pg-boss dead letters). */
export const DEAD_LETTER_QUEUE = 'outbox.dead';

/** As pg would send it: undefined as NULL, plain objects as JSON (knex refuses undefined anywhere inside a binding). */
function asBinding(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/** pg-boss numbers its parameters ($1…, reused); the ORM's driver (knex) takes `?` in order. */
function positional(text: string, values: readonly unknown[] = []): { sql: string; bindings: unknown[] } {
  if (text.includes('?')) throw new Error('pg-boss SQL with "?" cannot run through the ORM connection');
  const bindings: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_match, index: string) => {
    bindings.push(asBinding(values[Number(index) - 1]));
    return '?';
  });
  return { sql, bindings };
}

/** What knex answers for a raw statement on pg: a result, or one per statement of a script. */
type PgResult = { rows?: unknown[] } | Array<{ rows?: unknown[] }>;

/**
 * pg-boss's SQL on the hub's own connection pool (the ORM's knex): one pool
 * for everything, which the embedded database needs (one connection, see
 * db/database.ts) and PostgreSQL does not mind.
 */
export function poolSql(database: Database): PgBoss.Db {
  const knex = database.orm.em.getConnection().getKnex();
  return {
    async executeSql(text: string, values: unknown[]) {
      const { sql, bindings } = positional(text, values);
      const result = await knex.raw<PgResult>(sql, bindings as never);
      return result as { rows: unknown[] };
    },
  };
}

/**
 * pg-boss's SQL on a MikroORM transaction: jobs are then inserted in the
 * same transaction as the change that causes them (a transactional outbox,
 * with pg-boss's own table as part of it).
 */
export function transactionSql(tx: EntityManager): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const { sql, bindings } = positional(text, values);
      const rows = await tx.execute<unknown[]>(sql, bindings);
      return { rows };
    },
  };
}

/**
 * Starts pg-boss on the hub's database (its tables in schema `pgboss`,
 * created on first start) with one queue per topic, sharing retry, backoff
 * (exponential, with jitter), expiry and dead-letter settings.
 */
export async function startJobQueue(database: Database, topics: readonly string[], config: OutboxConfig, logger: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    db: poolSql(database),
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(config.expireSeconds / 2))),
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retentionMinutes: 60 * 24 * 30 });
  for (const topic of topics) {
    const options = {
      name: topic,
      retryLimit: config.retryLimit,
      retryDelay: config.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: config.expireSeconds,
      deadLetter: DEAD_LETTER_QUEUE,
    };
    if (await boss.getQueue(topic)) await boss.updateQueue(topic, options);
    else await boss.createQueue(topic, options);
  }
  return boss;
}
