import { DecimalType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agency } from '../catalog';
import { TimeUnit } from '../catalog';
import { Dossier } from './dossier.entity';
import { DossierAction, DossierStatus } from './dossier.enums';

/** Where an inter-agency step stands. */
export enum StepStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  /** Will not run, or stopped half-way: the dossier was stopped, withdrawn or refused. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(StepStatus, { name: 'StepStatus' });

/** Where a supplement request stands. */
export enum SupplementStatus {
  /** Nothing brought yet. */
  OPEN = 'OPEN',
  /** Some items brought; the clock still stands. */
  PARTIAL = 'PARTIAL',
  /** Everything brought: processing goes on. */
  COMPLETE = 'COMPLETE',
  /** Never completed: the dossier was stopped or withdrawn. */
  ABANDONED = 'ABANDONED',
}
registerEnumType(SupplementStatus, { name: 'SupplementStatus', description: 'OPEN, PARTIAL (some items brought), COMPLETE, ABANDONED (stopped or withdrawn first)' });

/** One item a supplement request asks for. */
@ObjectType('SupplementItem')
export class SupplementItem {
  @Field(() => String, { nullable: true, description: "The procedure's component, when the item is one" })
  componentCode!: string | null;

  @Field(() => String, { description: 'What is asked, in words the applicant understands' })
  description!: string;
}

/**
 * A request to supplement the dossier (Phiếu yêu cầu bổ sung, hoàn thiện
 * hồ sơ): what is asked, why, by when, and how far it was answered.
 */
@ObjectType('SupplementRequest', { description: 'A request to supplement the dossier: the items asked, the reason, the deadline, and how far it was answered' })
@Entity({ tableName: 'dossier_supplement_request' })
export class SupplementRequest {
  [OptionalProps]?: 'status' | 'dueAt' | 'lastSuppliedAt' | 'completedAt' | 'suppliedCodes' | 'previousDueAt' | 'newDueAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  @Field(() => String)
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => [SupplementItem])
  @Property({ type: 'json' })
  items!: SupplementItem[];

  @Field(() => Date, { nullable: true, description: 'By when the applicant must bring them (ThoiHanBoSung)' })
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Field(() => String, { description: 'The officer who asked' })
  @Property({ type: 'string', length: 200 })
  requestedBy!: string;

  @Field(() => SupplementStatus)
  @Enum({ items: () => SupplementStatus, type: 'string' })
  status: SupplementStatus = SupplementStatus.OPEN;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastSuppliedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Field(() => [String], { description: 'Components brought in answer so far' })
  @Property({ type: 'json' })
  suppliedCodes: string[] = [];

  @Field(() => Date, { nullable: true, description: "The dossier's due time when the supplement was asked (NgayHenTraTruoc)" })
  @Property({ type: 'datetime', nullable: true })
  previousDueAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'The due time once the supplement was complete and the clock ran again (NgayHenTraMoi)' })
  @Property({ type: 'datetime', nullable: true })
  newDueAt: Date | null = null;
}

/**
 * What a history entry records: every `DossierAction` (derived, never
 * re-listed) plus the events that are not actions. The order of the keys is
 * the order of the GraphQL enum: intake first, then the actions, then the
 * rest.
 */
export const HistoryAction = {
  /** Filed online by the applicant, not yet received. */
  SUBMIT: 'SUBMIT',
  /** Received at the desk (or accepted from an online submission). */
  RECEIVE: 'RECEIVE',
  ...DossierAction,
  /** The hub checked a typed identity against the population database. */
  VERIFY_IDENTITY: 'VERIFY_IDENTITY',
  /** The step's department system took the dossier (its reference in the note). */
  SEND_TO_DEPARTMENT: 'SEND_TO_DEPARTMENT',
  /** A department system reported a status of its step (its own code in externalStatus). */
  DEPARTMENT_REPORT: 'DEPARTMENT_REPORT',
  /** The applicant or the counter changed how the result goes back (counter or post, the address). */
  CHANGE_RETURN_METHOD: 'CHANGE_RETURN_METHOD',
  /** The post took an order for the dossier (its tracking number and fee in the note). */
  POSTAL_ORDER: 'POSTAL_ORDER',
  /** The post reported a parcel of the dossier picked up, delivered, sent back or lost (its own code in externalStatus). */
  POSTAL_EVENT: 'POSTAL_EVENT',
  /** Days off or make-up days loaded for the calendar moved the due time (old and new in the note). */
  RECALCULATE_DUE: 'RECALCULATE_DUE',
} as const;
export type HistoryAction = (typeof HistoryAction)[keyof typeof HistoryAction];
registerEnumType(HistoryAction, { name: 'HistoryAction', description: 'What happened to a dossier: a DossierAction, or intake (SUBMIT, RECEIVE)' });

