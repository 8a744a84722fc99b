import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { HubContext } from '../graphql/context';
import { Dossier } from './dossier.entity';

/** Marks a field resolver wrapped by guardDossierNodes (tests/schema checks every field of Dossier carries it). */
export const DOSSIER_NODE_GUARD = Symbol('dossier node guard');

type Resolver = GraphQLFieldResolver<unknown, HubContext>;

/**
 * Authorization on the node: every field of every Dossier object, however
 * it was reached (a list, a mutation's payload, a link from another type),
 * first checks that the viewer may see that dossier. Wraps the resolvers of
 * the built schema's Dossier type, and only those: other types' fields stay
 * plain property reads (a type-graphql global middleware made every field
 * of every type asynchronous, a third of a worklist page's CPU). Answers are
 * memoised per request; once a dossier is known visible, its other fields
 * resolve without waiting.
 */
export function guardDossierNodes(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getType('Dossier');
  if (!isObjectType(type)) throw new Error('the schema has no Dossier object type to guard');
  for (const field of Object.values(type.getFields())) {
    const resolve: Resolver = (field.resolve as Resolver | undefined) ?? (defaultFieldResolver as Resolver);
    const guarded: Resolver = (root, args, context, info) => {
      if (!(root instanceof Dossier)) throw new Error(`a Dossier field (${info.fieldName}) was resolved on something that is not a dossier`);
      const access = context.services.access;
      if (access.knownVisible(root.id)) return resolve(root, args, context, info);
      return access.assertCanSee(root).then(() => resolve(root, args, context, info));
    };
    Object.defineProperty(guarded, DOSSIER_NODE_GUARD, { value: true });
    field.resolve = guarded;
  }
  return schema;
}
