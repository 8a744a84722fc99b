import { DecimalType, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Agency } from './agency.entity';
import { Channel, ComponentUse, TimeUnit } from './catalog.enums';
import { Procedure } from './procedure.entity';

/** How long a procedure or a step takes. */
@ObjectType({ description: 'A processing time: an amount of working days, working hours, calendar days or months' })
export class ProcessingTime {
  @Field(() => Float, { description: 'Working days and hours may be fractional, as the national catalogue gives them (7.5, 6.25); days and months are whole' })
  amount!: number;

  @Field(() => TimeUnit)
  unit!: TimeUnit;
}

/** What a procedure takes through one channel: its processing time and free text about fees. */
@Entity({ tableName: 'procedure_channel' })
@Unique({ properties: ['procedure', 'channel'] })
export class ProcedureChannel {
  [OptionalProps]?: 'timeAmount' | 'timeUnit' | 'feeText' | 'feesKnown';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Procedure, { ref: true, deleteRule: 'cascade' })
  procedure!: Ref<Procedure>;

  @Enum({ items: () => Channel, type: 'string' })
  channel!: Channel;

  /** Null where no source gives the time. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  timeAmount: number | null = null;

  @Enum({ items: () => TimeUnit, type: 'string', nullable: true })
  timeUnit: TimeUnit | null = null;

  @Property({ type: 'text', nullable: true })
  feeText: string | null = null;

  /** False where no source gives this channel's fees (an empty list then means "unknown", not "free"). */
  @Property({ type: 'boolean' })
  feesKnown: boolean = true;
}

/** A fee or charge of a procedure for one channel, in whole VND. */
@ObjectType({ description: 'A fee (phí, lệ phí) in whole VND' })
@Entity({ tableName: 'procedure_fee' })
@Unique({ properties: ['procedure', 'channel', 'code'] })
export class ProcedureFee {
  [OptionalProps]?: 'isDefault' | 'note';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Procedure, { ref: true, deleteRule: 'cascade' })
  procedure!: Ref<Procedure>;

  @Field(() => Channel)
  @Enum({ items: () => Channel, type: 'string' })
  channel!: Channel;

  @Field(() => String)
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: 'Amount in VND' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => Boolean, { description: 'True when every dossier of the channel owes it; false when it depends on the case' })
  @Property({ type: 'boolean' })
  isDefault: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

/** A document a dossier of the procedure contains (thành phần hồ sơ). */
@ObjectType({ description: 'A dossier component (thành phần hồ sơ) the procedure asks for' })
@Entity({ tableName: 'procedure_component' })
@Unique({ properties: ['procedure', 'code'] })
export class ProcedureComponent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Procedure, { ref: true, deleteRule: 'cascade' })
  procedure!: Ref<Procedure>;

  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Boolean, { description: 'Required: itself, or (with an alternativeGroup) one of its group' })
  @Property({ type: 'boolean' })
  required!: boolean;

  @Field(() => ComponentUse)
  @Enum({ items: () => ComponentUse, type: 'string' })
  use: ComponentUse = ComponentUse.FILE;

  @Field(() => String, { nullable: true, description: 'Components of one group are alternatives: one of them is enough (e.g. forms 9, 9a, 9b)' })
  @Property({ type: 'string', length: 40, nullable: true })
  alternativeGroup: string | null = null;

  @Property({ type: 'integer' })
  position!: number;
}

/** One step of the procedure's inter-agency processing (liên thông), with its own agency and time. */
@ObjectType({ description: 'A step of inter-agency processing (liên thông)' })
@Entity({ tableName: 'procedure_step' })
@Unique({ properties: ['procedure', 'order'] })
export class ProcedureStep {
  [OptionalProps]?: 'timeAmount' | 'timeUnit';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Procedure, { ref: true, deleteRule: 'cascade' })
  procedure!: Ref<Procedure>;

  @Field(() => Int)
  @Property({ type: 'integer', fieldName: 'step_order' })
  order!: number;

  @ManyToOne(() => Agency, { ref: true })
  agency!: Ref<Agency>;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  timeAmount: number | null = null;

  @Enum({ items: () => TimeUnit, type: 'string', nullable: true })
  timeUnit: TimeUnit | null = null;
}
