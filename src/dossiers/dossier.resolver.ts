import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Agency } from '../catalog';
import { Procedure, ProcedureVersion } from '../catalog';
import type { HubContext } from '../graphql/context';
import { DateScalar } from '../graphql/scalars';
import { asksOnly, CODE_AND_NAME } from '../graphql/selection';
import type { Connection } from '../shared/pagination';
import { required } from '../shared/required';
import { withUserErrors } from '../shared/user-errors';
import { Applicant, Dossier, DossierComponent, DossierFee } from './dossier.entity';
import { DossierAction, NATIONAL_STATUS_CODE, SatisfactionRating } from './dossier.enums';
import {
  DossierConnection,
  DossierFilter,
  DossierTracking,
  RateDossierPayload,
  Receipt,
  ReceiveDossierInput,
  ReceiveDossierPayload,
  RefuseDossierInput,
  RefuseDossierPayload,
  SubmitDossierInput,
  SubmitDossierPayload,
  TrackingEvent,
  TrackingStep,
  TransitionDossierPayload,
  TransitionInput,
  type DossierPayload,
} from './dossier.types';
import { beyondHorizon } from './deadlines';
import { Apology, Consultation, DossierHistory, DossierStep, SupplementRequest } from './lifecycle.entity';
import { historyLabel } from './history-labels';
import { statusLabel } from './lifecycle';
import { isOverdue } from './overdue';
import { ServiceStats, StatsAgencyRole } from './stats.types';

/** The public tracking view of a dossier by its code (receipt or online submission); null for an unknown code. */
export async function trackingView(ctx: HubContext, code: string): Promise<DossierTracking | null> {
  const row = await ctx.services.dossiers.track(code);
  if (!row) return null;
  return {
    code: row.code,
    status: row.status,
    nationalStatusCode: NATIONAL_STATUS_CODE[row.status],
    statusLabel: statusLabel(row.status),
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    finishedAt: row.finishedAt,
    overdue: isOverdue(row, ctx.clock.now()),
    dossierId: row.id,
    procedureId: row.procedure.id,
    currentAgencyId: row.currentAgency.id,
    known: { procedure: row.procedure, currentAgency: row.currentAgency },
  };
}

