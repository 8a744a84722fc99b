import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import type { HubContext } from '../graphql/context';
import { withUserErrors } from '../shared/user-errors';
import { FlaggedPayment, PayFeesPayload, PaymentDayReport } from './payment.types';

@Resolver()
export class PaymentResolver {
  @Mutation(() => PayFeesPayload, { description: "Start paying what a dossier owes through the national payment platform: answers the checkout URL to send the payer to; ALREADY_PAID when nothing is owed" })
  payFees(@Arg('dossierCode', () => String) dossierCode: string, @Ctx() ctx: HubContext): Promise<PayFeesPayload> {
    return withUserErrors(async () => ({ payment: await ctx.services.payments.payFees(dossierCode, ctx.clientAddress) }), { payment: null });
  }

  @Query(() => [PaymentDayReport], { description: "A day's reconciliation per receiving agency (paid online, at the counter, still owed, flagged); supervisors for any agency, officers for their own" })
  paymentDayReport(@Ctx() ctx: HubContext, @Arg('day', () => DateScalar) day: string, @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null): Promise<PaymentDayReport[]> {
    return ctx.services.payments.dayReport(day, agencyCode ?? null);
  }

  @Query(() => [FlaggedPayment], { description: 'Payments flagged for supervisors (another amount confirmed, or paid while the dossier owed another), newest first; officers see their receiving agency\'s' })
  flaggedPayments(@Ctx() ctx: HubContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<FlaggedPayment[]> {
    return ctx.services.payments.flagged(first);
  }
}
