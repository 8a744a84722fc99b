import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether the field being resolved asks only for `fields` of its object
 * (and `__typename`): a resolver that already holds those can answer
 * without another statement. Fragments count as asking for more (the
 * answer stays right; only the shortcut is lost).
 */
export function asksOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((selection) => selection.kind === Kind.FIELD && (selection.name.value === '__typename' || fields.has(selection.name.value))),
  );
}

/** The fields a code-and-name reference carries. */
export const CODE_AND_NAME: ReadonlySet<string> = new Set(['code', 'name']);
