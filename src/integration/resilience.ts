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
import type { ResiliencePolicy } from '../config';
import { UpstreamError } from '../errors';
import type { CallOptions } from './call-options';

export type { ResiliencePolicy };

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
        throw new UpstreamError(this.system, `Tạm ngừng gọi ${this.system} sau nhiều lần lỗi liên tiếp; sẽ gọi lại sau thời gian chờ. (${this.system}: circuit open after repeated failures; calls resume after the cool-down.)`, { cause: error });
      }
      if (error instanceof TaskCancelledError) throw new UpstreamError(this.system, `${this.system} không trả lời kịp thời. (${this.system}: no answer in time.)`, { cause: error });
      throw error;
    }
  }
}

/** Why a port does not fit `withResilience`, shown in the compiler's message for the offending method. */
interface OptionsNotLast {
  'every method of a port must take `options?: CallOptions` as its last parameter': never;
}

/** True when `M` returns a promise and its last parameter is an optional `CallOptions` (nothing else, nothing after). */
type TakesCallOptionsLast<M> = M extends (...args: infer A) => Promise<unknown>
  ? Required<A> extends [...infer Head, infer Last]
    ? [Last] extends [CallOptions]
      ? [CallOptions] extends [Last]
        ? Head extends A // callable without the options: they are optional
          ? true
          : false
        : false
      : false
    : false
  : false;

/** The names of the methods of `P` (its function-valued public properties). */
export type PortMethods<P> = { [K in keyof P]: P[K] extends (...args: never[]) => unknown ? K : never }[keyof P];

/** A port `withResilience` accepts: every method returns a promise and takes `options?: CallOptions` last. */
export type ResilientPort<P> = { [K in keyof P]: K extends PortMethods<P> ? (TakesCallOptionsLast<P[K]> extends true ? P[K] : OptionsNotLast) : P[K] };

/** How one method of a port is called under the policy. */
export interface MethodPolicy<M> {
  /** Safe to repeat: retried after an upstream failure or a timeout. Calls that are not get the timeout and the breaker only. */
  idempotent: boolean;
  /**
   * How many parameters the method declares, its options included (the
   * compiler checks the number): where the caller's options are, so that
   * they are merged with the policy's signal, never shifted or lost.
   */
  parameters: M extends (...args: infer A) => unknown ? Required<A>['length'] : never;
}

/** Every method of the port, with its policy: a method not listed does not compile. */
export type MethodPolicies<P> = { [K in PortMethods<P>]-?: MethodPolicy<P[K]> };

/**
 * The caller's options with the policy's signal: both signals are honoured
 * (the call is aborted by whichever fires first), and any other option the
 * caller gave is kept.
 */
export function mergeCallOptions(caller: CallOptions | undefined, signal: AbortSignal | undefined): CallOptions {
  if (!caller) return { signal };
  const signals = [caller.signal, signal].filter((s): s is AbortSignal => s !== undefined);
  return { ...caller, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] };
}

/**
 * The decorator that puts a port under `resilience`: each listed method runs
 * through its timeout, breaker and (when idempotent) retries. The options
 * a caller passes (the last parameter, `CallOptions`) reach the port merged
 * with the policy's per-attempt signal, so a caller's own options never
 * cost the call its timeout. Properties that are not methods pass through.
 *
 * ```ts
 * const registry = withResilience<PopulationRegistry>(adapter, resilience, {
 *   lookup: { idempotent: true, parameters: 2 },
 *   ping: { idempotent: true, parameters: 1 },
 * });
 * ```
 */
export function withResilience<P extends object>(port: P & ResilientPort<P>, resilience: Resilience, methods: MethodPolicies<P>): P {
  const entries: Array<[PropertyKey, MethodPolicy<unknown>]> = Object.entries(methods);
  const policies = new Map(entries);
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const policy = policies.get(property);
      if (typeof value !== 'function' || !policy) return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      const optionsAt = (policy.parameters as number) - 1;
      return (...args: unknown[]) =>
        resilience.execute(
          ({ signal }) => {
            const given = args.slice(0, optionsAt);
            while (given.length < optionsAt) given.push(undefined);
            return method.apply(target, [...given, mergeCallOptions(args[optionsAt] as CallOptions | undefined, signal)]);
          },
          { idempotent: policy.idempotent },
        );
    },
  });
}
