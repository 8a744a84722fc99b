import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth';
import type { HubContext } from '../graphql/context';
import { ConnectionType } from '../graphql/pagination';
import { UserErrorType } from '../graphql/user-error.type';
import type { Connection } from '../shared/pagination';
import { withUserErrors } from '../shared/user-errors';
import { OutboxMessage, OutboxStatus } from '../outbox';
import { ConnectorActivity } from './connector-activity';
import { ConnectorStatus } from './connector-registry';

export const OutboxMessageConnection = ConnectionType(OutboxMessage, 'OutboxMessage');

@ObjectType()
export class ReplayOutboxMessagePayload {
  @Field(() => OutboxMessage, { nullable: true })
  message!: OutboxMessage | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

/** What operators of the centre watch: outside systems and the calls waiting for them. */
@Resolver()
export class OperationsResolver {
  @Query(() => [ConnectorStatus], { description: 'Each outside system the hub talks to, with its latest health check (at most HEALTH_CACHE_MS old); supervisors only' })
  connectors(@Ctx() ctx: HubContext): Promise<ConnectorStatus[]> {
    ctx.services.access.requireRole(Role.SUPERVISOR);
    return ctx.services.connectors.health();
  }

  @Query(() => OutboxMessageConnection, { description: 'Calls to outside systems by status (default DEAD: the dead-letter list), newest first; supervisors only' })
  outboxMessages(
    @Ctx() ctx: HubContext,
    @Arg('status', () => OutboxStatus, { nullable: true }) status: OutboxStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<OutboxMessage>> {
    return ctx.services.outbox.list(status, first, after);
  }

  @Mutation(() => ReplayOutboxMessagePayload, { description: 'Sends a dead message again (same idempotency key); supervisors only' })
  replayOutboxMessage(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<ReplayOutboxMessagePayload> {
    return withUserErrors(async () => ({ message: await ctx.services.outbox.replay(id) }), { message: null });
  }
}

/** Beside each connector's health, its backlog and recent exchanges (supervisors: the `connectors` query is theirs). */
@Resolver(() => ConnectorStatus)
export class ConnectorActivityResolver {
  @FieldResolver(() => ConnectorActivity, { description: 'What waits for this system in the outbox, what it refused (dead-letter list), its last good and last failed exchange' })
  activity(@Root() status: ConnectorStatus, @Ctx() ctx: HubContext): Promise<ConnectorActivity> {
    ctx.services.access.requireRole(Role.SUPERVISOR);
    return ctx.services.connectorActivity.of(status.name);
  }
}
