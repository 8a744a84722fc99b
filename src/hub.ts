import { tmpdir } from 'node:os';
import type PgBoss from 'pg-boss';
import { CONNECTOR_KINDS, populationConnector, type PopulationSimulator } from '../connectors';
import { DatabaseExchangeRecorder } from './audit';
import { createAuthenticator } from './auth/authenticator';
import { verifyIdentityHandler, VERIFY_IDENTITY } from './dossiers/identity-verification';
import type { PopulationRegistry } from './citizens/population.port';
import type { Config } from './config';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database';
import { isInMemory } from './db/embedded-postgres';
import { ENTITIES } from './entities';
import { prepareDatabase } from './startup';
import { buildHubSchema } from './schema';
import { startHttpServer, type HttpServer } from './http/server';
import { resolveConnectorInstances, startConnectorInstances, startConnectorJobs, type ConnectorInstances } from './integration/connector-instances';
import { ConnectorRegistry } from './integration/connector-registry';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { OutboxDelivery } from './outbox/delivery';
import { startJobQueue } from './outbox/job-queue';
import { PgBossOutbox } from './outbox/outbox';
import type { ServiceDependencies } from './services';
import { systemClock, type Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface HubOptions {
  logger: Logger;
  clock?: Clock;
  database?: Omit<OpenDatabaseOptions, 'entities'>;
}

/** A running hub: its HTTP server, database and connectors. */
export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  /** The built-in population simulator, when POPULATION_URL is unset. */
  readonly populationSimulator: PopulationSimulator | null;
  /** The population registry as services see it (with timeouts, retries and breaker). */
  readonly population: PopulationRegistry;
  /** Every connector instance (population first, then the CONNECTORS file's), each with its own resilience and health line. */
  readonly connectors: ConnectorInstances;
  readonly delivery: OutboxDelivery;
  /** Drains HTTP, stops jobs and deliveries, then closes the connectors and the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** The instance of the population kind the features use (citizens, reception, identity verification): the POPULATION_* one. */
const FEATURE_POPULATION = 'population';

/**
 * The composition root's one call: opens and migrates the database, starts
 * the connectors (or their simulators), the job queue and its workers, the
 * scheduled jobs, and serves GraphQL.
 */
export async function startHub(config: Config, options: HubOptions): Promise<Hub> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  // Every connector instance checked against its kind before anything starts: a bad one names its file and field.
  const resolved = resolveConnectorInstances(config.connectors.instances, CONNECTOR_KINDS);
  const database = await openDatabase(config.database, { ...options.database, entities: ENTITIES, writeLog: (message) => logger.debug(message) });
  const closers: Array<() => Promise<unknown>> = [() => database.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    await prepareDatabase(database, { seedCatalog: config.catalog.seedOnStart, logger });

    // Every request and answer goes to the tamper-evident exchange log (src/audit), awaited before the answer is used.
    const recorder = new DatabaseExchangeRecorder(database, logger);
    const connectors = new ConnectorRegistry({ cacheMs: config.connectors.healthCacheMs, onUnexpectedError: (name, error) => logger.error({ err: error, connector: name }, 'health check failed unexpectedly') });
    // Each configured instance, or its simulator: pointing at the real system is configuration only.
    const instances = await startConnectorInstances(resolved, { recorder, registry: connectors, clock, logger, onStop: (close) => closers.push(close) });
    const populationInstance = instances.get(populationConnector, FEATURE_POPULATION);
    const population = populationInstance.port;
    // Every topic the outbox delivers, with its handler: the features' own (bound to the instance they use), then the connectors'.
    const topics = [{ topic: VERIFY_IDENTITY, handler: verifyIdentityHandler({ database, registry: population, clock }) }, ...instances.topics()];

    const boss: PgBoss = await startJobQueue(database, topics.map((t) => t.topic), config.outbox, logger);
    closers.push(() => boss.stop({ graceful: true, wait: true, timeout: 10_000 }));
    const outbox = new PgBossOutbox(boss);
    const delivery = new OutboxDelivery(boss, { database, config: config.outbox, clock, logger });
    for (const { topic, handler } of topics) delivery.register(topic, handler);
    if (config.outbox.enabled) {
      await delivery.start();
      closers.push(() => delivery.stop());
    }

    const services: ServiceDependencies = {
      clock,
      maxPageSize: config.graphql.maxPageSize,
      officeHours: config.calendar.officeHours,
      documents: config.documents,
      population,
      outbox,
      connectors,
    };
    const schema = await buildHubSchema();
    const { authenticate, keySource } = createAuthenticator(config.auth, isInMemory(config.database.dataDir) ? tmpdir() : config.database.dataDir);
    if (keySource.kind === 'local-secret') {
      logger.warn(`JWT_SECRET is not set: tokens are signed with the secret in ${keySource.file} (npm run token mints one); set JWT_SECRET or JWT_JWKS_URL in production`);
    }
    const scheduler: Scheduler | undefined = config.jobs.enabled ? startScheduler(config.jobs, { database, clock, logger }) : undefined;
    if (scheduler) closers.push(() => scheduler.stop());
    if (config.jobs.enabled) closers.push(startConnectorJobs(instances, logger));
    const http: HttpServer = await startHttpServer({ config, database, schema, logger, services, authenticate });
    closers.push(() => http.stop());

    let stopping: Promise<void> | undefined;
    return {
      url: http.url,
      port: http.port,
      database,
      populationSimulator: populationInstance.simulator,
      population,
      connectors: instances,
      delivery,
      stop() {
        stopping ??= closeAll();
        return stopping;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
