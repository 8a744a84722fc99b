import cron, { type ScheduledTask } from 'node-cron';
import type { ConnectorInstanceEntry } from '../config';
import { ConfigError } from '../errors';
import type { DeliveryHandler } from '../outbox';
import type { Clock } from '../shared/clock';
import { CENTRE_TIME_ZONE } from '../shared/local-time';
import type { Logger } from '../shared/logger';
import type { ConnectorDefinition, ConnectorSettings, RunningSimulator } from './connector.port';
import type { ConnectorRegistry } from './connector-registry';
import type { ExchangeRecorder } from './exchange.port';
import { Resilience, withResilience } from './resilience';

/** A definition of any kind, as the list of kinds holds them. */
export type AnyConnectorDefinition = ConnectorDefinition<ConnectorSettings, object, RunningSimulator>;

/** An instance whose settings passed its kind's schema, not started yet. */
export interface ResolvedInstance {
  readonly name: string;
  readonly origin: string;
  readonly definition: AnyConnectorDefinition;
  readonly config: ConnectorSettings;
}

/**
 * Checks every configured instance against its kind: the kind must exist
 * and the settings must pass its schema. Throws one ConfigError naming,
 * for each problem, where the instance was configured and the field.
 */
export function resolveConnectorInstances(entries: readonly ConnectorInstanceEntry[], kinds: readonly AnyConnectorDefinition[]): ResolvedInstance[] {
  const problems: string[] = [];
  const resolved: ResolvedInstance[] = [];
  for (const entry of entries) {
    const definition = kinds.find((kind) => kind.kind === entry.kind);
    if (!definition) {
      problems.push(`${entry.origin}.kind "${entry.kind}" is not a connector kind (known: ${kinds.map((k) => k.kind).join(', ')})`);
      continue;
    }
    const parsed = definition.configSchema.safeParse(entry.settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
        problems.push(`${entry.origin}${field} ${issue.message}`);
      }
      continue;
    }
    resolved.push({ name: entry.name, origin: entry.origin, definition, config: parsed.data });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}

/** One running instance: its port under its own resilience, the adapter itself, its simulator if the hub started one. */
export interface ConnectorInstance<Port extends object = object, Simulator extends RunningSimulator = RunningSimulator, Config extends ConnectorSettings = ConnectorSettings> {
  readonly name: string;
  readonly kind: string;
  /** Where it was configured, for messages (e.g. its department file). */
  readonly origin: string;
  /** Its settings, as its kind's schema made them. */
  readonly config: Config;
  /** What services and handlers call: the adapter under the instance's timeout, retries and breaker. */
  readonly port: Port;
  /** The adapter alone (health checks, tests of the protocol). */
  readonly adapter: Port;
  readonly resilience: Resilience;
  /** The built-in simulator, when the instance has no `url`. */
  readonly simulator: Simulator | null;
  readonly url: string;
  /** The outbox topics this instance delivers (`<instance>.<topic>`), with their handlers. */
  readonly topics: ReadonlyArray<{ topic: string; handler: DeliveryHandler }>;
  /** Its scheduled jobs (`<instance>.<job>`), bound to its port. */
  readonly jobs: readonly InstanceJob[];
}

/** The running instances, by name. */
export class ConnectorInstances {
  constructor(private readonly instances: ReadonlyMap<string, ConnectorInstance>) {}

  /** The instance `name`, typed by its kind's definition; throws when there is none of that kind (a wiring bug). */
  get<Config extends ConnectorSettings, Port extends object, Simulator extends RunningSimulator>(
    definition: ConnectorDefinition<Config, Port, Simulator>,
    name: string,
  ): ConnectorInstance<Port, Simulator, Config> {
    const instance = this.instances.get(name);
    if (!instance || instance.kind !== definition.kind) throw new Error(`no connector instance "${name}" of kind ${definition.kind}`);
    return instance as unknown as ConnectorInstance<Port, Simulator, Config>;
  }

