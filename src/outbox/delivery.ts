import type { EntityManager } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import type { OutboxConfig } from '../config';
import type { Database } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { DEAD_LETTER_QUEUE } from './job-queue';
import type { OutboxJob } from './outbox';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

export interface DeliveryContext {
  messageId: string;
  idempotencyKey: string;
  /** 1 for the first delivery. */
  attempt: number;
}

/** What a delivery brings back to the hub: local changes, committed with the message's DELIVERED mark. */
export interface DeliveryResult {
  apply?: (tx: EntityManager) => Promise<void>;
}

/** Delivers one message to its outside system. Throw to retry later; throw PermanentDeliveryError to give up at once. */
export type DeliveryHandler = (payload: Record<string, unknown>, context: DeliveryContext) => Promise<DeliveryResult>;

/** A failure no retry can mend (refused as invalid): the message goes to the dead-letter list now. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

/**
 * Runs the handlers for pg-boss jobs. A message is delivered at most once
 * to the hub's side: its DELIVERED mark and the handler's local changes
 * commit together, and only while it is still PENDING, so a job that runs
 * again (its worker died, its expiry passed) finds it done and stops.
 */
export class OutboxDelivery {
  private readonly handlers = new Map<string, DeliveryHandler>();

  constructor(
    private readonly boss: PgBoss,
    private readonly deps: { database: Database; config: OutboxConfig; clock: Clock; logger: Logger },
  ) {}

  register(topic: string, handler: DeliveryHandler): this {
    this.handlers.set(topic, handler);
    return this;
  }

  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  async start(): Promise<void> {
    const options = { batchSize: this.deps.config.batchSize, pollingIntervalSeconds: this.deps.config.pollSeconds };
    for (const topic of this.handlers.keys()) {
      let worker = '';
      worker = await this.boss.work<OutboxJob>(topic, options, async (jobs) => {
        await this.deliverBatch(topic, jobs);
        // A full batch: more are likely waiting; fetch again now rather than after the polling interval.
        if (jobs.length === options.batchSize) this.boss.notifyWorker(worker);
      });
    }
    await this.boss.work<OutboxJob>(DEAD_LETTER_QUEUE, options, async (jobs) => {
      for (const job of jobs) await this.bury(job.data.messageId);
    });
  }

  /**
   * Delivers a batch's messages at once (calls to one outside system
   * overlap, up to OUTBOX_BATCH_SIZE). A message whose delivery failed is
   * failed alone, for its own retry; the others complete with the batch.
   */
  private async deliverBatch(topic: string, jobs: ReadonlyArray<PgBoss.Job<OutboxJob>>): Promise<void> {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await this.deliver(job.data.messageId);
        } catch (error) {
          await this.boss.fail(topic, job.id, { message: describe(error) });
        }
      }),
    );
  }

  /** Delivers one message now (the workers call this; tests too). */
  async deliver(messageId: string): Promise<void> {
    const { database, clock, logger } = this.deps;
    const em = database.fork();
    const message = await em.findOne(OutboxMessage, messageId);
    if (!message || message.status !== OutboxStatus.PENDING) return;
    const handler = this.handlers.get(message.topic);
    if (!handler) throw new Error(`No delivery handler for ${message.topic}`);
    const attempt = message.attempts + 1;
    await em.nativeUpdate(OutboxMessage, { id: message.id }, { attempts: attempt });
    let result: DeliveryResult;
    try {
      result = await handler(message.payload, { messageId: message.id, idempotencyKey: message.idempotencyKey, attempt });
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        await em.nativeUpdate(OutboxMessage, { id: message.id, status: OutboxStatus.PENDING }, { status: OutboxStatus.DEAD, deadAt: clock.now(), lastError: describe(error) });
        logger.warn({ topic: message.topic, messageId: message.id, err: error }, 'outbox message refused for good: on the dead-letter list');
        return;
      }
      await em.nativeUpdate(OutboxMessage, { id: message.id }, { lastError: describe(error) });
      logger.warn({ topic: message.topic, messageId: message.id, attempt, err: error }, 'outbox delivery failed; it will be retried');
      throw error;
    }
    await database.fork().transactional(async (tx) => {
      const marked = await tx.nativeUpdate(OutboxMessage, { id: message.id, status: OutboxStatus.PENDING }, { status: OutboxStatus.DELIVERED, deliveredAt: clock.now(), lastError: null });
      // Another run delivered it meanwhile: its changes stand, ours are not applied.
      if (marked === 1 && result.apply) await result.apply(tx);
    });
  }

  /** Every delivery failed: the message joins the dead-letter list. */
  private async bury(messageId: string): Promise<void> {
    await this.deps.database
      .fork()
      .nativeUpdate(OutboxMessage, { id: messageId, status: OutboxStatus.PENDING }, { status: OutboxStatus.DEAD, deadAt: this.deps.clock.now() });
    this.deps.logger.warn({ messageId }, 'outbox message out of retries: on the dead-letter list');
  }

  async stop(): Promise<void> {
    for (const topic of [...this.handlers.keys(), DEAD_LETTER_QUEUE]) await this.boss.offWork(topic);
  }
}