@ObjectType('StepDepartmentSync', { description: "A step as its department's own system has it" })
export class StepDepartmentSync {
  @Field(() => String, { description: 'The department system (connector name), e.g. so-nnmt' })
  system!: string;

  @Field(() => Boolean, { description: "The department's system has the dossier" })
  received!: boolean;

  @Field(() => String, { nullable: true, description: "Its own reference (receipt number) for the dossier" })
  reference!: string | null;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Its own status code, latest first" })
  status!: string | null;

  @Field(() => String, { nullable: true })
  statusLabel!: string | null;

  @Field(() => Date, { nullable: true })
  statusAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last exchange with the system about this step' })
  lastSyncAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last sending failed (it is retried); null once it went through' })
  error!: string | null;
}

/**
 * A step of the dossier's inter-agency processing (quá trình xử lý),
 * copied from the procedure at reception. It has its own agency and due
 * time; `externalReference` is the department system's own id once the
 * dossier reached it.
 */
@ObjectType('DossierStep', { description: "A step of the dossier's inter-agency processing" })
@Entity({ tableName: 'dossier_step' })
@Unique({ properties: ['dossier', 'order'] })
export class DossierStep {
  [OptionalProps]?:
    | 'status'
    | 'startedAt'
    | 'dueAt'
    | 'finishedAt'
    | 'externalReference'
    | 'timeAmount'
    | 'timeUnit'
    | 'departmentSystem'
    | 'sentAt'
    | 'externalStatus'
    | 'externalStatusLabel'
    | 'externalStatusAt'
    | 'externalRank'
    | 'lastSyncAt'
    | 'syncError';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade' })
  dossier!: Ref<Dossier>;

  @Field(() => Int)
  @Property({ type: 'integer', fieldName: 'step_order' })
  order!: number;

  @ManyToOne(() => Agency, { ref: true })
  agency!: Ref<Agency>;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  /** The step's own time, copied from the procedure; null when the source gives none. */
  @Property({ type: new DecimalType('number'), precision: 8, scale: 2, nullable: true })
  timeAmount: number | null = null;

  @Enum({ items: () => TimeUnit, type: 'string', nullable: true })
  timeUnit: TimeUnit | null = null;

  @Field(() => StepStatus)
  @Enum({ items: () => StepStatus, type: 'string' })
  status: StepStatus = StepStatus.PENDING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "The step's own due time" })
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The department system's own reference, once it has the dossier" })
  @Property({ type: 'string', length: 200, nullable: true })
  externalReference: string | null = null;

  /** The department system (connector instance) the step was sent to, when its agency has one. */
  @Property({ type: 'string', length: 40, nullable: true })
  departmentSystem: string | null = null;

  /** When the department's system took the dossier. */
  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  /** The department's own status code, from its latest report applied or recorded in order. */
  @Property({ type: 'string', length: 100, nullable: true })
  externalStatus: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  externalStatusLabel: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  externalStatusAt: Date | null = null;

  /** The rank of that status (received 1, processing 2, done or returned 3): a report never moves a step back. */
  @Property({ type: 'integer', default: 0 })
  externalRank: number = 0;

  /** The last exchange about this step with the department's system, successful or not. */
  @Property({ type: 'datetime', nullable: true })
  lastSyncAt: Date | null = null;

  /** Why the last sending failed, in the hub's words (or the department's refusal); null once it went through. */
  @Property({ type: 'text', nullable: true })
  syncError: string | null = null;

  @Field(() => StepDepartmentSync, { nullable: true, description: "Where the step stands with its department's own system; null when the step's agency has none" })
  get departmentSync(): StepDepartmentSync | null {
    if (this.departmentSystem === null) return null;
    return {
      system: this.departmentSystem,
      received: this.sentAt !== null,
      reference: this.externalReference,
      sentAt: this.sentAt,
      status: this.externalStatus,
      statusLabel: this.externalStatusLabel,
      statusAt: this.externalStatusAt,
      lastSyncAt: this.lastSyncAt,
      error: this.syncError,
    };
  }
}

