import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { CalendarDayKind } from './catalog.enums';

/**
 * An exception to the Monday–Friday week, loaded by an administrator from
 * the government's yearly announcements: a weekday off, or a make-up
 * working Saturday. Never computed.
 */
@ObjectType({ description: 'A public holiday, official day off, or make-up working day' })
@Entity({ tableName: 'calendar_day' })
export class CalendarDay {
  [OptionalProps]?: 'source' | 'verified';

  /** Local date, YYYY-MM-DD. */
  @Field(() => String, { description: 'Local date, YYYY-MM-DD' })
  @PrimaryKey({ type: 'string', length: 10 })
  date!: string;

  @Field(() => CalendarDayKind)
  @Enum({ items: () => CalendarDayKind, type: 'string' })
  kind!: CalendarDayKind;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The official notice (and where it was read) the day comes from. */
  @Field(() => String, { name: 'notice', nullable: true, description: 'The official notice the day comes from, and where it was read' })
  @Property({ type: 'text', nullable: true })
  source: string | null = null;

  /** Read in the official notice itself (confidence "source"); false: only reported by a secondary source, to be checked. */
  @Field(() => Boolean, { description: 'Read in the official notice itself; false: only a secondary source reports it, to be checked against the notice' })
  @Property({ type: 'boolean' })
  verified: boolean = false;
}
