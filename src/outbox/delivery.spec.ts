import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { systemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { OutboxDelivery, type DeliveryHandler } from './delivery';
import type { OutboxJob } from './outbox';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

type BatchHandler = (jobs: Array<PgBoss.Job<OutboxJob>>) => Promise<void>;

/** The part of pg-boss a delivery worker uses, recording what it is told. */
class RecordingBoss {
  readonly handlers = new Map<string, BatchHandler>();
  readonly failed: Array<{ topic: string; id: string }> = [];
  readonly notified: string[] = [];

  work(topic: string, _options: unknown, handler: BatchHandler): Promise<string> {
    this.handlers.set(topic, handler);
    return Promise.resolve(`worker-${topic}`);
  }

  fail(topic: string, id: string): Promise<void> {
    this.failed.push({ topic, id });
    return Promise.resolve();
  }

  notifyWorker(id: string): void {
    this.notified.push(id);
  }

  offWork(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Delivery in batches (issue 10: the outbox delivered about 0.5 message a
 * second): a worker takes up to OUTBOX_BATCH_SIZE messages and delivers
 * them at once; one that fails is failed alone, for its own retry, while
 * the others of the batch are delivered; a full batch asks for the next at
 * once rather than after the polling interval.
 */
describe('outbox delivery in batches', () => {
  let db: TestDatabase;
  const boss = new RecordingBoss();
  const calls: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const handler: DeliveryHandler = async (payload) => {
      calls.push(String(payload.n));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (payload.n === 2) throw new Error('the system is down for this one');
      return {};
    };
    const delivery = new OutboxDelivery(boss as unknown as PgBoss, {
      database: db.database,
      config: { enabled: true, retryLimit: 3, retryDelaySeconds: 1, expireSeconds: 60, pollSeconds: 1, batchSize: 3 },
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
    });
    delivery.register('test.topic', handler);
    await delivery.start();
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function messages(n: number): Promise<OutboxMessage[]> {
    const em = db.database.fork();
    const rows = Array.from({ length: n }, (_, i) => em.create(OutboxMessage, { topic: 'test.topic', payload: { n: i + 1 }, idempotencyKey: `k-${i + 1}-${Math.random()}` }));
    await em.flush();
    return rows;
  }

  const jobsOf = (rows: OutboxMessage[]): Array<PgBoss.Job<OutboxJob>> => rows.map((row) => ({ id: `job-${row.id}`, name: 'test.topic', data: { messageId: row.id } }) as PgBoss.Job<OutboxJob>);

  it('delivers a batch at once; the one that fails is failed alone and stays pending; a full batch asks for the next', async () => {
    const rows = await messages(3);
    await boss.handlers.get('test.topic')!(jobsOf(rows));
    expect(calls.sort()).toEqual(['1', '2', '3']);
    const after = await db.database.fork().find(OutboxMessage, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'asc' } });
    const byN = new Map(after.map((m) => [Number(m.payload.n), m]));
    expect([byN.get(1)?.status, byN.get(2)?.status, byN.get(3)?.status]).toEqual([OutboxStatus.DELIVERED, OutboxStatus.PENDING, OutboxStatus.DELIVERED]);
    expect(byN.get(2)?.lastError).toMatch(/down for this one/);
    expect(boss.failed).toEqual([{ topic: 'test.topic', id: `job-${byN.get(2)!.id}` }]);
    expect(boss.notified).toEqual(['worker-test.topic']);
  });

  it('a batch smaller than the batch size waits for the polling interval (the queue is drained)', async () => {
    boss.notified.length = 0;
    await boss.handlers.get('test.topic')!(jobsOf(await messages(1)));
    expect(boss.notified).toEqual([]);
  });
});
