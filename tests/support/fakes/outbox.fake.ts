import type { EntityManager } from '@mikro-orm/postgresql';
import type { Outbox, OutgoingMessage } from '../../../src/outbox/outbox';
import { OutboxMessage, OutboxStatus } from '../../../src/outbox/outbox-message.entity';

/** An outbox that records messages in the caller's transaction but schedules no job (service-level tests). */
export class RecordingOutbox implements Outbox {
  async enqueue(tx: EntityManager, message: OutgoingMessage): Promise<OutboxMessage> {
    const row = tx.create(OutboxMessage, message);
    await tx.flush();
    return row;
  }

  async replay(tx: EntityManager, message: OutboxMessage): Promise<void> {
    message.status = OutboxStatus.PENDING;
    await tx.flush();
  }
}
