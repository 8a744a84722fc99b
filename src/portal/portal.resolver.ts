import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Dossier } from '../dossiers';
import type { HubContext } from '../graphql/context';
import { PortalSync } from './portal-sync.entity';

@Resolver(() => Dossier)
export class DossierPortalSyncResolver {
  @FieldResolver(() => PortalSync, {
    nullable: true,
    description: 'Where the dossier stands with the national public service portal (DVCQG): moves reported, last success, the last refusal or outage; null until a report was tried',
  })
  async portalSync(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<PortalSync | null> {
    return ctx.em.findOne(PortalSync, { dossierId: dossier.id });
  }
}
