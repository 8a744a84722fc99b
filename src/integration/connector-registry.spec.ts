import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors';
import { ConnectorRegistry, UNEXPECTED_HEALTH_ERROR, type ConnectorEntry } from './connector-registry';
import { Resilience } from './resilience';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A connector whose ping the test scripts, counting the calls. */
function entry(ping: () => Promise<void>): ConnectorEntry & { calls: number } {
  const counted = {
    name: 'archive',
    system: 'Kho lưu trữ',
    protocol: 'SOAP' as const,
    mode: 'remote' as const,
    url: 'http://127.0.0.1:1/none',
    resilience: new Resilience('archive', { timeoutMs: 100, retries: 0, retryDelayMs: 1, breakerThreshold: 1, breakerCooldownMs: 60_000 }),
    calls: 0,
    ping: () => {
      counted.calls += 1;
      return ping();
    },
  };
  return counted;
}

describe('ConnectorRegistry.health', () => {
  it('callers that ask while a check runs share it, and its answer is reused for the period', async () => {
    const archive = entry(() => sleep(20));
    const registry = new ConnectorRegistry({ cacheMs: 200 });
    registry.register(archive);
    const answers = await Promise.all(Array.from({ length: 10 }, () => registry.health()));
    expect(archive.calls).toBe(1);
    expect(answers.every((a) => a[0].ok)).toBe(true);
    await registry.health();
    expect(archive.calls).toBe(1);
  });

  it('checks again once the period is over', async () => {
    const archive = entry(() => Promise.resolve());
    const registry = new ConnectorRegistry({ cacheMs: 30 });
    registry.register(archive);
    await registry.health();
    await sleep(50);
    await registry.health();
    expect(archive.calls).toBe(2);
  });

  it('with cacheMs 0, checks on every call', async () => {
    const archive = entry(() => Promise.resolve());
    const registry = new ConnectorRegistry({ cacheMs: 0 });
    registry.register(archive);
    await registry.health();
    await registry.health();
    expect(archive.calls).toBe(2);
  });

  it('shows an UpstreamError\'s fixed text, and for anything else a text of its own, handing the error to onUnexpectedError', async () => {
    const seen: unknown[] = [];
    const bug = new TypeError('Cannot read properties of undefined (reading "Body") at db-internal:1521');
    const registry = new ConnectorRegistry({ cacheMs: 0, onUnexpectedError: (_, error) => seen.push(error) });
    registry.register(entry(() => Promise.reject(new UpstreamError('archive', 'Kho lưu trữ không phản hồi.'))));
    registry.register({ ...entry(() => Promise.reject(bug)), name: 'other' });
    const [upstream, other] = await registry.health();
    expect(upstream).toMatchObject({ ok: false, error: 'Kho lưu trữ không phản hồi.', latencyMs: null });
    expect(other).toMatchObject({ name: 'other', ok: false, error: UNEXPECTED_HEALTH_ERROR });
    expect(seen).toEqual([bug]);
  });

  it('reports the breaker state as it is now, not as it was when the answer was cached', async () => {
    const archive = entry(() => Promise.resolve());
    const registry = new ConnectorRegistry({ cacheMs: 60_000 });
    registry.register(archive);
    expect((await registry.health())[0].breaker).toBe('closed');
    await archive.resilience.execute(() => Promise.reject(new UpstreamError('archive', 'down')), { idempotent: false }).catch(() => undefined);
    expect((await registry.health())[0].breaker).toBe('open');
    expect(archive.calls).toBe(1);
  });
});
