import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CatalogueChangeKind {
  /** Listed by the national catalogue, not in the hub's (or retired there: applying reinstates it). */
  NEW = 'NEW',
  /** In the hub's catalogue, no longer listed nationally: applying retires it (no new dossier; those received go on). */
  RETIRED = 'RETIRED',
  RENAMED = 'RENAMED',
  /** A channel's processing time changed. */
  TIMES = 'TIMES',
  FEES = 'FEES',
}
registerEnumType(CatalogueChangeKind, { name: 'CatalogueChangeKind' });

/** One difference between the national catalogue and the hub's. */
@ObjectType({ description: "One difference between the national catalogue and the hub's" })
export class CatalogueChange {
  @Field(() => String)
  procedureCode!: string;

  @Field(() => CatalogueChangeKind)
  kind!: CatalogueChangeKind;

  @Field(() => String, { description: "The procedure's name (the national one for a new procedure)" })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the hub has' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'What the national catalogue says' })
  after!: string | null;

  @Field(() => Boolean, { description: 'Applying this review applies it; false: shown only (the note says what to do)' })
  applicable!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

/**
 * A comparison of the national catalogue (LayDanhSachTTHC, LayThuTuc) with
 * the hub's, kept so that supervisors see what changed before anything is
 * applied, and apply exactly what they saw: the version each procedure had
 * at the comparison is kept, and applying refuses once one moved since.
 */
@ObjectType({ description: "A comparison of the national catalogue with the hub's: what changed, applied only on a supervisor's word" })
@Entity({ tableName: 'catalogue_review' })
@Index({ properties: ['checkedAt'] })
export class CatalogueReview {
  [OptionalProps]?: 'appliedAt' | 'appliedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Date)
  @Property({ type: 'datetime' })
  checkedAt!: Date;

  @Field(() => Int, { description: 'Procedures the national catalogue listed for the province' })
  @Property({ type: 'integer' })
  nationalCount!: number;

  @Field(() => [CatalogueChange])
  @Property({ type: 'json' })
  changes!: CatalogueChange[];

  /** Each procedure's version at the comparison (code → version): applying refuses when one moved. */
  @Property({ type: 'json' })
  basis!: Record<string, number>;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  appliedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Who applied it' })
  @Property({ type: 'string', length: 200, nullable: true })
  appliedBy: string | null = null;
}
