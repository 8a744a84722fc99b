import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth';
import { NotImplementedError } from '../errors';
import type { HubContext } from '../graphql/context';
import { PayFeesPayload } from './payment.types';

/**
 * Contract operations whose issues have not landed. They are in the schema
 * so that front-end teams can build against it; each checks who calls, as
 * it will when it lands, then answers a GraphQL error with code
 * NOT_IMPLEMENTED, never fake data. Each moves to its feature's resolver
 * when its issue lands.
 */
@Resolver()
export class PendingResolver {
  @Mutation(() => PayFeesPayload, { description: "Start paying a dossier's unpaid fees through the national payment platform (payment issue)" })
  payFees(@Arg('dossierCode', () => String) _dossierCode: string, @Ctx() context: HubContext): PayFeesPayload {
    // Only citizens pay their own dossiers: anyone else learns nothing, not even that payment is not built yet.
    context.services.access.requireRole(Role.CITIZEN);
    throw new NotImplementedError('payFees (payment issue)');
  }
}
