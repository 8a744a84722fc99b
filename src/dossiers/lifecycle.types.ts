import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DossierStatus } from './dossier.enums';
import { DossierAction } from './dossier.types';

/** Where an inter-agency step stands. */
export enum StepStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(StepStatus, { name: 'StepStatus' });

/** A step of the dossier's inter-agency processing (liên thông), with its own due time. */
@ObjectType('DossierStep', { description: "A step of the dossier's inter-agency processing" })
export class DossierStepView {
  @Field(() => Int)
  order!: number;

  @Field(() => StepStatus)
  status!: StepStatus;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The department system's own reference, once it has the dossier" })
  externalReference!: string | null;

  agencyId!: string;
}

/** An apology letter with a new appointment (Văn bản xin lỗi và hẹn lại ngày trả kết quả). */
@ObjectType('Apology', { description: 'An apology letter and new appointment (Văn bản xin lỗi và hẹn lại ngày trả kết quả)' })
export class ApologyView {
  @Field(() => Date)
  previousDueAt!: Date;

  @Field(() => Date)
  newDueAt!: Date;

  @Field(() => String)
  reason!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => String, { description: 'The officer who issued it' })
  officer!: string;
}

/** One entry of the dossier's history. */
@ObjectType('HistoryEntry', { description: 'One move of the dossier, with who made it and when' })
export class HistoryEntryView {
  @Field(() => DossierAction)
  action!: DossierAction;

  @Field(() => DossierStatus, { nullable: true })
  fromStatus!: DossierStatus | null;

  @Field(() => DossierStatus)
  toStatus!: DossierStatus;

  @Field(() => String, { description: 'Who acted: an officer, a citizen, or a system' })
  actor!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  agencyId!: string | null;
}
