import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Dossier } from '../dossiers';
import type { HubContext } from '../graphql/context';
import { ConnectionType } from '../graphql/pagination';
import type { Connection } from '../shared/pagination';
import { PortalSubmissionRecord, PortalSubmissionStatus } from './portal-submission.entity';
import type { PortalPullResult } from './portal-submissions';
import { PortalSync } from './portal-sync.entity';
import { CatalogueReview } from './catalogue-review.entity';
import { UserErrorType } from '../graphql/user-error.type';
import { withUserErrors } from '../shared/user-errors';

@ObjectType()
export class ApplyCatalogueReviewPayload {
  @Field(() => CatalogueReview, { nullable: true })
  review!: CatalogueReview | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

export const PortalSubmissionConnection = ConnectionType(PortalSubmissionRecord, 'PortalSubmission');

@ObjectType({ description: 'What one pull of the dossiers filed on the national portal did' })
export class PortalPullResultType implements PortalPullResult {
  @Field(() => Int, { description: 'Submissions the portal listed' })
  listed!: number;

  @Field(() => Int, { description: 'Hub dossiers made' })
  created!: number;

  @Field(() => Int, { description: 'Listed again and found with the dossier an earlier pull made (never made twice)' })
  alreadyTaken!: number;

  @Field(() => Int, { description: 'The hub could not take them: see portalSubmissions(status: FAILED)' })
  failed!: number;

  @Field(() => Int, { description: 'Taken, but the portal could not be told: told again at the next pull' })
  unacknowledged!: number;
}

@Resolver(() => Dossier)
export class DossierPortalSyncResolver {
  @FieldResolver(() => PortalSync, {
    nullable: true,
    description: 'Where the dossier stands with the national public service portal (DVCQG): moves reported, last success, the last refusal or outage; null until a report was tried',
  })
  async portalSync(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<PortalSync | null> {
    return ctx.em.findOne(PortalSync, { dossierId: dossier.id });
  }

  @FieldResolver(() => PortalSubmissionRecord, { nullable: true, description: 'The submission on the national portal (or VNeID) the dossier was pulled from, with its portal code; null for a dossier filed with the hub' })
  portalSubmission(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<PortalSubmissionRecord | null> {
    return ctx.services.portal.ofDossier(dossier.id);
  }
}

/** Supervisors' view of the dossiers filed on the national portal and pulled into the hub. */
@Resolver()
export class PortalSubmissionsResolver {
  @Query(() => PortalSubmissionConnection, { description: 'Dossiers filed on the national portal or VNeID as the hub pulled them, by status (all when null), newest first; supervisors only' })
  portalSubmissions(
    @Ctx() ctx: HubContext,
    @Arg('status', () => PortalSubmissionStatus, { nullable: true }) status: PortalSubmissionStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<PortalSubmissionRecord>> {
    return ctx.services.portal.submissions(status, first, after);
  }

  @Mutation(() => PortalPullResultType, { description: 'Pulls now the dossiers filed on the national portal or VNeID (the scheduled job does it every PORTAL_SUBMISSIONS_CRON); supervisors only' })
  pullPortalSubmissions(@Ctx() ctx: HubContext): Promise<PortalPullResult> {
    return ctx.services.portal.pull();
  }
}

/** Supervisors follow the national catalogue: compare, read what changed, then apply. */
@Resolver()
export class NationalCatalogueResolver {
  @Query(() => CatalogueReview, { nullable: true, description: "A comparison of the national catalogue with the hub's (the latest when no id); supervisors only" })
  catalogueReview(@Ctx() ctx: HubContext, @Arg('id', () => ID, { nullable: true }) id: string | null): Promise<CatalogueReview | null> {
    return ctx.services.portal.catalogueReview(id);
  }

  @Mutation(() => CatalogueReview, {
    description: 'Compares the national catalogue (LayDanhSachTTHC, LayThuTuc) with the hub\'s now and keeps what changed for review; changes nothing in the catalogue (the scheduled job does it every PORTAL_CATALOGUE_CRON); supervisors only',
  })
  checkNationalCatalogue(@Ctx() ctx: HubContext): Promise<CatalogueReview> {
    return ctx.services.portal.checkCatalogue();
  }

  @Mutation(() => ApplyCatalogueReviewPayload, {
    description: 'Applies what a comparison found applicable (names, times, one-to-one fees, retirements); each procedure changed gets a new version, dossiers received keep theirs; supervisors only',
  })
  applyCatalogueReview(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<ApplyCatalogueReviewPayload> {
    return withUserErrors(async () => ({ review: await ctx.services.portal.applyCatalogue(id) }), { review: null });
  }
}
