import { Arg, Ctx, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType } from '../graphql/pagination';
import type { Connection } from '../shared/pagination';
import { CitizenAccessLog } from './access-log.entity';
import { Citizen } from './citizen.types';

export const AccessLogConnection = ConnectionType(CitizenAccessLog, 'CitizenAccessLog');

@InputType()
export class AccessLogFilter {
  @Field(() => String, { nullable: true })
  personalId?: string | null;

  @Field(() => String, { nullable: true })
  agencyCode?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@Resolver()
export class CitizenResolver {
  @Query(() => Citizen, {
    nullable: true,
    description:
      'Identity data from the population database, for officers; `purpose` is required and every call is logged. Null when the database has no such citizen. Without `consentToken` (the one-time code the citizen received) the lookup rests on the officer\'s statutory task, stated in `purpose`',
  })
  async citizen(
    @Ctx() ctx: HubContext,
    @Arg('personalId', () => String) personalId: string,
    @Arg('purpose', () => String) purpose: string,
    @Arg('consentToken', () => String, { nullable: true }) consentToken: string | null,
    @Arg('dossierCode', () => String, { nullable: true }) dossierCode: string | null,
  ): Promise<Citizen | null> {
    const record = await ctx.services.citizenLookup.lookup(personalId, purpose, consentToken, dossierCode);
    return record ? Citizen.from(record) : null;
  }

  @Query(() => AccessLogConnection, { description: 'Who read which citizen\'s record, when and why (append-only); supervisors only, newest first' })
  citizenAccessLog(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter: AccessLogFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<CitizenAccessLog>> {
    return ctx.services.accessLog.list(filter, first, after);
  }
}
