import { tmpdir } from 'node:os';
import type PgBoss from 'pg-boss';
import {
  CONNECTOR_KINDS,
  departmentConnector,
  paymentConnector,
  populationConnector,
  portalConnector,
  postalConnector,
  procedureMessage,
  type DepartmentInstanceConfig,
  type PopulationSimulator,
  type PortalSimulator,
  type RunningDepartmentSimulator,
} from '../connectors';
import { DatabaseExchangeRecorder } from './audit';
import {
  DEPARTMENT_ENDPOINT_PATH,
  DepartmentDirectory,
  DepartmentReports,
  mountDepartmentEndpoint,
  sendDossierHandler,
  sendOnStepStart,
  sendTopic,
  type DepartmentProfile,
  type DepartmentSystem,
} from './departments';
import { createAuthenticator } from './auth/authenticator';
import { verifyIdentityHandler, VERIFY_IDENTITY } from './dossiers/identity-verification';
import type { PopulationRegistry } from './citizens/population.port';
import { mountPaymentEndpoint, PAYMENT_CONFIRM_PATH } from './payments/payment-endpoint';
import { reconcilePayments } from './payments/payment.service';
import { cancelHandler, CANCEL_TOPIC, mountPostalEndpoint, orderHandler, ORDER_TOPIC, postalHooks, POSTAL_CALLBACK_PATH, trackShipments, type PostalDependencies } from './postal';
import { checkNationalCatalogue, portalHooks, portalProceduresOf, type NationalPortal, portalSyncHandler, PORTAL_SYNC_TOPIC, pullPortalSubmissions, sweepPortalSync, type PortalPullResult } from './portal';
import type { MovedHook } from './dossiers';
import type { Config } from './config';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database';
import { isInMemory } from './db/embedded-postgres';
import { ENTITIES } from './entities';
import { prepareDatabase } from './startup';
import { buildHubSchema } from './schema';
import { startHttpServer, type HttpServer } from './http/server';
import { resolveConnectorInstances, startConnectorInstances, startConnectorJobs, type ConnectorInstance, type ConnectorInstances } from './integration/connector-instances';
import { ConnectorRegistry } from './integration/connector-registry';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { OutboxDelivery, type DeliveryHandler } from './outbox/delivery';
import { startJobQueue } from './outbox/job-queue';
import { PgBossOutbox } from './outbox/outbox';
import { createServices, type ServiceDependencies } from './services';
import { DossierChanges } from './live';
import { LOOKUP_PAGE_PATH } from './screens';
import { ANONYMOUS } from './auth/viewer';
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
  /** The departments with a system of their own: their directory, and what applies their reports (a pull run, for tests and tools). */
  readonly departments: { directory: DepartmentDirectory; reports: DepartmentReports; pull(instance: string): Promise<number> };
  /** Online payments: the reconciliation the scheduled job runs (tests run it at will). */
  readonly payments: { reconcile(): Promise<number> };
  /** The national portal: the sweep and the pull of its submissions the scheduled jobs run (tests run them at will; the sweep answers 0 when the sync is off). */
  readonly portal: { sweep(): Promise<number>; pull(): Promise<PortalPullResult> };
  /** Results and dossiers by post: the tracking the scheduled job runs (tests run it at will). */
  readonly postal: { track(): Promise<number> };
  /** Drains HTTP, stops jobs and deliveries, then closes the connectors and the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** What the departments feature needs of a department instance: the file's settings, in the feature's words. */
function departmentProfile(instance: ConnectorInstance<DepartmentSystem, RunningDepartmentSimulator, DepartmentInstanceConfig>): DepartmentProfile & { origin: string } {
  const { config } = instance;
  return {
    instance: instance.name,
    system: config.system ?? instance.name,
    agencyCode: config.agencyCode,
    pull: config.pull ? { cron: config.pull.cron } : null,
    push: config.push,
    statuses: new Map(Object.entries(config.statuses)),
    origin: instance.origin,
  };
}

