import { describe, expect, it, vi } from 'vitest';
import { ConsentRefusedError } from '../citizens';
import { UpstreamError } from '../errors';
import type { CallOptions } from './call-options';
import { mergeCallOptions, Resilience, withResilience, type MethodPolicies, type ResiliencePolicy } from './resilience';

/** What the port does on one call: answer, fail with this error, hang until aborted, or wait for the test to let it answer. */
type Outcome = 'ok' | 'hang' | Error | Promise<void>;

/** A tiny port of an outside system: one call safe to repeat, one that is not. */
interface ArchivePort {
  read(key: string, options?: CallOptions): Promise<string>;
  write(key: string, value: string, options?: CallOptions): Promise<void>;
}

/** A fake port that records every call and answers as the test scripted (then 'ok' once the script runs out). */
class ScriptedPort implements ArchivePort {
  /** Each call, with whether its signal was already aborted when the port was called. */
  readonly calls: { method: keyof ArchivePort; args: unknown[]; abortedAtCall: boolean | undefined }[] = [];
  readonly label = 'scripted archive';
  private readonly script: Outcome[];

  constructor(...script: Outcome[]) {
    this.script = script;
  }

  read(key: string, options?: CallOptions): Promise<string> {
    return this.answer('read', [key, options], options, `value of ${key}`);
  }

  write(key: string, value: string, options?: CallOptions): Promise<void> {
    return this.answer('write', [key, value, options], options, undefined);
  }

  private async answer<T>(method: keyof ArchivePort, args: unknown[], options: CallOptions | undefined, value: T): Promise<T> {
    this.calls.push({ method, args, abortedAtCall: options?.signal?.aborted });
    const next = this.script.shift() ?? 'ok';
    if (next === 'ok') return value;
    if (next instanceof Error) throw next;
    if (next === 'hang') {
      return new Promise<T>((_, reject) => {
        options?.signal?.addEventListener('abort', () => reject(new Error('aborted by the signal')), { once: true });
      });
    }
    await next;
    return value;
  }
}

/** The decorator's policies for the archive port: each method, whether it is safe to repeat, and where its options are. */
const archiveMethods = (idempotent: ReadonlyArray<keyof ArchivePort>): MethodPolicies<ArchivePort> => ({
  read: { idempotent: idempotent.includes('read'), parameters: 2 },
  write: { idempotent: idempotent.includes('write'), parameters: 3 },
});

