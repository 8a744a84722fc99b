import { Entity, Enum, Index, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Where a department's pull stands: the cursor advances only with what was applied (or recorded as refused), in the same transaction. */
@Entity({ tableName: 'department_cursor' })
export class DepartmentCursor {
  [OptionalProps]?: 'cursor' | 'lastPullAt' | 'lastPullError' | 'lastPullOkAt' | 'leaseUntil';

  /** The connector instance, e.g. "so-nnmt". */
  @PrimaryKey({ type: 'string', length: 40 })
  instance!: string;

  /** What to ask from next; null: from the beginning. */
  @Property({ type: 'string', length: 200, nullable: true })
  cursor: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastPullAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastPullOkAt: Date | null = null;

  /** The last pull's failure, in the hub's words (an UpstreamError's fixed text); null once a pull succeeds. */
  @Property({ type: 'text', nullable: true })
  lastPullError: string | null = null;

  /** A pull in progress holds the row until then (one process pulls a department at a time; a crashed run's lease expires). */
  @Property({ type: 'datetime', nullable: true })
  leaseUntil: Date | null = null;
}

/** What the hub did with a department's report. */
export enum ReportOutcome {
  /** It moved the step (completed it, or recorded a new status with a history entry). */
  APPLIED = 'APPLIED',
  /** Kept, changing nothing: late, out of order, or about a step already done (by hand). */
  RECORDED = 'RECORDED',
  /** Refused: unknown dossier, a step not at this department, an unmapped status, a result that cannot be stored. */
  REFUSED = 'REFUSED',
}
registerEnumType(ReportOutcome, { name: 'DepartmentReportOutcome' });

/** How a report reached the hub. */
export enum ReportChannel {
  PULL = 'PULL',
  PUSH = 'PUSH',
}
registerEnumType(ReportChannel, { name: 'DepartmentReportChannel' });

/**
 * Every report a department made, pulled or pushed, once (unique per
 * department and report key): a repeat finds its row and changes nothing.
 */
@ObjectType('DepartmentReport', { description: "A department system's report on a step, and what the hub did with it" })
@Entity({ tableName: 'department_report' })
@Unique({ properties: ['instance', 'reportKey'] })
@Index({ properties: ['dossierCode'] })
export class DepartmentReportRecord {
  [OptionalProps]?: 'stepId' | 'detail' | 'reference';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'The connector instance (department system) that reported' })
  @Property({ type: 'string', length: 40 })
  instance!: string;

  /** The department's id of the report, or a digest of its content. */
  @Property({ type: 'string', length: 200 })
  reportKey!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 60 })
  dossierCode!: string;

  @Property({ type: 'uuid', nullable: true })
  stepId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  reference: string | null = null;

  @Field(() => String, { description: "The department's own status code" })
  @Property({ type: 'string', length: 100 })
  status!: string;

  @Field(() => Date, { description: 'When the department says it happened' })
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Field(() => ReportChannel)
  @Enum({ items: () => ReportChannel, type: 'string' })
  channel!: ReportChannel;

  @Field(() => ReportOutcome)
  @Enum({ items: () => ReportOutcome, type: 'string' })
  outcome!: ReportOutcome;

  @Field(() => String, { nullable: true, description: 'Why it was recorded or refused' })
  @Property({ type: 'text', nullable: true })
  detail: string | null = null;
}