/** The instance of the population kind the features use (citizens, reception, identity verification): the POPULATION_* one. */
const FEATURE_POPULATION = 'population';
/** The instance of the payment kind PayFees and the CONFIRM endpoint use: the PAYMENT_* one. */
const FEATURE_PAYMENT = 'payment';
/** The instance of the postal kind orders, tracking and callbacks use: the POSTAL_* one. */
const FEATURE_POSTAL = 'postal';
const FEATURE_PORTAL = 'portal';

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
  const database = await openDatabase(config.database, {
    ...options.database,
    entities: ENTITIES,
    writeLog: (message) => logger.debug(message),
    onListenError: (error) => logger.warn({ err: error }, 'the connection listening for dossier changes failed; opening it again (live updates wait)'),
  });
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
    const payment = instances.get(paymentConnector, FEATURE_PAYMENT).port;
    const postal = instances.get(postalConnector, FEATURE_POSTAL).port;
    const portalInstance = instances.get(portalConnector, FEATURE_PORTAL);
    const nationalPortal = portalInstance.port;
    await serveOwnCatalogue(portalInstance, database);
    // The outbox is made below; the postal feature's handlers reach it once it is (they run only after start).
    const postalRef: { deps?: PostalDependencies } = {};
    const postalDepsNow = (): PostalDependencies => {
      if (!postalRef.deps) throw new Error('postal feature used before the outbox started');
      return postalRef.deps;
    };
    const postalHandler =
      (make: (deps: PostalDependencies) => DeliveryHandler): DeliveryHandler =>
      (payload, context) =>
        make(postalDepsNow())(payload, context);
    // Each department's system serves the catalogue agency its file names (checked against the catalogue: a bad code names the file).
    const departmentInstances = instances.ofKind(departmentConnector);
    const directory = await DepartmentDirectory.resolve(database.fork(), departmentInstances.map(departmentProfile), {
      ...(config.departments.simulated ? { skipUnknownAgencies: (problem: string) => logger.warn(`${problem}: this simulated department is not connected`) } : {}),
    });
    const departmentPort = new Map(departmentInstances.map((instance): [string, DepartmentSystem] => [instance.name, instance.port]));
    // Every topic the outbox delivers, with its handler: the features' own (bound to the instance they use), then the connectors'.
    const topics = [
      { topic: VERIFY_IDENTITY, instance: FEATURE_POPULATION, handler: verifyIdentityHandler({ database, registry: population, clock }) },
      ...directory.entries.map((department) => ({
        topic: sendTopic(department.instance),
        instance: department.instance,
        handler: sendDossierHandler({ database, department, port: departmentPort.get(department.instance) as DepartmentSystem, clock }),
      })),
      { topic: ORDER_TOPIC, instance: FEATURE_POSTAL, handler: postalHandler(orderHandler) },
      { topic: CANCEL_TOPIC, instance: FEATURE_POSTAL, handler: postalHandler(cancelHandler) },
      { topic: PORTAL_SYNC_TOPIC, instance: FEATURE_PORTAL, handler: portalSyncHandler({ database, portal: nationalPortal, clock }) },
      ...instances.topics(),
    ];
    // Whose backlog each topic is (supervisors' `connectors { activity }`).
    const connectorTopics = new Map(topics.map((t) => [t.topic, t.instance]));

    const boss: PgBoss = await startJobQueue(database, topics.map((t) => t.topic), config.outbox, logger);
    closers.push(() => boss.stop({ graceful: true, wait: true, timeout: 10_000 }));
    const outbox = new PgBossOutbox(boss);
    // Every dossier created and every move is reported to the national portal, in its own transaction (PORTAL_SYNC_ENABLED).
    const portalSync = config.portal.enabled ? portalHooks(outbox) : null;
    postalRef.deps = {
      database,
      port: postal,
      outbox,
      clock,
      logger,
      officeHours: config.calendar.officeHours,
      documents: config.documents,
      senderPhone: config.postal.senderPhone,
      // A result the post delivers is reported like any move (the post's own hook has nothing to do with its own delivery).
      ...(portalSync ? { onMoved: portalSync.onMoved } : {}),
    };
    const postalMoves = postalHooks(outbox, clock);
    const onPickup = postalMoves.onPickup;
    const onMoved: MovedHook = async (tx, moved) => {
      await postalMoves.onMoved(tx, moved);
      await portalSync?.onMoved(tx, moved);
    };
    const onIntake = portalSync?.onIntake;
    const delivery = new OutboxDelivery(boss, { database, config: config.outbox, clock, logger });
    for (const { topic, handler } of topics) delivery.register(topic, handler);
    if (config.outbox.enabled) {
      await delivery.start();
      closers.push(() => delivery.stop());
    }

    // A step that starts at a department with a system is sent to it, in the transaction that starts it.
    const onStepStarted = sendOnStepStart(directory, outbox);
    const reports = new DepartmentReports({ database, directory, clock, officeHours: config.calendar.officeHours, documents: config.documents, logger, onStepStarted, onMoved });
    const pull = (instance: string): Promise<number> => {
      const department = directory.get(instance);
      const port = departmentPort.get(instance);
      if (!department || !port) throw new Error(`no department system "${instance}"`);
      return reports.pull(department, port);
    };
    // Every committed dossier change, heard once by this process, for its subscribers (screens, worklists).
    const live = await DossierChanges.start(database, logger);
    closers.push(() => Promise.resolve(live.stop()));
    const services: ServiceDependencies = {
      clock,
      live,
      maxPageSize: config.graphql.maxPageSize,
      officeHours: config.calendar.officeHours,
      documents: config.documents,
      population,
      outbox,
      connectors,
      connectorTopics,
      departments: directory,
      onStepStarted,
      payment,
      onMoved,
      onPickup,
      ...(onIntake ? { onIntake } : {}),
      postalStalledAfterMs: config.postal.stalledAfterMs,
    };
    const track = () => trackShipments(postalDepsNow());
    const sweep = () => (config.portal.enabled ? sweepPortalSync(database, outbox) : Promise.resolve(0));
    // Dossiers filed on the portal or VNeID come in through the same intake as any submission (its checks, code, documents, own portal sync).
    const pullSubmissions = () =>
      pullPortalSubmissions({
        database,
        portal: nationalPortal,
        clock,
        logger,
        // No viewer: the hub acts for the portal, and intake checks the request, not who sends it.
        intake: (em, request) => createServices(em, services, ANONYMOUS).intake.intake(request),
      });
    if (config.portal.submissionsEnabled) services.pullPortalSubmissions = pullSubmissions;
    const checkCatalogue = () => checkNationalCatalogue({ database, portal: nationalPortal, clock });
    const scheduledCheck = async () => {
      const review = await checkCatalogue();
      if (review.changes.length > 0) logger.warn({ review: review.id, changes: review.changes.length }, 'the national catalogue differs from the hub\'s: see catalogueReview, then applyCatalogueReview');
    };
    services.checkNationalCatalogue = checkCatalogue;
    const paymentDeps = { database, platform: payment, clock, logger, officeHours: config.calendar.officeHours, documents: config.documents, onMoved };
    const reconcile = () => reconcilePayments({ ...paymentDeps, olderThanMs: config.payments.reconcileAfterMs });
    const schema = await buildHubSchema();
    const { authenticate, keySource } = createAuthenticator(config.auth, isInMemory(config.database.dataDir) ? tmpdir() : config.database.dataDir);
    if (keySource.kind === 'local-secret') {
      logger.warn(`JWT_SECRET is not set: tokens are signed with the secret in ${keySource.file} (npm run token mints one); set JWT_SECRET or JWT_JWKS_URL in production`);
    }
    const scheduler: Scheduler | undefined = config.jobs.enabled ? startScheduler(config.jobs, { database, clock, logger }) : undefined;
    if (scheduler) closers.push(() => scheduler.stop());
    if (config.jobs.enabled) {
      const pulls = directory.entries.flatMap((department) => (department.pull ? [{ name: `${department.instance}.pull`, cron: department.pull.cron, run: () => pull(department.instance) }] : []));
      const reconciliation = { name: 'payment.reconcile', cron: config.payments.reconcileCron, run: reconcile };
      const tracking = { name: 'postal.track', cron: config.postal.trackingCron, run: track };
      const sweeping = config.portal.enabled ? [{ name: 'portal.sweep', cron: config.portal.sweepCron, run: sweep }] : [];
      const submissions = config.portal.submissionsEnabled ? [{ name: 'portal.submissions', cron: config.portal.submissionsCron, run: pullSubmissions }] : [];
      const catalogue = config.portal.catalogueEnabled ? [{ name: 'portal.catalogue', cron: config.portal.catalogueCron, run: scheduledCheck }] : [];
      closers.push(startConnectorJobs([...instances.all().flatMap((instance) => instance.jobs), ...pulls, reconciliation, tracking, ...sweeping, ...submissions, ...catalogue], logger));
    }
    const http: HttpServer = await startHttpServer({
      config,
      database,
      schema,
      logger,
      services,
      authenticate,
      soapEndpoints: async (app) => {
        await mountDepartmentEndpoint(app, { reports, directory, logger, maxBodyBytes: config.http.maxBodyBytes });
        mountPaymentEndpoint(app, paymentDeps);
        mountPostalEndpoint(app, postalDepsNow());
      },
    });
    closers.push(() => http.stop());
    if (config.screens.enabled || config.screens.publicUrl) {
      const base = config.screens.publicUrl ?? `http://localhost:${http.port}`;
      services.lookupPage = (code) => `${base}${LOOKUP_PAGE_PATH}?ma=${encodeURIComponent(code)}`;
    }
    // Simulated departments that push (in this process) learn where the hub listens: on a wildcard address, its IPv4 loopback.
    const local = ['0.0.0.0', '::'].includes(config.server.host) ? `http://127.0.0.1:${http.port}` : http.url;
    for (const instance of instances.all()) instance.simulator?.attachHub?.({ departments: `${local}${DEPARTMENT_ENDPOINT_PATH}`, payments: `${local}${PAYMENT_CONFIRM_PATH}`, postal: `${local}${POSTAL_CALLBACK_PATH}` });

    let stopping: Promise<void> | undefined;
    return {
      url: http.url,
      port: http.port,
      database,
      populationSimulator: populationInstance.simulator,
      population,
      connectors: instances,
      delivery,
      departments: { directory, reports, pull },
      payments: { reconcile },
      postal: { track },
      portal: { sweep, pull: pullSubmissions },
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

/** A simulated portal's national catalogue is the hub's own as it starts: a comparison finds nothing until one of them changes. */
async function serveOwnCatalogue({ simulator }: { simulator: PortalSimulator | null }, database: Database): Promise<void> {
  if (simulator && simulator.procedures.length === 0) simulator.procedures = (await portalProceduresOf(database.fork())).map(procedureMessage);
}

/**
 * The national portal's `portal` instance alone, for the catalogue command
 * (npm run catalog:sync): the adapter of PORTAL_URL under its resilience,
 * or, when it is unset, its simulator serving this database's own
 * catalogue. `stop` closes what it started.
 */
export async function openNationalPortal(config: Config, database: Database, logger: Logger): Promise<{ portal: NationalPortal; simulated: boolean; stop(): Promise<void> }> {
  const resolved = resolveConnectorInstances(config.connectors.instances, CONNECTOR_KINDS).filter((instance) => instance.name === FEATURE_PORTAL);
  const closers: Array<() => Promise<unknown>> = [];
  const stop = async (): Promise<void> => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const instances = await startConnectorInstances(resolved, {
      recorder: new DatabaseExchangeRecorder(database, logger),
      registry: new ConnectorRegistry(),
      clock: systemClock,
      logger,
      onStop: (close) => closers.push(close),
    });
    const instance = instances.get(portalConnector, FEATURE_PORTAL);
    await serveOwnCatalogue(instance, database);
    return { portal: instance.port, simulated: instance.simulator !== null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
