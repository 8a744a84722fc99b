import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * What a connector instance has been doing, for supervisors beside its
 * health: the calls waiting in the outbox for it, those it refused (the
 * dead-letter list, to fix and replay), and the last exchange that went
 * well and the last that did not (from the exchange log).
 */
@ObjectType({ description: "A connector's backlog and recent exchanges: what waits for it, what it refused, when it last answered well" })
export class ConnectorActivity {
  @Field(() => Int, { description: 'Calls waiting in the outbox for this system (PENDING)' })
  pending!: number;

  @Field(() => Date, { nullable: true, description: 'When the oldest of them was recorded' })
  oldestPendingAt!: Date | null;

  @Field(() => Int, { description: 'Calls on the dead-letter list (refused, or out of retries): outboxMessages(status: DEAD), replayOutboxMessage once fixed' })
  refused!: number;

  @Field(() => String, { nullable: true, description: 'Why the latest of them failed' })
  lastRefusal!: string | null;

  @Field(() => Date, { nullable: true })
  lastRefusalAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last answer the system gave that the hub could use' })
  lastSuccessAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last exchange that failed (a fault, refused credentials, unreachable, too slow, a malformed or too large answer)' })
  lastFailureAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'How it failed: FAULT, CREDENTIALS_REFUSED, UNAVAILABLE, TIMEOUT, MALFORMED or TOO_LARGE' })
  lastFailureOutcome!: string | null;
}

const FAILURES = ['FAULT', 'CREDENTIALS_REFUSED', 'UNAVAILABLE', 'TIMEOUT', 'MALFORMED', 'TOO_LARGE'];

interface BacklogRow {
  topic: string;
  pending: number;
  oldest_pending_at: Date | string | null;
  refused: number;
  last_refusal: string | null;
  last_refusal_at: Date | string | null;
}

const asDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));

/**
 * The activity of each connector instance, read once per request: the
 * outbox's waiting and dead messages grouped by topic (each topic belongs
 * to one instance: `topics`), and the exchange log's last good and last
 * failed exchange per instance (its index on system, outcome and time).
 */
export class ConnectorActivityReader {
  private backlog: Promise<Map<string, BacklogRow>> | null = null;

  constructor(
    private readonly em: EntityManager,
    /** Outbox topic → the instance that delivers it. */
    private readonly topics: ReadonlyMap<string, string>,
  ) {}

  async of(instance: string): Promise<ConnectorActivity> {
    const backlog = await this.readBacklog();
    const mine = [...this.topics].filter(([, owner]) => owner === instance).flatMap(([topic]) => backlog.get(topic) ?? []);
    const latest = mine.filter((row) => row.last_refusal_at !== null).sort((a, b) => (asDate(b.last_refusal_at)?.getTime() ?? 0) - (asDate(a.last_refusal_at)?.getTime() ?? 0))[0];
    const oldest = mine.map((row) => asDate(row.oldest_pending_at)).filter((at): at is Date => at !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    const [success] = await this.em.execute<Array<{ at: Date | string }>>(
      `select at from exchange_log where system = ? and outcome = 'OK' and direction = 'IN' order by at desc limit 1`,
      [instance],
    );
    const [failure] = await this.em.execute<Array<{ at: Date | string; outcome: string }>>(
      `select at, outcome from exchange_log where system = ? and outcome in (${FAILURES.map(() => '?').join(', ')}) order by at desc limit 1`,
      [instance, ...FAILURES],
    );
    return {
      pending: mine.reduce((sum, row) => sum + Number(row.pending), 0),
      oldestPendingAt: oldest ?? null,
      refused: mine.reduce((sum, row) => sum + Number(row.refused), 0),
      lastRefusal: latest?.last_refusal ?? null,
      lastRefusalAt: asDate(latest?.last_refusal_at),
      lastSuccessAt: asDate(success?.at),
      lastFailureAt: asDate(failure?.at),
      lastFailureOutcome: failure?.outcome ?? null,
    };
  }

  private readBacklog(): Promise<Map<string, BacklogRow>> {
    this.backlog ??= this.em
      .execute<BacklogRow[]>(
        `select c.topic, c.pending, c.oldest_pending_at, c.refused, d.last_error as last_refusal, d.dead_at as last_refusal_at
           from (select topic,
                        count(*) filter (where status = 'PENDING')::int as pending,
                        min(created_at) filter (where status = 'PENDING') as oldest_pending_at,
                        count(*) filter (where status = 'DEAD')::int as refused
                   from outbox_message where status in ('PENDING', 'DEAD') group by topic) c
           left join lateral (select last_error, dead_at from outbox_message m
                               where m.topic = c.topic and m.status = 'DEAD' order by m.dead_at desc nulls last limit 1) d on true`,
      )
      .then((rows) => new Map(rows.map((row) => [row.topic, row])));
    return this.backlog;
  }
}
