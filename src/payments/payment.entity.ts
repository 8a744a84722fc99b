import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Dossier } from '../dossiers';
import { PaymentStatus } from './payment.types';

/**
 * One payment started on the national payment platform for a dossier:
 * its reference (MaThamChieu), the amount asked, where it stands, and the
 * platform's transaction once it is settled. At most one PENDING per
 * dossier (the dossier's row lock serialises starts).
 */
@Entity({ tableName: 'payment' })
@Index({ properties: ['dossier', 'status'] })
export class PaymentRecord {
  [OptionalProps]?: 'status' | 'checkoutUrl' | 'transactionId' | 'settledAt' | 'flag';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade' })
  dossier!: Ref<Dossier>;

  @Property({ type: 'string', length: 60, unique: true })
  reference!: string;

  @Property({ type: 'integer' })
  amount!: number;

  @Enum({ items: () => PaymentStatus, type: 'string' })
  status: PaymentStatus = PaymentStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  checkoutUrl: string | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  transactionId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  settledAt: Date | null = null;

  /** Why supervisors must look (an amount that does not match). */
  @Property({ type: 'text', nullable: true })
  flag: string | null = null;
}
