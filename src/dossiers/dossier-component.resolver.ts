import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Document } from '../documents';
import type { HubContext } from '../graphql/context';
import { DossierComponent } from './dossier.entity';

/** A dossier's component links to the document it carries (documents do not know dossiers). */
@Resolver(() => DossierComponent)
export class DossierComponentResolver {
  @FieldResolver(() => Document, { nullable: true, description: 'The stored document, when one was uploaded or reused' })
  async document(@Root() component: DossierComponent, @Ctx() ctx: HubContext): Promise<Document | null> {
    return component.documentId === null ? null : ((await ctx.loaders.document.load(component.documentId)) ?? null);
  }
}
