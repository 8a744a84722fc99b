import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ErrorCode, UserError } from '../errors';
import type { HubContext } from '../graphql/context';
import { ConnectionType } from '../graphql/pagination';
import type { Connection } from '../shared/pagination';
import { DateScalar } from '../graphql/scalars';
import { required } from '../shared/required';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { Channel } from './catalog.enums';
import { Procedure } from './procedure.entity';
import { ProcedureComponent, ProcedureFee, ProcedureStep, ProcessingTime } from './procedure-parts.entity';

export const ProcedureConnection = ConnectionType(Procedure, 'Procedure');
export const AgencyConnection = ConnectionType(Agency, 'Agency');

/** What a procedure takes through one channel. */
@ObjectType({ description: 'Processing time and fees of a procedure through one channel' })
export class ProcedureChannelTerms {
  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ProcessingTime, { nullable: true, description: 'Null where no source gives the time' })
  processingTime!: ProcessingTime | null;

  @Field(() => [ProcedureFee])
  fees!: ProcedureFee[];

  @Field(() => Boolean, { description: 'False where no source gives the fees: an empty list then means unknown, not free' })
  feesKnown!: boolean;

  @Field(() => String, { nullable: true, description: 'The source\'s own words about fees, where amounts depend on the case' })
  feeText!: string | null;
}

const timeOf = (amount: number | null, unit: ProcessingTime['unit'] | null): ProcessingTime | null =>
  amount === null || unit === null ? null : { amount, unit };

@Resolver(() => Procedure)
export class ProcedureResolver {
  @Query(() => ProcedureConnection, {
    description: 'Procedure catalogue. `search` matches a code prefix or words of the name, ignoring case and Vietnamese diacritics',
  })
  procedures(
    @Ctx() ctx: HubContext,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<Procedure>> {
    return ctx.services.catalog.procedures({ search, agencyCode, first, after });
  }

  @Query(() => Procedure, { description: 'One procedure by national code; an unknown code is a NOT_FOUND error' })
  procedure(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<Procedure> {
    return ctx.services.catalog.procedureByCode(code);
  }

  @FieldResolver(() => Agency)
  async agency(@Root() procedure: Procedure, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(procedure.agency.id), 'agency');
  }

  @FieldResolver(() => ProcessingTime, {
    nullable: true,
    description: 'Processing time through `channel` (default COUNTER, or the first channel the procedure has); null where no source gives it',
  })
  async processingTime(
    @Root() procedure: Procedure,
    @Ctx() ctx: HubContext,
    @Arg('channel', () => Channel, { nullable: true }) channel: Channel | null,
  ): Promise<ProcessingTime | null> {
    const channels = await ctx.loaders.procedureChannels.load(procedure.id);
    const chosen = channels.find((c) => c.channel === (channel ?? Channel.COUNTER)) ?? (channel === null ? channels[0] : undefined);
    return chosen ? timeOf(chosen.timeAmount, chosen.timeUnit) : null;
  }

  @FieldResolver(() => [ProcedureFee], { description: 'Fees through `channel` (default COUNTER), in VND' })
  async fees(
    @Root() procedure: Procedure,
    @Ctx() ctx: HubContext,
    @Arg('channel', () => Channel, { nullable: true }) channel: Channel | null,
  ): Promise<ProcedureFee[]> {
    const fees = await ctx.loaders.procedureFees.load(procedure.id);
    return fees.filter((fee) => fee.channel === (channel ?? Channel.COUNTER));
  }

  @FieldResolver(() => [ProcedureChannelTerms], { description: 'Every channel the procedure is offered through, with its time and fees' })
  async channels(@Root() procedure: Procedure, @Ctx() ctx: HubContext): Promise<ProcedureChannelTerms[]> {
    const [channels, fees] = await Promise.all([
      ctx.loaders.procedureChannels.load(procedure.id),
      ctx.loaders.procedureFees.load(procedure.id),
    ]);
    return channels.map((c) => ({
      channel: c.channel,
      processingTime: timeOf(c.timeAmount, c.timeUnit),
      fees: fees.filter((fee) => fee.channel === c.channel),
      feesKnown: c.feesKnown,
      feeText: c.feeText,
    }));
  }

  @FieldResolver(() => [ProcedureComponent])
  components(@Root() procedure: Procedure, @Ctx() ctx: HubContext): Promise<ProcedureComponent[]> {
    return ctx.loaders.procedureComponents.load(procedure.id);
  }

  @FieldResolver(() => [ProcedureStep], { description: 'Inter-agency steps (liên thông) in order' })
  steps(@Root() procedure: Procedure, @Ctx() ctx: HubContext): Promise<ProcedureStep[]> {
    return ctx.loaders.procedureSteps.load(procedure.id);
  }
}

@Resolver(() => ProcedureStep)
export class ProcedureStepResolver {
  @FieldResolver(() => Agency)
  async agency(@Root() step: ProcedureStep, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(step.agency.id), 'agency');
  }

  @FieldResolver(() => ProcessingTime, { nullable: true })
  processingTime(@Root() step: ProcedureStep): ProcessingTime | null {
    return timeOf(step.timeAmount, step.timeUnit);
  }
}

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyConnection, { description: 'Agencies of the province, by code' })
  agencies(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<Agency>> {
    return ctx.services.catalog.agencies({ first, after });
  }

  @Query(() => Agency, { description: 'One agency by electronic identifier; an unknown code is a NOT_FOUND error' })
  agency(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<Agency> {
    return ctx.services.catalog.agencyByCode(code, 'code');
  }

  @Query(() => [CalendarDay], { description: 'Public holidays, official days off and make-up working days between two dates (at most 2 years)' })
  calendar(
    @Ctx() ctx: HubContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<CalendarDay[]> {
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (span < 0 || span > 731) throw new UserError(ErrorCode.INVALID_INPUT, 'Khoảng ngày phải từ 0 đến 2 năm, "from" trước "to".', 'to');
    return ctx.services.catalog.calendarDays(from, to);
  }
}
