import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../auth';
import { readPersonalId } from '../shared/personal-id';
import type { HubContext } from '../graphql/context';
import { pageSize } from '../shared/pagination';
import { Document } from './document.entity';

/** Document lists are short (a citizen's papers); `first` follows the paging rule, 1 to this, default 50. */
const DOCUMENT_LIST_MAX = 200;
const DOCUMENT_LIST_DEFAULT = 50;

@Resolver()
export class DocumentResolver {
  @Query(() => [Document], { description: "The signed-in citizen's digitised documents, newest first: each may be reused (reuseDocumentId) in a new dossier" })
  myDocuments(@Ctx() ctx: HubContext, @Arg('first', () => Int, { nullable: true }) first: number | null): Promise<Document[]> {
    const user = ctx.services.access.requireRole(Role.CITIZEN);
    return ctx.services.documents.heldFor(user.personalId ?? '', pageSize(first, DOCUMENT_LIST_MAX, DOCUMENT_LIST_DEFAULT));
  }

  @Query(() => [Document], { description: "Documents already held for an applicant, for an officer at the counter to offer for reuse (metadata only)" })
  applicantDocuments(
    @Ctx() ctx: HubContext,
    @Arg('personalId', () => String) personalId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): Promise<Document[]> {
    ctx.services.access.requireRole(Role.OFFICER);
    return ctx.services.documents.heldFor(readPersonalId(personalId, 'personalId'), pageSize(first, DOCUMENT_LIST_MAX, DOCUMENT_LIST_DEFAULT));
  }
}