const POLICY: ResiliencePolicy = { timeoutMs: 30, retries: 2, retryDelayMs: 1, breakerThreshold: 100, breakerCooldownMs: 50 };
const make = (policy: Partial<ResiliencePolicy> = {}): Resilience => new Resilience('archive', { ...POLICY, ...policy });
const upstream = (n = 1): UpstreamError => new UpstreamError('archive', `archive failed (${n})`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test settles by hand: a call that is in flight until the test says so. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** The rejection of `promise` (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, it succeeded');
}

describe('Resilience', () => {
  describe('retries', () => {
    it('retries an idempotent call that failed upstream, up to `retries` times, then returns its answer', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ retries: 2 }), archiveMethods(['read']));
      await expect(proxy.read('a')).resolves.toBe('value of a');
      expect(port.calls).toHaveLength(3);
    });

    it('gives up after `retries` further attempts with the last UpstreamError', async () => {
      const last = upstream(3);
      const port = new ScriptedPort(upstream(1), upstream(2), last, 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ retries: 2 }), archiveMethods(['read']));
      await expect(proxy.read('a')).rejects.toBe(last);
      expect(port.calls).toHaveLength(3);
    });

    it('with retries 0, tries an idempotent call once', async () => {
      const port = new ScriptedPort(upstream(), 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ retries: 0 }), archiveMethods(['read']));
      await expect(proxy.read('a')).rejects.toBeInstanceOf(UpstreamError);
      expect(port.calls).toHaveLength(1);
    });

    it('never retries a call that is not idempotent', async () => {
      const failure = upstream();
      const port = new ScriptedPort(failure, 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ retries: 5 }), archiveMethods(['read']));
      await expect(proxy.write('a', 'b')).rejects.toBe(failure);
      expect(port.calls).toHaveLength(1);
      // The next call is a new call, and goes through.
      await expect(proxy.write('a', 'b')).resolves.toBeUndefined();
      expect(port.calls).toHaveLength(2);
    });

    it.each([
      ['a refused consent', new ConsentRefusedError('Mã OTP phải gồm 6 chữ số.')],
      ['a plain Error (a bug)', new Error('Population database refused the hub\'s request')],
      ['a TypeError', new TypeError('cannot read properties of undefined')],
    ])('does not retry %s and passes it through unchanged', async (_, error) => {
      const port = new ScriptedPort(error, 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ retries: 5 }), archiveMethods(['read']));
      await expect(proxy.read('a')).rejects.toBe(error);
      expect(port.calls).toHaveLength(1);
    });

    it('waits between retries, starting near `retryDelayMs` and growing (backoff with the jitter held still)', async () => {
      // Decorrelated jitter draws Math.random(); at 0.5 the delays are about
      // 0.90, 1.09 and 2.04 × retryDelayMs (cockatiel's formula).
      const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
      try {
        const port = new ScriptedPort(upstream(1), upstream(2), upstream(3), 'ok');
        const times: number[] = [];
        const timed: ArchivePort = {
          read: (key, options) => {
            times.push(performance.now());
            return port.read(key, options);
          },
          write: (key, value, options) => port.write(key, value, options),
        };
        // 40 ms, not less: on a loaded machine a timer may fire tens of milliseconds late, which must not reorder the gaps.
        await expect(withResilience(timed, make({ retries: 3, retryDelayMs: 40 }), archiveMethods(['read'])).read('a')).resolves.toBe('value of a');
        const gaps = times.slice(1).map((t, i) => t - times[i]);
        expect(gaps).toHaveLength(3);
        // A little below the formula (36, 43.6, 81.6 ms): timers may fire up to a millisecond early.
        expect(gaps[0]).toBeGreaterThanOrEqual(34);
        expect(gaps[1]).toBeGreaterThanOrEqual(42);
        expect(gaps[2]).toBeGreaterThanOrEqual(80);
        expect(gaps[2]).toBeGreaterThan(gaps[0]);
        expect(gaps[0]).toBeLessThan(400);
      } finally {
        random.mockRestore();
      }
    });
  });

  describe('timeout', () => {
    it('abandons a call with no answer in time, as an UpstreamError, and aborts the port\'s signal', async () => {
      const port = new ScriptedPort('hang');
      const proxy = withResilience<ArchivePort>(port, make({ timeoutMs: 30 }), archiveMethods([]));
      const started = performance.now();
      const error = await rejection(proxy.write('a', 'b'));
      expect(performance.now() - started).toBeLessThan(500);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toMatch(/no answer in time/);
      expect((error as UpstreamError).system).toBe('archive');
      const options = port.calls[0].args.at(-1) as CallOptions;
      expect(options.signal?.aborted).toBe(true);
    });

    it('lets a call that answers in time through', async () => {
      const slowEnough = sleep(5);
      const port = new ScriptedPort(slowEnough);
      await expect(withResilience<ArchivePort>(port, make({ timeoutMs: 50 }), archiveMethods(['read'])).read('a')).resolves.toBe('value of a');
    });

    // Timeouts are upstream failures: retried when safe, counted by the breaker.
    it('retries an idempotent call whose attempt timed out', async () => {
      const port = new ScriptedPort('hang', 'ok');
      const proxy = withResilience<ArchivePort>(port, make({ timeoutMs: 20, retries: 2 }), archiveMethods(['read']));
      await expect(proxy.read('a')).resolves.toBe('value of a');
      expect(port.calls).toHaveLength(2);
    });

    it('counts timeouts as failures that open the circuit', async () => {
      const port = new ScriptedPort('hang', 'hang', 'ok');
      const resilience = make({ timeoutMs: 20, breakerThreshold: 2 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      await expect(proxy.write('a', 'b')).rejects.toBeInstanceOf(UpstreamError);
      await expect(proxy.write('a', 'b')).rejects.toBeInstanceOf(UpstreamError);
      expect(resilience.state).toBe('open');
    });
  });

  describe('circuit breaker', () => {
    it('is closed to begin with', () => {
      expect(make().state).toBe('closed');
    });

    it('opens after `breakerThreshold` consecutive upstream failures, then fails at once without calling the port', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), upstream(3));
      const resilience = make({ breakerThreshold: 3 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      for (let i = 0; i < 3; i += 1) {
        expect(resilience.state).toBe('closed');
        await expect(proxy.write('a', 'b')).rejects.toBeInstanceOf(UpstreamError);
      }
      expect(resilience.state).toBe('open');

      // At once: the port is not called (its count stays at 3 below).
      const error = await rejection(proxy.write('a', 'b'));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toMatch(/circuit/);
      expect((error as UpstreamError).system).toBe('archive');
      expect(port.calls).toHaveLength(3);
    });

    it('an idempotent call stops retrying when the circuit opens under it', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), upstream(3), upstream(4));
      const resilience = make({ breakerThreshold: 2, retries: 5 });
      const error = await rejection(withResilience<ArchivePort>(port, resilience, archiveMethods(['read'])).read('a'));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toMatch(/circuit/);
      expect(port.calls).toHaveLength(2);
      expect(resilience.state).toBe('open');
    });

    it('counts only consecutive failures: an answer in between starts the count again', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), 'ok', upstream(3), upstream(4));
      const resilience = make({ breakerThreshold: 3 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      for (let i = 0; i < 5; i += 1) await proxy.write('a', 'b').catch(() => undefined);
      expect(resilience.state).toBe('closed');
    });

    it('does not count the caller\'s errors: a refused consent is an answer, not an outage', async () => {
      const port = new ScriptedPort(...Array.from({ length: 5 }, () => new ConsentRefusedError('Thiếu xác nhận')));
      const resilience = make({ breakerThreshold: 2 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods(['read']));
      for (let i = 0; i < 5; i += 1) await expect(proxy.read('a')).rejects.toBeInstanceOf(ConsentRefusedError);
      expect(resilience.state).toBe('closed');
      expect(port.calls).toHaveLength(5);
    });

    it('after the cool-down lets one trial call through (half-open), and its success closes the circuit', async () => {
      const trial = deferred();
      const port = new ScriptedPort(upstream(1), upstream(2), trial.promise);
      const resilience = make({ breakerThreshold: 2, breakerCooldownMs: 50 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      await proxy.write('a', 'b').catch(() => undefined);
      await proxy.write('a', 'b').catch(() => undefined);
      expect(resilience.state).toBe('open');

      // Still cooling down: refused at once.
      await expect(proxy.write('a', 'b')).rejects.toThrow(/circuit/);
      expect(port.calls).toHaveLength(2);

      await sleep(70);
      const trialCall = proxy.write('a', 'b');
      expect(resilience.state).toBe('half-open');
      // Only the one trial call reaches the port while it is in flight; another caller waits for its outcome.
      const waiting = proxy.write('a', 'b');
      await sleep(5);
      expect(port.calls).toHaveLength(3);

      trial.resolve();
      await expect(trialCall).resolves.toBeUndefined();
      await expect(waiting).resolves.toBeUndefined();
      expect(resilience.state).toBe('closed');
      expect(port.calls).toHaveLength(4);
    });

    // Cockatiel counts an error its breaker does not handle as a success of the
    // half-open trial; a timeout is handled, so a trial that hangs keeps it open.
    it('a trial call that times out opens the circuit again', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), 'hang');
      const resilience = make({ breakerThreshold: 2, breakerCooldownMs: 50, timeoutMs: 20 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      await proxy.write('a', 'b').catch(() => undefined);
      await proxy.write('a', 'b').catch(() => undefined);
      await sleep(70);
      await expect(proxy.write('a', 'b')).rejects.toThrow(/no answer in time/);
      expect(resilience.state).toBe('open');
    });

    it('a trial call that fails opens the circuit again for another cool-down', async () => {
      const port = new ScriptedPort(upstream(1), upstream(2), upstream(3), 'ok');
      const resilience = make({ breakerThreshold: 2, breakerCooldownMs: 50 });
      const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
      await proxy.write('a', 'b').catch(() => undefined);
      await proxy.write('a', 'b').catch(() => undefined);
      await sleep(70);
      await expect(proxy.write('a', 'b')).rejects.toThrow('archive failed (3)');
      expect(resilience.state).toBe('open');
      await expect(proxy.write('a', 'b')).rejects.toThrow(/circuit/);
      expect(port.calls).toHaveLength(3);
    });
  });
});

