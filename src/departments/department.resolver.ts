import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { DepartmentReportRecord } from './department-sync.entity';

@ObjectType({ description: "A department's own system as the hub sees it: health, what waits to be sent, where pulling stands" })
export class DepartmentSystemStatus {
  @Field(() => String, { description: 'The connector name, e.g. so-nnmt' })
  name!: string;

  @Field(() => String)
  system!: string;

  @Field(() => String)
  agencyCode!: string;

  @Field(() => String)
  agencyName!: string;

  @Field(() => String, { nullable: true, description: 'When the hub asks it for changes (cron, local time); null: it does not get pulled' })
  pullSchedule!: string | null;

  @Field(() => Boolean, { description: "It reports to the hub's SOAP endpoint" })
  pushes!: boolean;

  @Field(() => String, { nullable: true, description: 'Where the next pull starts' })
  cursor!: string | null;

  @Field(() => Date, { nullable: true })
  lastPullAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastPullOkAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastPullError!: string | null;

  @Field(() => Int, { description: 'Dossiers waiting to be sent to it (outbox, retried)' })
  backlog!: number;

  @Field(() => Int, { description: 'Sendings it refused or that ran out of retries (dead-letter list)' })
  deadLetters!: number;

  @Field(() => Date, { nullable: true })
  lastReportAt!: Date | null;

  @Field(() => Int, { description: 'Reports the hub refused (unknown dossier, another department, unmapped status)' })
  reportsRefused!: number;

  @Field(() => Boolean, { description: 'Its last health check succeeded' })
  ok!: boolean;

  @Field(() => String, { description: 'closed, open or half-open' })
  breaker!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date, { nullable: true })
  checkedAt!: Date | null;
}

/** Supervisors watch the departments' systems; officers see what a department reported on a dossier. */
@Resolver()
export class DepartmentResolver {
  @Query(() => [DepartmentSystemStatus], { description: "Each department's own system: health, breaker, backlog, pull cursor; supervisors only" })
  departmentSystems(@Ctx() ctx: HubContext): Promise<DepartmentSystemStatus[]> {
    return ctx.services.departments.systems();
  }

  @Query(() => [DepartmentReportRecord], { description: 'What department systems reported on a dossier, newest first, and what the hub did with each; officers and supervisors who may see the dossier' })
  departmentReports(@Ctx() ctx: HubContext, @Arg('dossierCode', () => String) dossierCode: string): Promise<DepartmentReportRecord[]> {
    return ctx.services.departments.reports(dossierCode);
  }
}
