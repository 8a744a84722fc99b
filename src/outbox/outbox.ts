import type { EntityManager } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { transactionSql } from './job-queue';

export interface OutgoingMessage {
  topic: string;
  payload: Record<string, unknown>;
  /** Unique per message: the receiver uses it to ignore a repeat. */
  idempotencyKey: string;
}

/** What a job carries: the message it delivers. */
export interface OutboxJob {
  messageId: string;
}

/** Where services record calls to outside systems (the port; PgBossOutbox is the implementation). */
export interface Outbox {
  /** Records `message` in `tx`'s transaction; must run inside em.transactional. */
  enqueue(tx: EntityManager, message: OutgoingMessage): Promise<OutboxMessage>;
  /** Puts a dead message back in line, in `tx`'s transaction. */
  replay(tx: EntityManager, message: OutboxMessage): Promise<void>;
}

/**
 * Records calls to outside systems in the caller's transaction: the message
 * row and its pg-boss job commit or roll back with the change that causes
 * them, so that a crash can neither lose a committed call nor send one
 * for a change that did not happen.
 */
export class PgBossOutbox implements Outbox {
  constructor(private readonly boss: PgBoss) {}

  /** Must run inside `tx`'s transaction (em.transactional). */
  async enqueue(tx: EntityManager, message: OutgoingMessage): Promise<OutboxMessage> {
    const row = tx.create(OutboxMessage, { topic: message.topic, payload: message.payload, idempotencyKey: message.idempotencyKey });
    await tx.flush();
    await this.schedule(tx, row);
    return row;
  }

  /** A delivery job for an existing message (first time, or a replay), in `tx`'s transaction. */
  async schedule(tx: EntityManager, message: OutboxMessage): Promise<void> {
    const id = await this.boss.send(message.topic, { messageId: message.id } satisfies OutboxJob, { db: transactionSql(tx) });
    if (id === null) throw new Error(`The job queue has no queue "${message.topic}"`);
  }

  /** Puts a dead message back in line (supervisors). */
  async replay(tx: EntityManager, message: OutboxMessage): Promise<void> {
    message.status = OutboxStatus.PENDING;
    message.deadAt = null;
    await tx.flush();
    await this.schedule(tx, message);
  }
}