/** One move of a dossier, written in the same transaction as the move. Never updated. */
@ObjectType('HistoryEntry', { description: 'One move of the dossier, with who made it and when' })
@Entity({ tableName: 'dossier_history' })
@Index({ properties: ['dossier', 'at'] })
export class DossierHistory {
  [OptionalProps]?: 'note' | 'fromStatus' | 'agency' | 'actorId' | 'chainSeq' | 'prevHash' | 'hash' | 'externalStatus';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade' })
  dossier!: Ref<Dossier>;

  @Field(() => HistoryAction)
  @Enum({ items: () => HistoryAction, type: 'string' })
  action!: HistoryAction;

  @Field(() => DossierStatus, { nullable: true })
  @Enum({ items: () => DossierStatus, type: 'string', nullable: true })
  fromStatus: DossierStatus | null = null;

  @Field(() => DossierStatus)
  @Enum({ items: () => DossierStatus, type: 'string' })
  toStatus!: DossierStatus;

  @Field(() => String, { description: 'Who acted: the name on their token, or the system' })
  @Property({ type: 'string', length: 200 })
  actor!: string;

  /** The token's `sub` (or a system's name). */
  @Property({ type: 'string', length: 200, nullable: true })
  actorId: string | null = null;

  /** The agency the actor acted for; null for citizens and systems. */
  @ManyToOne(() => Agency, { ref: true, nullable: true })
  agency: Ref<Agency> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => String, { nullable: true, description: "A department system's own status code, beside ours, when the entry comes from its report" })
  @Property({ type: 'string', length: 100, nullable: true })
  externalStatus: string | null = null;

  /** The tamper-evident chain (src/audit): set by a database trigger at insert, never by the hub; bigint, read back as a string. */
  @Property({ type: 'bigint', nullable: true })
  chainSeq?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  prevHash?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  hash?: string | null;
}

/** An apology letter with a new appointment (Văn bản xin lỗi và đề nghị gia hạn, Mẫu 04). */
@ObjectType('Apology', { description: 'An apology letter and new appointment (Văn bản xin lỗi và hẹn lại ngày trả kết quả)' })
@Entity({ tableName: 'dossier_apology' })
export class Apology {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  previousDueAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  newDueAt!: Date;

  @Field(() => String)
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: 'The officer or supervisor who issued it' })
  @Property({ type: 'string', length: 200 })
  officer!: string;

  @Property({ type: 'string', length: 200 })
  officerId!: string;

  @ManyToOne(() => Agency, { ref: true, nullable: true })
  agency: Ref<Agency> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  issuedAt!: Date;
}

/** The applicant's rating of a finished dossier; one per dossier. */
@Entity({ tableName: 'dossier_rating' })
export class DossierRating {
  [OptionalProps]?: 'comment';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', unique: true })
  dossier!: Ref<Dossier>;

  @Property({ type: 'string', length: 20 })
  rating!: string;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'datetime' })
  ratedAt!: Date;
}

/**
 * A dossier found past its due time by the overdue job, once per due time
 * (an extension gives a new due time, which may pass again). Kept for the
 * notifications to come.
 */
@Entity({ tableName: 'dossier_overdue_event' })
@Unique({ properties: ['dossier', 'dueAt'] })
export class OverdueEvent {
  [OptionalProps]?: 'notifiedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade' })
  dossier!: Ref<Dossier>;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime' })
  detectedAt!: Date;

  /** Set by the notification sender, when there is one. */
  @Property({ type: 'datetime', nullable: true })
  notifiedAt: Date | null = null;
}

/**
 * An opinion asked of another agency (xin ý kiến) by the agency at work on
 * the dossier: several are asked in parallel and the step waits for all of
 * them; the consulted agency's officers see the dossier until they answer.
 */
@ObjectType('Consultation', { description: "An opinion asked of another agency about the dossier; the step waits for every one" })
@Entity({ tableName: 'dossier_consultation' })
@Index({ properties: ['agency', 'answeredAt'] })
export class Consultation {
  [OptionalProps]?: 'dueAt' | 'answeredAt' | 'answer' | 'answeredBy';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  /** The agency asked (GraphQL: a field resolver). */
  @ManyToOne(() => Agency, { ref: true })
  agency!: Ref<Agency>;

  @ManyToOne(() => Agency, { ref: true })
  askedBy!: Ref<Agency>;

  @Field(() => String, { description: 'What is asked' })
  @Property({ type: 'text' })
  question!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Field(() => String, { description: 'The officer who asked' })
  @Property({ type: 'string', length: 200 })
  requestedBy!: string;

  @Field(() => Date, { nullable: true, description: 'By when the opinion is expected' })
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The agency's opinion" })
  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  answeredBy: string | null = null;
}
