import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Channel } from '../catalog';

/** Which dossiers an agency's figures count. */
export enum StatsAgencyRole {
  /** The dossiers it received (its one-stop counter). */
  RECEIVING = 'RECEIVING',
  /** The dossiers it is responsible for: of its procedures, or with a step at it (a department that processes what the centre received). */
  RESPONSIBLE = 'RESPONSIBLE',
}
registerEnumType(StatsAgencyRole, { name: 'StatsAgencyRole', description: "RECEIVING: the dossiers the agency received; RESPONSIBLE: those of its procedures or with a step at it" });

@ObjectType({ description: 'Dossiers received in the period through one channel' })
export class ChannelCount {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Int)
  count!: number;
}

/** Service-quality figures (Decision 766 definitions, DOMAIN.md §6). Rates are 0–1, null when nothing counts. */
@ObjectType({ description: 'Service-quality figures for a period (Decision 766 definitions); rates are 0-1, null when there is nothing to count' })
export class ServiceStats {
  @Field(() => Int, { description: 'Dossiers received in the period (national statuses 2 and 4-10)' })
  received!: number;

  @Field(() => Int, { description: 'Dossiers whose processing finished in the period' })
  finished!: number;

  @Field(() => Int, { description: 'Of those, finished no later than their due time (the same rule as overdue: exact times, the clock stopped while paused)' })
  finishedOnTime!: number;

  @Field(() => Int, { description: 'Open dossiers past their due time at the end of the period' })
  overdueOpen!: number;

  @Field(() => Float, { nullable: true, description: 'finishedOnTime / finished' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: "Decision 766's progress: finished on time / received in the period" })
  progressRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of dossiers of online-capable procedures that came online' })
  onlineRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Of the components of dossiers received, the share held as digital documents (uploaded or reused)' })
  digitizedRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Of the components of dossiers received, the share reused from documents already held (not filed again)' })
  reuseRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Of the dossiers finished, the share whose result is a digital document or whose procedure has no result document' })
  resultsDigitizedRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of ratings that are satisfied or very satisfied' })
  satisfactionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Of the dossiers received with a fee to pay (not waived), the share paid online through the national payment platform (Decision 766, online payment)' })
  onlinePaymentRate!: number | null;

  @Field(() => [ChannelCount], { description: 'The dossiers received, by channel (counter, online, post): they add up to received' })
  receivedByChannel!: ChannelCount[];
}
