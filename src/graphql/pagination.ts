import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { Connection, Edge, PageInfo as PageInfoData } from '../shared/pagination';

/**
 * The GraphQL face of keyset pagination (`shared/pagination.ts` reads the
 * pages): the `PageInfo` type and an `XxxConnection` type per node type.
 */

/** Relay page information. */
@ObjectType({ description: 'Relay page information' })
export class PageInfo implements PageInfoData {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** `XxxConnection` and `XxxEdge` object types for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Opaque; pass as `after` to get the next page' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} with Relay cursors` })
  class ConnectionClass {
    @Field(() => Int, { description: 'How many match the filter, over all pages' })
    totalCount!: number;

    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}
