import { Field, Int, ObjectType } from 'type-graphql';
import { UpstreamError } from '../errors';
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

@ObjectType({ description: 'An outside system the hub talks to, and how it answered its last health check (reused for HEALTH_CACHE_MS)' })
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

/** How long a health check's answer is reused: /readyz is anonymous and must not reach an outside system on every call. */
export const HEALTH_CACHE_MS = 10_000;

/** What a connector that failed its check for a reason other than an UpstreamError (a bug) shows: never the error's own text. */
export const UNEXPECTED_HEALTH_ERROR = 'Lỗi không mong đợi khi kiểm tra kết nối. (Unexpected error while checking the connection.)';

export interface ConnectorRegistryOptions {
  /** How long a health answer is reused, in ms (default HEALTH_CACHE_MS); 0 checks on every call. */
  cacheMs?: number;
  /** Timeout of each ping, in ms (default 2000). */
  timeoutMs?: number;
  /** Hears a check that failed with something other than an UpstreamError (a bug), for the log. */
  onUnexpectedError?: (connector: string, error: unknown) => void;
}

type PingResult = Pick<ConnectorStatus, 'ok' | 'latencyMs' | 'error' | 'checkedAt'>;

/**
 * Every connector of the hub, for /readyz and the supervisors' view.
 * Health answers are reused for `cacheMs`, and callers that ask while a
 * check is running share it: however often /readyz is called, an outside
 * system sees at most one ping per period from this process. The breaker
 * state is always current.
 */
export class ConnectorRegistry {
  private readonly entries: ConnectorEntry[] = [];
  private readonly cacheMs: number;
  private readonly timeoutMs: number;
  private checked: { at: number; results: Promise<PingResult[]> } | undefined;

  constructor(private readonly options: ConnectorRegistryOptions = {}) {
    this.cacheMs = options.cacheMs ?? HEALTH_CACHE_MS;
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  register(entry: ConnectorEntry): void {
    this.entries.push(entry);
    this.checked = undefined;
  }

  async health(): Promise<ConnectorStatus[]> {
    const now = Date.now();
    // A check in flight, or one younger than the period, is shared (its start time counts, so a slow check is not kept longer).
    if (!this.checked || now - this.checked.at >= this.cacheMs) this.checked = { at: now, results: this.pingAll() };
    const results = await this.checked.results;
    return this.entries.map((entry, index) => ({
      name: entry.name,
      system: entry.system,
      protocol: entry.protocol,
      mode: entry.mode,
      url: entry.url,
      breaker: entry.resilience.state,
      ...results[index],
    }));
  }

  private pingAll(): Promise<PingResult[]> {
    return Promise.all(
      this.entries.map(async (entry): Promise<PingResult> => {
        const started = Date.now();
        let error: string | null = null;
        try {
          await entry.ping({ signal: AbortSignal.timeout(this.timeoutMs) });
        } catch (failure) {
          // An adapter's UpstreamError carries a fixed text by category; anything else could carry upstream or internal text.
          if (failure instanceof UpstreamError) error = failure.message;
          else {
            error = UNEXPECTED_HEALTH_ERROR;
            this.options.onUnexpectedError?.(entry.name, failure);
          }
        }
        return { ok: error === null, latencyMs: error === null ? Date.now() - started : null, error, checkedAt: new Date() };
      }),
    );
  }
}