/** Runs a mutation of a dossier; a mistake the caller can fix becomes a `userErrors` entry (nothing was changed). */
function payload(run: () => Promise<Dossier>): Promise<DossierPayload> {
  return withUserErrors(async () => ({ dossier: await run() }), { dossier: null });
}

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => DossierTracking, {
    nullable: true,
    description: 'Track a dossier by the code on its receipt. Null for an unknown code; never personal data',
  })
  trackDossier(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<DossierTracking | null> {
    return trackingView(ctx, code);
  }

  @Query(() => DossierConnection, { description: "An officer's worklist (dossiers received by or now at their agency); supervisors see all. Most urgent first" })
  dossiers(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => DossierFilter, { nullable: true }) filter: DossierFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<Dossier>> {
    return ctx.services.dossiers.worklist(filter, first, after);
  }

  @Query(() => DossierConnection, { description: "The signed-in citizen's dossiers, newest first" })
  myDossiers(
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<Dossier>> {
    return ctx.services.dossiers.mine(first, after);
  }

  @Query(() => Dossier, { nullable: true, description: 'One dossier by code, for those who may see it; null for an unknown code' })
  async dossier(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<Dossier | null> {
    ctx.services.access.requireUser();
    return ctx.services.dossiers.findByCode(code);
  }

  @Query(() => ServiceStats, { description: 'Service-quality figures (Decision 766 definitions); supervisors for any agency, officers for their own' })
  serviceStats(
    @Ctx() ctx: HubContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('agencyRole', () => StatsAgencyRole, {
      defaultValue: StatsAgencyRole.RECEIVING,
      description: "With an agency: count the dossiers it received (RECEIVING), or those it is responsible for (RESPONSIBLE: its procedures', or with a step at it)",
    })
    agencyRole: StatsAgencyRole,
  ): Promise<ServiceStats> {
    return ctx.services.stats.serviceStats(from, to, agencyCode, agencyRole);
  }

  @Mutation(() => SubmitDossierPayload, { description: "Online submission by a citizen; the applicant is the token's personalId" })
  submitDossier(@Ctx() ctx: HubContext, @Arg('input', () => SubmitDossierInput) input: SubmitDossierInput): Promise<DossierPayload> {
    return payload(() => ctx.services.reception.submit({ ...input, components: input.components }));
  }

  @Mutation(() => ReceiveDossierPayload, { description: 'Reception at a counter (COUNTER) or of a dossier that came by post (POSTAL), by an officer' })
  receiveDossier(@Ctx() ctx: HubContext, @Arg('input', () => ReceiveDossierInput) input: ReceiveDossierInput): Promise<DossierPayload> {
    return payload(() => ctx.services.reception.receive(input));
  }

  @Mutation(() => RefuseDossierPayload, {
    description: 'Refuse at the counter a dossier brought in person or by post (Mẫu 03): recorded REJECTED with the reasons and what was brought, never received',
  })
  refuseDossier(@Ctx() ctx: HubContext, @Arg('input', () => RefuseDossierInput) input: RefuseDossierInput): Promise<DossierPayload> {
    return payload(() => ctx.services.reception.refuse(input));
  }

  @Mutation(() => TransitionDossierPayload, { description: 'Every move of a dossier; a stale expectedVersion gets STALE_VERSION and changes nothing' })
  transitionDossier(
    @Ctx() ctx: HubContext,
    @Arg('code', () => String) code: string,
    @Arg('action', () => DossierAction) action: DossierAction,
    @Arg('input', () => TransitionInput, { nullable: true }) input: TransitionInput | null,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<DossierPayload> {
    return payload(() => ctx.services.lifecycle.transition({ code, action, input, expectedVersion }));
  }

  @Mutation(() => RateDossierPayload, { description: 'Rate a dossier once, by its applicant, after the result is ready' })
  rateDossier(
    @Ctx() ctx: HubContext,
    @Arg('dossierCode', () => String) dossierCode: string,
    @Arg('rating', () => SatisfactionRating) rating: SatisfactionRating,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
  ): Promise<RateDossierPayload> {
    return withUserErrors(async () => {
      await ctx.services.ratings.rate(dossierCode, rating, comment);
      return {};
    }, {});
  }

  @FieldResolver(() => Int, { description: "The national portal's TrangThaiHoSo, 1-10" })
  nationalStatusCode(@Root() dossier: Dossier): number {
    return NATIONAL_STATUS_CODE[dossier.status];
  }

  @FieldResolver(() => Boolean, { description: 'An open dossier past its due time, or one finished after it; computed, never stored' })
  overdue(@Root() dossier: Dossier, @Ctx() ctx: HubContext): boolean {
    return isOverdue(dossier, ctx.clock.now());
  }

  @FieldResolver(() => Procedure)
  async procedure(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<Procedure> {
    return required(await ctx.loaders.procedure.load(dossier.procedure.id), 'procedure');
  }

  @FieldResolver(() => ProcedureVersion, {
    nullable: true,
    description: "The procedure as it stood when the dossier was created (name, field, times, fees): what its receipt and records keep, whatever the catalogue became since",
  })
  async procedureVersion(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<ProcedureVersion | null> {
    return (await ctx.loaders.procedureVersion.load(`${dossier.procedure.id}:${dossier.procedureVersion}`)) ?? null;
  }

  @FieldResolver(() => Agency, { description: 'The agency that received the dossier' })
  async receivingAgency(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(dossier.receivingAgency.id), 'agency');
  }

  @FieldResolver(() => Agency, { description: 'The agency the dossier is at now' })
  async currentAgency(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(dossier.currentAgency.id), 'agency');
  }

  @FieldResolver(() => Applicant)
  applicant(@Root() dossier: Dossier): Applicant {
    return dossier.applicant;
  }

  @FieldResolver(() => [DossierComponent])
  components(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<DossierComponent[]> {
    return ctx.loaders.dossierComponents.load(dossier.id);
  }

  @FieldResolver(() => [DossierFee])
  fees(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<DossierFee[]> {
    return ctx.loaders.dossierFees.load(dossier.id);
  }

  @FieldResolver(() => Int, { description: 'VND the dossier owes: every fee and obligation not waived' })
  async amountOwed(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<number> {
    return sumOf(await ctx.loaders.dossierFees.load(dossier.id), (f) => !f.waived);
  }

  @FieldResolver(() => Int, { description: 'VND paid, at the counter or online' })
  async amountPaid(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<number> {
    return sumOf(await ctx.loaders.dossierFees.load(dossier.id), (f) => f.paid);
  }

  @FieldResolver(() => Int, { description: 'VND still to pay: owed, neither paid nor waived. A dossier cannot be RETURNED while it is above 0' })
  async amountOutstanding(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<number> {
    return sumOf(await ctx.loaders.dossierFees.load(dossier.id), (f) => !f.paid && !f.waived);
  }

  @FieldResolver(() => Receipt, { nullable: true, description: 'The receipt slip; null until the dossier is received' })
  receipt(@Root() dossier: Dossier): Receipt | null {
    if (dossier.receivedAt === null || dossier.receiptDueAt === null) return null;
    return { number: dossier.code, issuedAt: dossier.receivedAt, dueAt: dossier.receiptDueAt };
  }

  @FieldResolver(() => [DossierStep], { description: 'Inter-agency steps (liên thông) in order' })
  steps(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<DossierStep[]> {
    return ctx.loaders.dossierSteps.load(dossier.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'The due time falls after the last day of the official calendar loaded (the yearly notice of days off): that year\'s holidays were counted as working days, so it may move when they are loaded',
  })
  async dueAtProvisional(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<boolean> {
    return beyondHorizon(dossier.dueAt, await ctx.loaders.calendarHorizon());
  }

  @FieldResolver(() => [SupplementRequest], { description: 'Requests to supplement the dossier (items, deadline, how far answered), oldest first' })
  supplementRequests(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<SupplementRequest[]> {
    return ctx.loaders.dossierSupplementRequests.load(dossier.id);
  }

  @FieldResolver(() => [Consultation], { description: 'Opinions asked of other agencies, oldest first; the step waits for every one' })
  consultations(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<Consultation[]> {
    return ctx.loaders.dossierConsultations.load(dossier.id);
  }

  @FieldResolver(() => [Apology], { description: 'Apology letters with new appointments, oldest first' })
  apologies(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<Apology[]> {
    return ctx.loaders.dossierApologies.load(dossier.id);
  }

  @FieldResolver(() => [DossierHistory], { description: 'Every move of the dossier, oldest first' })
  history(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<DossierHistory[]> {
    return ctx.loaders.dossierHistory.load(dossier.id);
  }
}

/** The amounts of the fees that `count`. */
function sumOf(fees: readonly DossierFee[], count: (fee: DossierFee) => boolean): number {
  return fees.reduce((sum, fee) => (count(fee) ? sum + fee.amount : sum), 0);
}

@Resolver(() => DossierTracking)
export class DossierTrackingResolver {
  // Tracking joined the code and name of both: a caller who asks for no more gets them without another statement.
  @FieldResolver(() => Procedure)
  async procedure(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo): Promise<Procedure> {
    if (tracking.known && asksOnly(info, CODE_AND_NAME)) return tracking.known.procedure as Procedure;
    return required(await ctx.loaders.procedure.load(tracking.procedureId), 'procedure');
  }

  @FieldResolver(() => Agency)
  async currentAgency(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo): Promise<Agency> {
    if (tracking.known && asksOnly(info, CODE_AND_NAME)) return tracking.known.currentAgency as Agency;
    return required(await ctx.loaders.agency.load(tracking.currentAgencyId), 'agency');
  }

  @FieldResolver(() => [TrackingStep], { description: 'Its steps (liên thông), in order: at which agency, started, due, finished' })
  async steps(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext): Promise<TrackingStep[]> {
    const steps = await ctx.loaders.dossierSteps.load(tracking.dossierId);
    return steps.map((s) => ({ order: s.order, name: s.name, status: s.status, startedAt: s.startedAt ?? null, dueAt: s.dueAt ?? null, finishedAt: s.finishedAt ?? null, agencyId: s.agency.id }));
  }

  @FieldResolver(() => [TrackingEvent], { description: 'What happened to it, oldest first: never who did it nor their notes' })
  async timeline(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext): Promise<TrackingEvent[]> {
    const history = await ctx.loaders.dossierHistory.load(tracking.dossierId);
    return history.map((h) => ({ at: h.at, label: historyLabel(h.action), status: h.toStatus, agencyId: h.agency?.id ?? null }));
  }
}

@Resolver(() => TrackingStep)
export class TrackingStepResolver {
  @FieldResolver(() => Agency)
  async agency(@Root() step: TrackingStep, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(step.agencyId), 'agency');
  }
}

@Resolver(() => TrackingEvent)
export class TrackingEventResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that acted; null for the applicant and outside systems' })
  async agency(@Root() event: TrackingEvent, @Ctx() ctx: HubContext): Promise<Agency | null> {
    return event.agencyId ? required(await ctx.loaders.agency.load(event.agencyId), 'agency') : null;
  }
}

@Resolver(() => DossierStep)
export class DossierStepResolver {
  @FieldResolver(() => Agency)
  async agency(@Root() step: DossierStep, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(step.agency.id), 'agency');
  }
}

@Resolver(() => Consultation)
export class ConsultationResolver {
  @FieldResolver(() => Agency, { description: 'The agency asked' })
  async agency(@Root() consultation: Consultation, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(consultation.agency.id), 'agency');
  }

  @FieldResolver(() => String, { description: 'The dossier it is about' })
  async dossierCode(@Root() consultation: Consultation): Promise<string> {
    return (await consultation.dossier.loadOrFail()).code;
  }

  @Query(() => [Consultation], { description: "Opinions other agencies asked of the officer's agency and not yet given, oldest first (answer with ANSWER_CONSULTATION)" })
  opinionsToGive(@Ctx() ctx: HubContext): Promise<Consultation[]> {
    return ctx.services.access.awaitingOpinions();
  }
}

@Resolver(() => DossierHistory)
export class HistoryEntryResolver {
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency the actor acted for; null for citizens, supervisors and systems' })
  async agency(@Root() entry: DossierHistory, @Ctx() ctx: HubContext): Promise<Agency | null> {
    return entry.agency === null ? null : required(await ctx.loaders.agency.load(entry.agency.id), 'agency');
  }
}
