import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { UpstreamError } from '../errors';
import type { CallOptions } from './call-options';

/** How an outside system is called: described by data (STYLE habit 2), one per connector. */
export interface ResiliencePolicy {
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /** Further attempts of a call that is safe to repeat (0 = none). */
  retries: number;
  /** First retry delay; later ones grow exponentially with jitter. */
  retryDelayMs: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before one trial call. */
  breakerCooldownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

const STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * Only an upstream's failure is a failure: a "not found" or a refused
 * consent is an answer. A timed-out attempt is one too (cockatiel's
 * TaskCancelledError, turned into an UpstreamError on the way out): it is
 * retried when the call is safe to repeat, and it counts towards opening
 * the circuit, or a hanging system would never be cut off.
 */
const isTransient = handleWhen((error) => error instanceof UpstreamError || error instanceof TaskCancelledError);

/**
 * Timeout, retries with exponential backoff and decorrelated jitter, and a
 * circuit breaker, from cockatiel, wrapped around a connector from outside:
 * adapters never retry on their own. Calls that are not safe to repeat get
 * the timeout and the breaker but no retry.
 */
export class Resilience {
  private readonly breaker;
  private readonly safe: IPolicy;
  private readonly once: IPolicy;

  constructor(
    readonly system: string,
    policy: ResiliencePolicy,
  ) {
    this.breaker = circuitBreaker(isTransient, {
      halfOpenAfter: policy.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(policy.breakerThreshold),
    });
    const attempt = timeout(policy.timeoutMs, TimeoutStrategy.Aggressive);
    const retries = retry(isTransient, {
      maxAttempts: policy.retries,
      backoff: new ExponentialBackoff({ initialDelay: policy.retryDelayMs, maxDelay: Math.max(policy.retryDelayMs, 10_000) }),
    });
    this.safe = wrap(retries, this.breaker, attempt);
    this.once = wrap(this.breaker, attempt);
  }

  get state(): BreakerState {
    return STATE[this.breaker.state];
  }

  /** Runs `call` under the policy; every failure leaves as an UpstreamError (or the call's own non-transient error). */
  async execute<T>(call: (options: CallOptions) => Promise<T>, { idempotent }: { idempotent: boolean }): Promise<T> {
    try {
      return await (idempotent ? this.safe : this.once).execute(({ signal }) => call({ signal }));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new UpstreamError(this.system, `${this.system}: circuit open after repeated failures; calls resume after the cool-down`, { cause: error });
      }
      if (error instanceof TaskCancelledError) throw new UpstreamError(this.system, `${this.system}: no answer in time`, { cause: error });
      throw error;
    }
  }
}

type PortMethod = (...args: never[]) => Promise<unknown>;

/**
 * A port whose methods all run under `resilience`. Every method of a port
 * takes `CallOptions` as its last parameter; `idempotent` names the methods
 * that are safe to repeat (only those are retried).
 */
export function resilient<T extends object>(port: T, resilience: Resilience, idempotent: ReadonlyArray<keyof T>): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as PortMethod;
      const safe = idempotent.includes(property as keyof T);
      return (...args: unknown[]) =>
        resilience.execute((options) => (method as (...a: unknown[]) => Promise<unknown>).apply(target, [...args, options]), { idempotent: safe });
    },
  });
}
