import { Field, Float, Int, ObjectType } from 'type-graphql';

/** Service-quality figures (Decision 766 definitions, DOMAIN.md §6). Rates are 0–1, null when nothing counts. */
@ObjectType({ description: 'Service-quality figures for a period (Decision 766 definitions); rates are 0-1, null when there is nothing to count' })
export class ServiceStats {
  @Field(() => Int, { description: 'Dossiers received in the period (national statuses 2 and 4-10)' })
  received!: number;

  @Field(() => Int, { description: 'Dossiers whose processing finished in the period' })
  finished!: number;

  @Field(() => Int, { description: 'Of those, finished on or before the due date' })
  finishedOnTime!: number;

  @Field(() => Int, { description: 'Open dossiers past their due time at the end of the period' })
  overdueOpen!: number;

  @Field(() => Float, { nullable: true })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of dossiers of online-capable procedures that came online' })
  onlineRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of components digitised or reused' })
  digitizedRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of ratings that are satisfied or very satisfied' })
  satisfactionRate!: number | null;
}
