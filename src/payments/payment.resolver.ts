import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { withUserErrors } from '../shared/user-errors';
import { PayFeesPayload } from './payment.types';

@Resolver()
export class PaymentResolver {
  @Mutation(() => PayFeesPayload, { description: "Start paying what a dossier owes through the national payment platform: answers the checkout URL to send the payer to; ALREADY_PAID when nothing is owed" })
  payFees(@Arg('dossierCode', () => String) dossierCode: string, @Ctx() ctx: HubContext): Promise<PayFeesPayload> {
    return withUserErrors(async () => ({ payment: await ctx.services.payments.payFees(dossierCode, ctx.clientAddress) }), { payment: null });
  }
}
