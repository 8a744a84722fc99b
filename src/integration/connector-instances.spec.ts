import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, UpstreamError } from '../errors';
import { systemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import type { CallOptions } from './call-options';
import { connectorSettingsSchema, defineConnector, type ConnectorSettings } from './connector.port';
import { resolveConnectorInstances, startConnectorInstances, startConnectorJobs, type AnyConnectorDefinition } from './connector-instances';
import { ConnectorRegistry } from './connector-registry';

/** A tiny port of an outside archive. */
interface ArchivePort {
  read(key: string, options?: CallOptions): Promise<string>;
}

/** An archive kind whose adapters the test scripts: `down` instances fail every call. */
function archiveKind(log: string[]) {
  return defineConnector<ConnectorSettings & { shelf: string; down: boolean }, ArchivePort, { url: string; stop(): Promise<void> }>({
    kind: 'archive',
    system: 'Kho lưu trữ',
    protocol: 'HTTP',
    configSchema: connectorSettingsSchema.extend({ shelf: z.string().default('A'), down: z.boolean().default(false) }).strict(),
    create: (config, deps) => ({
      read: (key) => {
        log.push(`${deps.instance} read ${key} at ${config.url}`);
        return config.down ? Promise.reject(new UpstreamError(deps.instance, 'down')) : Promise.resolve(`${config.shelf}:${key}`);
      },
    }),
    methods: { read: { idempotent: true, parameters: 2 } },
    simulator: {
      start: (config) => {
        log.push(`simulator for shelf ${config.shelf}`);
        return Promise.resolve({ url: `http://sim/${config.shelf}`, stop: () => Promise.resolve(void log.push(`simulator ${config.shelf} stopped`)) });
      },
    },
    health: (adapter, options) => adapter.read('health', options).then(() => undefined),
    topics: [
      {
        topic: 'archive-copy',
        handler: (port) => async (payload) => {
          await port.read(String(payload.key));
          return {};
        },
      },
    ],
    jobs: [{ name: 'inventory', cron: '* * * * * *', run: (port, context) => port.read(`inventory by ${context.instance}`).then(() => undefined) }],
  });
}

const logger = createLogger({ level: 'silent' });
const entry = (name: string, settings: Record<string, unknown> = {}, kind = 'archive') => ({ name, kind, origin: `test "${name}"`, settings });
const stops: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe('connector instances', () => {
  it('starts each instance with its own simulator or url, resilience, health line, topics and jobs', async () => {
    const log: string[] = [];
    const kinds: AnyConnectorDefinition[] = [archiveKind(log)];
    const resolved = resolveConnectorInstances(
      [
        entry('archive-a', { resilience: { retries: 0, breakerThreshold: 1 } }),
        entry('archive-b', { url: 'https://archive-b.example.gov.vn', shelf: 'B', down: true, system: 'Kho lưu trữ Sở Nội vụ', resilience: { retries: 0, breakerThreshold: 1 } }),
      ],
      kinds,
    );
    const registry = new ConnectorRegistry({ cacheMs: 0 });
    const instances = await startConnectorInstances(resolved, { recorder: { record: () => Promise.resolve() }, registry, clock: systemClock, logger, onStop: (stop) => stops.push(stop) });
    const kind = archiveKind(log);
    const a = instances.get(kind, 'archive-a');
    const b = instances.get(kind, 'archive-b');
    expect([a.url, a.simulator?.url, b.url, b.simulator]).toEqual(['http://sim/A', 'http://sim/A', 'https://archive-b.example.gov.vn', null]);
    expect(instances.topics().map((t) => t.topic)).toEqual(['archive-a.archive-copy', 'archive-b.archive-copy']);

    await expect(a.port.read('x')).resolves.toBe('A:x');
    await expect(b.port.read('x')).rejects.toBeInstanceOf(UpstreamError);
    expect([a.resilience.state, b.resilience.state]).toEqual(['closed', 'open']);
    const health = await registry.health();
    expect(health.map((h) => [h.name, h.system, h.mode, h.ok, h.breaker])).toEqual([
      ['archive-a', 'Kho lưu trữ', 'simulator', true, 'closed'],
      ['archive-b', 'Kho lưu trữ Sở Nội vụ', 'remote', false, 'open'],
    ]);

    // A topic's handler calls through the instance's port (under its resilience).
    await instances.topics()[0].handler({ key: 'k1' }, { messageId: 'm', idempotencyKey: 'i', attempt: 1 });
    expect(log).toContain('archive-a read k1 at http://sim/A');

    // The job ticks every second: wait (at most 5 s on a busy machine) for its first run.
    const stopJobs = startConnectorJobs(instances.all().flatMap((instance) => instance.jobs), logger);
    const ran = 'archive-a read inventory by archive-a at http://sim/A';
    for (let waited = 0; !log.includes(ran) && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    await stopJobs();
    expect(log).toContain(ran);
    expect(() => instances.get({ ...kind, kind: 'other' }, 'archive-a')).toThrow(/no connector instance "archive-a" of kind other/);
  });

  it('a kind nobody knows, or settings its schema refuses, stop the start naming the instance and the field', () => {
    const kinds: AnyConnectorDefinition[] = [archiveKind([])];
    let problems: readonly string[] = [];
    try {
      resolveConnectorInstances([entry('archive-a', { shelf: 7 }), entry('post', {}, 'vnpost'), entry('archive-c', { shelf: 'C' })], kinds);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^test "archive-a"\.shelf /), 'test "post".kind "vnpost" is not a connector kind (known: archive)']);
  });
});
