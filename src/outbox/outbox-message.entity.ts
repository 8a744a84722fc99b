import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

export enum OutboxStatus {
  /** Waiting for delivery, or between attempts. */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Every attempt failed, or the failure cannot be retried: on the dead-letter list until a supervisor replays it. */
  DEAD = 'DEAD',
}
registerEnumType(OutboxStatus, { name: 'OutboxStatus' });

/**
 * A call to an outside system, recorded in the same transaction as the
 * change that causes it and delivered by the job queue (pg-boss). The
 * idempotency key goes with every attempt, so that a repeat is harmless.
 */
/** Payload keys whose values are secrets of the citizen or of a system (an OTP stays usable until it expires). */
const SECRET_KEYS = new Set(['consentToken', 'otp', 'password', 'secret', 'token']);

function maskSecrets(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, SECRET_KEYS.has(key) ? '[masked]' : value]));
}

@ObjectType({ description: 'A call to an outside system, recorded with the change that causes it and delivered with retries' })
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['status', 'createdAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'status' | 'attempts' | 'lastError' | 'deliveredAt' | 'deadAt' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Which delivery handler takes it, e.g. population.verify-identity. */
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** What supervisors see of the payload: consent codes and other secrets masked. */
  @Field(() => GraphQLJSON, { name: 'payload' })
  get shownPayload(): Record<string, unknown> {
    return maskSecrets(this.payload);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 200, unique: true })
  idempotencyKey!: string;

  @Field(() => OutboxStatus)
  @Enum({ items: () => OutboxStatus, type: 'string' })
  status: OutboxStatus = OutboxStatus.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deadAt: Date | null = null;
}
