import { Field, Int, ObjectType } from 'type-graphql';
import type { CallOptions } from './call-options';
import type { BreakerState, Resilience } from './resilience';

/** A connector as data (STYLE habit 2): what it talks to, where, and how to check it cheaply. */
export interface ConnectorEntry {
  /** Short name, e.g. "population". */
  name: string;
  /** What it is, for people. */
  system: string;
  protocol: 'SOAP' | 'HTTP';
  /** "simulator": the hub's built-in stand-in; "remote": the configured system. */
  mode: 'simulator' | 'remote';
  url: string;
  resilience: Resilience;
  /** The cheap health check (not through the breaker, so checking never opens it). */
  ping: (options: CallOptions) => Promise<void>;
}

@ObjectType({ description: 'An outside system the hub talks to, and how it answered its health check just now' })
export class ConnectorStatus {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  system!: string;

  @Field(() => String)
  protocol!: string;

  @Field(() => String, { description: 'simulator or remote' })
  mode!: string;

  @Field(() => String)
  url!: string;

  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int, { nullable: true })
  latencyMs!: number | null;

  @Field(() => String, { description: 'closed (calls go through), open (calls fail at once), or half-open (one trial call)' })
  breaker!: BreakerState;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date)
  checkedAt!: Date;
}

/** Every connector of the hub, for /readyz and the supervisors' view. */
export class ConnectorRegistry {
  private readonly entries: ConnectorEntry[] = [];

  register(entry: ConnectorEntry): void {
    this.entries.push(entry);
  }

  async health(timeoutMs = 2000): Promise<ConnectorStatus[]> {
    return Promise.all(
      this.entries.map(async (entry) => {
        const started = Date.now();
        let error: string | null = null;
        try {
          await entry.ping({ signal: AbortSignal.timeout(timeoutMs) });
        } catch (failure) {
          error = failure instanceof Error ? failure.message : String(failure);
        }
        return {
          name: entry.name,
          system: entry.system,
          protocol: entry.protocol,
          mode: entry.mode,
          url: entry.url,
          ok: error === null,
          latencyMs: error === null ? Date.now() - started : null,
          breaker: entry.resilience.state,
          error,
          checkedAt: new Date(),
        };
      }),
    );
  }
}
