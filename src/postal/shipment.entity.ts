import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Dossier } from '../dossiers';

/** What a parcel carries. */
export enum ShipmentKind {
  /** The result, from the centre to the applicant (trả kết quả qua bưu chính). */
  DELIVERY = 'DELIVERY',
  /** The paper dossier, from the applicant to the centre (thu gom hồ sơ). */
  PICKUP = 'PICKUP',
}
registerEnumType(ShipmentKind, { name: 'ShipmentKind', description: 'DELIVERY: the result to the applicant; PICKUP: the paper dossier from the applicant to the centre' });

/** Where a parcel stands, as the hub knows it. */
export enum ShipmentStatus {
  /** Written with the move that asked for it; the order goes to the post through the outbox. */
  REQUESTED = 'REQUESTED',
  /** The post refused the order (its message in `error`): fix the address or phone, or return at the counter. */
  REFUSED = 'REFUSED',
  /** The post took the order: it has a tracking number. */
  ORDERED = 'ORDERED',
  PICKED_UP = 'PICKED_UP',
  IN_TRANSIT = 'IN_TRANSIT',
  DELIVERED = 'DELIVERED',
  /** Not delivered and carried back to the sender (chuyển hoàn). */
  RETURNED = 'RETURNED',
  LOST = 'LOST',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ShipmentStatus, { name: 'ShipmentStatus', description: 'Where a parcel stands, as the post last reported it' });

/** Still in the post's hands, or about to be: tracked, and the only ones a change of return method cancels. */
export const ACTIVE_SHIPMENT: readonly ShipmentStatus[] = [ShipmentStatus.REQUESTED, ShipmentStatus.ORDERED, ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT];
/** The parcel has left the sender: too late to cancel. */
export const LEFT_SENDER: readonly ShipmentStatus[] = [ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED, ShipmentStatus.RETURNED, ShipmentStatus.LOST];

@ObjectType('ShipmentEvent', { description: 'An event of a parcel as the post reported it' })
export class ShipmentEvent {
  @Field(() => String, { description: "The post's own status code" })
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

/** One event as stored (jsonb): times as ISO text. */
export interface StoredEvent {
  code: string;
  kind: string;
  label: string;
  at: string;
  note: string | null;
}

/**
 * A parcel of a dossier carried by the public postal service: its order
 * number (unique, from the dossier code), the post's tracking number and
 * fee once ordered, where it goes, what the post collects on delivery, and
 * every event the post reported (by callback or tracking).
 */
@ObjectType('PostalShipment', { description: "A parcel of the dossier carried by the public postal service: the result going home, or the paper dossier collected" })
@Entity({ tableName: 'postal_shipment' })
@Index({ properties: ['status'] })
export class PostalShipment {
  [OptionalProps]?: 'status' | 'itemCode' | 'fee' | 'orderedAt' | 'pickedUpAt' | 'finishedAt' | 'lastEventAt' | 'events' | 'error' | 'flag' | 'codCollected' | 'cancelRequested';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  @Field(() => ShipmentKind)
  @Enum({ items: () => ShipmentKind, type: 'string' })
  kind!: ShipmentKind;

  @Field(() => String, { description: 'The order number the post knows it by (OrderNumber)' })
  @Property({ type: 'string', length: 80, unique: true })
  orderNumber!: string;

  @Field(() => ShipmentStatus)
  @Enum({ items: () => ShipmentStatus, type: 'string' })
  status: ShipmentStatus = ShipmentStatus.REQUESTED;

  @Field(() => String, { nullable: true, description: "The post's tracking number (số hiệu bưu gửi), once the order is taken" })
  @Property({ type: 'string', length: 40, nullable: true, unique: true })
  itemCode: string | null = null;

  @Field(() => Int, { nullable: true, description: 'The postal fee (cước), whole VND, once the order is taken' })
  @Property({ type: 'integer', nullable: true })
  fee: number | null = null;

  @Field(() => Int, { description: 'What the post collects from the receiver on delivery (thu hộ): what the dossier owed when the result left, whole VND' })
  @Property({ type: 'integer' })
  codAmount!: number;

  @Field(() => Int, { nullable: true, description: 'What the post reports it collected on delivery' })
  @Property({ type: 'integer', nullable: true })
  codCollected: number | null = null;

  @Field(() => String, { description: 'Where the parcel is taken from (the applicant, for a pickup)' })
  @Property({ type: 'text' })
  fromAddress!: string;

  @Field(() => String, { description: 'Where the parcel goes (the applicant, for a delivery)' })
  @Property({ type: 'text' })
  toAddress!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  orderedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  pickedUpAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Delivered, returned, lost or cancelled' })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the post last reported something of it' })
  @Property({ type: 'datetime', nullable: true })
  lastEventAt: Date | null = null;

  @Property({ type: 'json' })
  events: StoredEvent[] = [];

  /** A cancellation was asked (the return method changed) and has not been answered yet. */
  @Property({ type: 'boolean' })
  cancelRequested: boolean = false;

  @Field(() => String, { nullable: true, description: 'Why the post refused the order or its cancellation' })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why supervisors must look (collected on delivery more or less than was owed)' })
  @Property({ type: 'text', nullable: true })
  flag: string | null = null;
}
