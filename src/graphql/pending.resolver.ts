import { Arg, Mutation, Resolver } from 'type-graphql';
import { NotImplementedError } from '../errors';
import { PayFeesPayload } from '../payments/payment.types';

/**
 * Contract operations whose issues have not landed. They are in the schema
 * so that front-end teams can build against it; each answers a GraphQL
 * error with code NOT_IMPLEMENTED, never fake data. Each moves to its
 * feature's resolver when its issue lands.
 */
@Resolver()
export class PendingResolver {
  @Mutation(() => PayFeesPayload, { description: "Start paying a dossier's unpaid fees through the national payment platform (payment issue)" })
  payFees(@Arg('dossierCode', () => String) _dossierCode: string): PayFeesPayload {
    throw new NotImplementedError('payFees (payment issue)');
  }
}
