import { Arg, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Citizen } from '../citizens/citizen.types';
import {
  DossierAction,
  type DossierPayload,
  DossierConnection,
  DossierFilter,
  RateDossierPayload,
  ReceiveDossierInput,
  SatisfactionRating,
  SubmitDossierInput,
  SubmitDossierPayload,
  ReceiveDossierPayload,
  TransitionDossierPayload,
  TransitionInput,
} from '../dossiers/dossier.types';
import { ServiceStats } from '../dossiers/stats.types';
import { NotImplementedError } from '../errors';
import { PayFeesPayload } from '../payments/payment.types';
import { DateScalar } from './scalars';

/**
 * Contract operations whose issues have not landed. They are in the schema
 * so that front-end teams can build against it; each answers a GraphQL
 * error with code NOT_IMPLEMENTED, never fake data. Each moves to its
 * feature's resolver when its issue lands.
 */
@Resolver()
export class PendingResolver {
  @Mutation(() => SubmitDossierPayload, { description: 'Online submission by a citizen (issue #3, identity from the population database in #4)' })
  submitDossier(@Arg('input', () => SubmitDossierInput) _input: SubmitDossierInput): DossierPayload {
    throw new NotImplementedError('submitDossier (#3)');
  }

  @Query(() => DossierConnection, { description: "The signed-in citizen's dossiers (issue #3)" })
  myDossiers(
    @Arg('first', () => Int, { nullable: true }) _first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): never {
    throw new NotImplementedError('myDossiers (#3)');
  }

  @Mutation(() => PayFeesPayload, { description: "Start paying a dossier's unpaid fees through the national payment platform" })
  payFees(@Arg('dossierCode', () => String) _dossierCode: string): PayFeesPayload {
    throw new NotImplementedError('payFees (payment issue)');
  }

  @Mutation(() => RateDossierPayload, { description: 'Rate a finished dossier, once, by its applicant (issue #3)' })
  rateDossier(
    @Arg('dossierCode', () => String) _dossierCode: string,
    @Arg('rating', () => SatisfactionRating) _rating: SatisfactionRating,
    @Arg('comment', () => String, { nullable: true }) _comment: string | null,
  ): RateDossierPayload {
    throw new NotImplementedError('rateDossier (#3)');
  }

  @Query(() => DossierConnection, { description: "An officer's worklist; supervisors see all (issue #3)" })
  dossiers(
    @Arg('filter', () => DossierFilter, { nullable: true }) _filter: DossierFilter | null,
    @Arg('first', () => Int, { nullable: true }) _first: number | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): never {
    throw new NotImplementedError('dossiers (#3)');
  }

  @Mutation(() => ReceiveDossierPayload, { description: 'Counter or postal reception by an officer (issue #3)' })
  receiveDossier(@Arg('input', () => ReceiveDossierInput) _input: ReceiveDossierInput): DossierPayload {
    throw new NotImplementedError('receiveDossier (#3)');
  }

  @Mutation(() => TransitionDossierPayload, { description: 'Every move of a dossier, guarded by expectedVersion (issue #3)' })
  transitionDossier(
    @Arg('code', () => String) _code: string,
    @Arg('action', () => DossierAction) _action: DossierAction,
    @Arg('input', () => TransitionInput, { nullable: true }) _input: TransitionInput | null,
    @Arg('expectedVersion', () => Int) _expectedVersion: number,
  ): DossierPayload {
    throw new NotImplementedError('transitionDossier (#3)');
  }

  @Query(() => Citizen, { nullable: true, description: 'Identity from the population database, for officers; every call is logged (issue #4)' })
  citizen(@Arg('personalId', () => String) _personalId: string, @Arg('purpose', () => String) _purpose: string): Citizen | null {
    throw new NotImplementedError('citizen (#4)');
  }

  @Query(() => ServiceStats, { description: 'Service-quality figures, Decision 766 definitions (issue #3)' })
  serviceStats(
    @Arg('from', () => DateScalar) _from: string,
    @Arg('to', () => DateScalar) _to: string,
    @Arg('agencyCode', () => String, { nullable: true }) _agencyCode: string | null,
  ): ServiceStats {
    throw new NotImplementedError('serviceStats (#3)');
  }
}
