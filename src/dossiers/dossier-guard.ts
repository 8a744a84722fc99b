import type { MiddlewareFn } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { Dossier } from './dossier.entity';

/**
 * Authorization on the node: every field of every Dossier object, however
 * it was reached (a list, a mutation's payload), first checks that the
 * viewer may see that dossier. Answers are memoised per request.
 */
export const DossierNodeGuard: MiddlewareFn<HubContext> = async ({ root, info, context }, next) => {
  if (info.parentType.name === 'Dossier' && root instanceof Dossier) await context.services.access.assertCanSee(root);
  const value: unknown = await next();
  return value;
};
