import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Channel, TimeUnit } from './catalog.enums';
import { Procedure } from './procedure.entity';

/** A channel's processing time in a version. */
@ObjectType('ProcedureVersionTime', { description: 'The processing time through one channel, as the version had it' })
export class VersionTime {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Float, { nullable: true })
  amount!: number | null;

  @Field(() => TimeUnit, { nullable: true })
  unit!: TimeUnit | null;
}

/** A fee in a version, whole VND. */
@ObjectType('ProcedureVersionFee', { description: 'A fee of one channel, as the version had it (whole VND)' })
export class VersionFee {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  amount!: number;
}

/**
 * What a procedure was from one moment on: its name, field, processing
 * times and fees. A new version is written whenever any of them changes
 * (a catalogue load, the national catalogue's sync), and a dossier keeps
 * the version in force when it was received: its receipt, its record at
 * the national portal and what it shows stay as they were.
 */
@ObjectType({ description: 'A procedure as it stood from one moment on (name, field, times, fees): a dossier keeps the version in force at its receipt' })
@Entity({ tableName: 'procedure_version' })
@Unique({ properties: ['procedure', 'version'] })
export class ProcedureVersion {
  [OptionalProps]?: 'fieldCode' | 'change';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Procedure, { ref: true, deleteRule: 'cascade' })
  procedure!: Ref<Procedure>;

  @Field(() => Int, { description: '1, 2, …' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  field!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  fieldCode: string | null = null;

  @Field(() => [VersionTime])
  @Property({ type: 'json' })
  times!: VersionTime[];

  @Field(() => [VersionFee])
  @Property({ type: 'json' })
  fees!: VersionFee[];

  @Field(() => Date, { description: 'When it came into force in the hub' })
  @Property({ type: 'datetime' })
  validFrom!: Date;

  @Field(() => String, { nullable: true, description: 'What changed from the version before, and where the change came from' })
  @Property({ type: 'text', nullable: true })
  change: string | null = null;

  /** Everything a version holds but its number, time and note: equal terms, same version. */
  static termsOf(v: Pick<ProcedureVersion, 'name' | 'field' | 'fieldCode' | 'times' | 'fees'>): string {
    const times = [...v.times].sort((a, b) => a.channel.localeCompare(b.channel)).map((t) => [t.channel, t.amount, t.unit]);
    const fees = [...v.fees].sort((a, b) => a.channel.localeCompare(b.channel) || a.code.localeCompare(b.code)).map((f) => [f.channel, f.code, f.name, f.amount]);
    return JSON.stringify([v.name, v.field, v.fieldCode, times, fees]);
  }
}
