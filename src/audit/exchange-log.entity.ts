import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { ExchangeOutcome } from '../integration';

export type ExchangeDirection = 'OUT' | 'IN';

/**
 * One message between the hub and an outside system (OUT: the hub's
 * request, IN: the answer), chained by hash with the one before it. The
 * body is never stored (it carries personal data): its size and SHA-256
 * are. Append-only; `chainSeq`, `prevHash` and `hash` are set by a database
 * trigger (Migration20261201120000_audit_chain), whatever the insert says.
 */
@Entity({ tableName: 'exchange_log' })
@Index({ properties: ['at'] })
@Index({ properties: ['requestId'] })
@Index({ properties: ['system', 'outcome', 'at'] })
export class ExchangeLogEntry {
  [OptionalProps]?: 'chainSeq' | 'prevHash' | 'hash' | 'httpStatus' | 'durationMs' | 'sizeBytes' | 'bodySha256' | 'requestId' | 'dossierCode';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Shared by the request and its answer. */
  @Property({ type: 'uuid' })
  exchangeId!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 40 })
  system!: string;

  @Property({ type: 'string', length: 500 })
  endpoint!: string;

  @Property({ type: 'string', length: 100 })
  operation!: string;

  @Enum({ items: ['OUT', 'IN'], type: 'string' })
  direction!: ExchangeDirection;

  @Enum({ items: ['OK', 'FAULT', 'CREDENTIALS_REFUSED', 'UNAVAILABLE', 'TIMEOUT', 'MALFORMED', 'TOO_LARGE'], type: 'string' })
  outcome!: ExchangeOutcome;

  @Property({ type: 'integer', nullable: true })
  httpStatus: number | null = null;

  /** From the request to the answer (or to the failure). */
  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @Property({ type: 'integer', nullable: true })
  sizeBytes: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  bodySha256: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  dossierCode: string | null = null;

  /** Set by the chain trigger (never by the hub); bigint, read back as a string. */
  @Property({ type: 'bigint' })
  chainSeq?: string;

  @Property({ type: 'string', length: 64 })
  prevHash?: string;

  @Property({ type: 'string', length: 64 })
  hash?: string;
}
