import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { AgencyKind } from './catalog.enums';

/** An agency of the province: a department, the police, the centre, or an outside partner of inter-agency steps. */
@ObjectType({ description: 'An agency of the province (Sở, Công an tỉnh, the centre, or an inter-agency partner)' })
@Entity({ tableName: 'agency' })
export class Agency {
  [OptionalProps]?: 'identifierVerified' | 'note' | 'source' | 'shortName';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Electronic identifier (mã định danh, Decision 20/2020), the first part of dossier codes. */
  @Field(() => String, { description: 'Electronic identifier (mã định danh điện tử), e.g. 000.00.12.H56; the first part of dossier codes' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  shortName: string | null = null;

  @Field(() => AgencyKind)
  @Enum({ items: () => AgencyKind, type: 'string' })
  kind!: AgencyKind;

  @Field(() => Boolean, { description: 'False while the identifier is a placeholder not yet confirmed against the national list' })
  @Property({ type: 'boolean' })
  identifierVerified: boolean = false;

  @Property({ type: 'text', nullable: true })
  source: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