describe('withResilience', () => {
  it('passes the caller\'s arguments, then { signal } as the last argument, to the port', async () => {
    const port = new ScriptedPort();
    const proxy = withResilience<ArchivePort>(port, make(), archiveMethods(['read']));
    await proxy.write('key', 'value');
    await proxy.read('key');
    expect(port.calls.map((call) => call.args.length)).toEqual([3, 2]);
    expect(port.calls[0].args.slice(0, 2)).toEqual(['key', 'value']);
    expect(port.calls[1].args[0]).toBe('key');
    for (const call of port.calls) {
      const options = call.args.at(-1) as CallOptions;
      expect(Object.keys(options)).toEqual(['signal']);
      expect(options.signal).toBeInstanceOf(AbortSignal);
      // cockatiel aborts the signal once the call is over (abortOnReturn), so look at the moment of the call.
      expect(call.abortedAtCall).toBe(false);
    }
  });

  it('a caller that passes its own CallOptions keeps the timeout: its options are merged, not shifted', async () => {
    const port = new ScriptedPort('hang');
    const proxy = withResilience<ArchivePort>(port, make({ timeoutMs: 30 }), archiveMethods([]));
    const own = new AbortController();
    const started = performance.now();
    const error = await rejection(proxy.write('a', 'b', { signal: own.signal }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toMatch(/no answer in time/);
    expect(port.calls[0].args).toHaveLength(3);
    expect(port.calls[0].args.slice(0, 2)).toEqual(['a', 'b']);
    const options = port.calls[0].args[2] as CallOptions;
    // The port got one signal that the policy's timeout aborted; the caller's own was left alone.
    expect(options.signal).not.toBe(own.signal);
    expect(options.signal?.aborted).toBe(true);
    expect(own.signal.aborted).toBe(false);
  });

  it('honours the caller\'s signal too: aborting it aborts the call in flight', async () => {
    const port = new ScriptedPort('hang');
    const proxy = withResilience<ArchivePort>(port, make({ timeoutMs: 5_000 }), archiveMethods(['read']));
    const own = new AbortController();
    const started = performance.now();
    const call = rejection(proxy.read('a', { signal: own.signal }));
    await sleep(5);
    own.abort();
    const error = await call;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.message).toBe('aborted by the signal');
    expect(port.calls).toHaveLength(1);
  });

  it('a caller\'s options without a signal, or an explicit undefined, still get the policy\'s signal', async () => {
    const port = new ScriptedPort();
    const proxy = withResilience<ArchivePort>(port, make(), archiveMethods(['read']));
    await proxy.read('a', {});
    await proxy.write('a', 'b', undefined);
    for (const call of port.calls) {
      const options = call.args.at(-1) as CallOptions;
      expect(options.signal).toBeInstanceOf(AbortSignal);
      expect(call.abortedAtCall).toBe(false);
    }
  });

  it('does not compile for a port whose methods do not take `options?: CallOptions` last, nor for policies that miss a method or miscount', () => {
    interface NoOptions {
      read(key: string): Promise<string>;
    }
    interface OptionsFirst {
      read(options: CallOptions | undefined, key: string): Promise<string>;
    }
    interface OptionsRequired {
      read(key: string, options: CallOptions): Promise<string>;
    }
    const read = (): Promise<string> => Promise.resolve('');
    const resilience = make();
    // @ts-expect-error: no options: the policy's signal would have nowhere to go
    withResilience<NoOptions>({ read }, resilience, { read: { idempotent: true, parameters: 1 } });
    // @ts-expect-error: options not last
    withResilience<OptionsFirst>({ read }, resilience, { read: { idempotent: true, parameters: 2 } });
    // @ts-expect-error: options a caller must give
    withResilience<OptionsRequired>({ read }, resilience, { read: { idempotent: true, parameters: 2 } });
    // @ts-expect-error: `write` left out
    withResilience<ArchivePort>(new ScriptedPort(), resilience, { read: { idempotent: true, parameters: 2 } });
    // @ts-expect-error: `read` declares 2 parameters, not 1
    withResilience<ArchivePort>(new ScriptedPort(), resilience, { read: { idempotent: true, parameters: 1 }, write: { idempotent: false, parameters: 3 } });
    expect(Object.keys(archiveMethods([]))).toEqual(['read', 'write']);
  });

  it('calls the port\'s method with the port as `this`, and passes its answer back', async () => {
    const port = new ScriptedPort();
    await expect(withResilience<ArchivePort>(port, make(), archiveMethods(['read'])).read('k')).resolves.toBe('value of k');
    expect(port.calls).toEqual([expect.objectContaining({ method: 'read' })]);
  });

  it('leaves properties that are not methods alone', () => {
    const port = new ScriptedPort();
    expect(withResilience<ScriptedPort>(port, make(), archiveMethods(['read'])).label).toBe('scripted archive');
  });

  it('retries only the methods named idempotent', async () => {
    const port = new ScriptedPort(upstream(1), 'ok', upstream(2), 'ok');
    const proxy = withResilience<ArchivePort>(port, make({ retries: 1 }), archiveMethods(['read']));
    await expect(proxy.read('a')).resolves.toBe('value of a');
    await expect(proxy.write('a', 'b')).rejects.toBeInstanceOf(UpstreamError);
    expect(port.calls.map((call) => call.method)).toEqual(['read', 'read', 'write']);
  });

  it('shares one breaker among all the methods of a port', async () => {
    const port = new ScriptedPort(upstream(1), upstream(2));
    const resilience = make({ breakerThreshold: 2 });
    const proxy = withResilience<ArchivePort>(port, resilience, archiveMethods([]));
    await proxy.write('a', 'b').catch(() => undefined);
    await proxy.read('a').catch(() => undefined);
    expect(resilience.state).toBe('open');
    await expect(proxy.read('a')).rejects.toThrow(/circuit/);
  });
});

describe('mergeCallOptions', () => {
  it('keeps the caller\'s other options and aborts when either signal does', () => {
    const caller = new AbortController();
    const policy = new AbortController();
    // CallOptions has only `signal` today; an option added later must survive the merge too.
    const withMore: CallOptions & { trace: string } = { signal: caller.signal, trace: 'x' };
    const merged = mergeCallOptions(withMore, policy.signal);
    expect(merged).toMatchObject({ trace: 'x' });
    expect(merged.signal?.aborted).toBe(false);
    policy.abort();
    expect(merged.signal?.aborted).toBe(true);
    const again = mergeCallOptions({ signal: new AbortController().signal }, caller.signal);
    caller.abort();
    expect(again.signal?.aborted).toBe(true);
  });

  it('without caller options, is the policy\'s signal alone', () => {
    const policy = new AbortController();
    expect(mergeCallOptions(undefined, policy.signal)).toEqual({ signal: policy.signal });
    expect(mergeCallOptions({}, policy.signal).signal).toBe(policy.signal);
  });
});
