import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Agency } from '../catalog/agency.entity';
import { Procedure } from '../catalog/procedure.entity';
import { NotImplementedError } from '../errors';
import type { HubContext } from '../graphql/context';
import { required } from '../shared/required';
import { Applicant, Dossier, DossierComponent, DossierFee } from './dossier.entity';
import { NATIONAL_STATUS_CODE } from './dossier.enums';
import { DossierTracking, Receipt } from './dossier.types';
import { ApologyView, DossierStepView, HistoryEntryView } from './lifecycle.types';
import { isOverdue } from './overdue';

@Resolver(() => Dossier)
export class DossierResolver {
  @Query(() => DossierTracking, {
    nullable: true,
    description: 'Track a dossier by the code on its receipt. Null for an unknown code; never personal data',
  })
  async trackDossier(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<DossierTracking | null> {
    const dossier = await ctx.services.dossiers.findByCode(code);
    if (!dossier) return null;
    return {
      code: dossier.code,
      status: dossier.status,
      nationalStatusCode: NATIONAL_STATUS_CODE[dossier.status],
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt,
      finishedAt: dossier.finishedAt,
      overdue: isOverdue(dossier, ctx.clock.now()),
      procedureId: dossier.procedure.id,
      currentAgencyId: dossier.currentAgency.id,
    };
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

  @FieldResolver(() => Receipt, { nullable: true, description: 'The receipt slip; null until the dossier is received' })
  receipt(@Root() dossier: Dossier): Receipt | null {
    if (dossier.receivedAt === null || dossier.dueAt === null) return null;
    return { number: dossier.code, issuedAt: dossier.receivedAt, dueAt: dossier.dueAt };
  }

  @FieldResolver(() => [DossierStepView], { description: 'Inter-agency steps (issue #3)' })
  steps(): DossierStepView[] {
    throw new NotImplementedError('Dossier.steps (#3)');
  }

  @FieldResolver(() => [ApologyView], { description: 'Apology letters (issue #3)' })
  apologies(): ApologyView[] {
    throw new NotImplementedError('Dossier.apologies (#3)');
  }

  @FieldResolver(() => [HistoryEntryView], { description: 'History (issue #3)' })
  history(): HistoryEntryView[] {
    throw new NotImplementedError('Dossier.history (#3)');
  }
}

@Resolver(() => DossierTracking)
export class DossierTrackingResolver {
  @FieldResolver(() => Procedure)
  async procedure(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext): Promise<Procedure> {
    return required(await ctx.loaders.procedure.load(tracking.procedureId), 'procedure');
  }

  @FieldResolver(() => Agency)
  async currentAgency(@Root() tracking: DossierTracking, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(tracking.currentAgencyId), 'agency');
  }
}

@Resolver(() => DossierStepView)
export class DossierStepResolver {
  @FieldResolver(() => Agency)
  async agency(@Root() step: DossierStepView, @Ctx() ctx: HubContext): Promise<Agency> {
    return required(await ctx.loaders.agency.load(step.agencyId), 'agency');
  }
}

@Resolver(() => HistoryEntryView)
export class HistoryEntryResolver {
  @FieldResolver(() => Agency, { nullable: true })
  async agency(@Root() entry: HistoryEntryView, @Ctx() ctx: HubContext): Promise<Agency | null> {
    return entry.agencyId === null ? null : required(await ctx.loaders.agency.load(entry.agencyId), 'agency');
  }
}