  /** Every instance of one kind, typed by its definition. */
  ofKind<Config extends ConnectorSettings, Port extends object, Simulator extends RunningSimulator>(
    definition: ConnectorDefinition<Config, Port, Simulator>,
  ): Array<ConnectorInstance<Port, Simulator, Config>> {
    return this.all()
      .filter((instance) => instance.kind === definition.kind)
      .map((instance) => this.get(definition, instance.name));
  }

  /** Every instance, in the order they were configured. */
  all(): ConnectorInstance[] {
    return [...this.instances.values()];
  }

  /** Every topic the instances deliver, with the instance that delivers it. */
  topics(): Array<{ topic: string; instance: string; handler: DeliveryHandler }> {
    return this.all().flatMap((instance) => instance.topics.map((topic) => ({ ...topic, instance: instance.name })));
  }
}

export interface StartConnectorsDependencies {
  recorder: ExchangeRecorder;
  /** Where each instance's health line is registered (/readyz and `connectors`). */
  registry: ConnectorRegistry;
  clock: Clock;
  logger: Logger;
  /** Hears each thing to close when the hub stops (simulators), in start order. */
  onStop: (close: () => Promise<unknown>) => void;
}

/**
 * Starts each instance: its simulator when it has no `url`, its adapter,
 * its own Resilience (so that one system's breaker never cuts off
 * another), its health line, and its topics.
 */
export async function startConnectorInstances(resolved: readonly ResolvedInstance[], deps: StartConnectorsDependencies): Promise<ConnectorInstances> {
  const started = new Map<string, ConnectorInstance>();
  for (const { name, origin, definition, config } of resolved) {
    let simulator: RunningSimulator | null = null;
    let url = config.url;
    if (url === undefined) {
      const running = await definition.simulator.start(config);
      simulator = running;
      deps.onStop(() => running.stop());
      url = running.url;
      const where = name === 'population' ? 'POPULATION_URL' : `"url" in ${origin}`;
      deps.logger.info(`${name} (${config.system ?? definition.system}): simulator at ${url} (set ${where} to use the real one)`);
    }
    const adapter = definition.create({ ...config, url }, { instance: name, recorder: deps.recorder });
    const resilience = new Resilience(name, config.resilience);
    const port = withResilience<object>(adapter, resilience, definition.methods);
    const context = { instance: name, clock: deps.clock, logger: deps.logger };
    deps.registry.register({
      name,
      system: config.system ?? definition.system,
      protocol: definition.protocol,
      mode: simulator ? 'simulator' : 'remote',
      url,
      resilience,
      ping: (options) => definition.health(adapter, options),
    });
    started.set(name, {
      name,
      kind: definition.kind,
      origin,
      config,
      port,
      adapter,
      resilience,
      simulator,
      url,
      topics: definition.topics.map((topic) => ({ topic: `${name}.${topic.topic}`, handler: topic.handler(port, context) })),
      jobs: definition.jobs.map((job) => ({ name: `${name}.${job.name}`, cron: job.cron, run: () => job.run(port, context) })),
    });
  }
  return new ConnectorInstances(started);
}

/** A job scheduled per connector instance: its kind's own, or a feature's bound to it (a department's pull). */
export interface InstanceJob {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
}

/**
 * Schedules jobs of connector instances (node-cron, the centre's local
 * time; a tick is skipped while the last run goes on). Returns how to stop
 * them and wait for runs in progress.
 */
export function startConnectorJobs(jobs: readonly InstanceJob[], logger: Logger): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs
    .map((job) =>
      cron.schedule(
        job.cron,
        () => {
          const run = job.run().catch((error: unknown) => logger.error({ err: error, job: job.name }, 'a connector job failed; it runs again at the next tick'));
          running.add(run);
          void run.finally(() => running.delete(run));
          return run;
        },
        { name: job.name, noOverlap: true, timezone: CENTRE_TIME_ZONE },
      ),
    );
  return async () => {
    for (const task of tasks) await task.stop();
    await Promise.allSettled([...running]);
  };
}
