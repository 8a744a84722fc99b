import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors, { type CorsOptions } from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticate } from '../auth';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { HubContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { TrustedDocuments } from '../graphql/trusted-documents';
import type { ConnectorRegistry } from '../integration';
import type { ServiceDependencies } from '../services';
import type { Logger } from '../shared/logger';
import { costLimitPlugin, operationGuardPlugin, shapeRules } from './query-guards';
import { lookupLimitPlugin, RateLimits } from './rate-limit';
import { documentGate, gatedViewer, httpErrorHandler, rateLimitGate } from './request-gate';
import { hubContext } from './request-context';
import { startSubscriptionServer } from './subscriptions';
import { mountScreens } from '../screens';

export interface HttpServerDeps {
  config: Config;
  authenticate: Authenticate;
  database: Database;
  schema: GraphQLSchema;
  logger: Logger;
  services: ServiceDependencies;
  /** Routes of the hub's own SOAP endpoints (departments that push), mounted before the error handler. */
  soapEndpoints?: (app: Express) => Promise<void>;
}

export interface HttpServer {
  readonly port: number;
  readonly url: string;
  /** Stops taking requests, lets open ones finish (up to the grace period), then closes. */
  stop(): Promise<void>;
}

/**
 * The readiness answer. Only the database decides it: without outside
 * systems the hub still serves (reception goes on, calls wait in the
 * outbox), so their health shows, as "degraded", without taking the hub
 * out of service.
 */
async function readiness(database: Database, connectors: ConnectorRegistry, draining: boolean) {
  const started = Date.now();
  const [databaseUp, outside] = await Promise.all([database.ping(), connectors.health()]);
  const checks: Record<string, unknown> = { database: { ok: databaseUp, kind: database.kind, latencyMs: Date.now() - started } };
  for (const connector of outside) {
    checks[connector.name] = { ok: connector.ok, mode: connector.mode, breaker: connector.breaker, latencyMs: connector.latencyMs, ...(connector.error ? { error: connector.error } : {}) };
  }
  const ok = databaseUp && !draining;
  const status = draining ? 'draining' : !databaseUp ? 'unavailable' : outside.every((c) => c.ok) ? 'ready' : 'degraded';
  return { ok, body: { status, checks } };
}

/** Whether a browser page of `origin` may call the hub (requests without an Origin are not from a page of another site). */
export function originAllowed(origins: string[], origin: string | undefined): boolean {
  if (origin === undefined || origins.includes('*') || origins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && origins.includes(`${url.protocol}//${url.hostname}`);
  } catch {
    return false;
  }
}

/**
 * Browsers' origins allowed to call the hub: the listed ones exactly, `*`
 * for any, and `http://localhost` / `http://127.0.0.1` (the development
 * default) on any port.
 */
export function corsOptions(origins: string[]): CorsOptions {
  return {
    origin(origin, callback) {
      callback(null, originAllowed(origins, origin));
    },
    methods: ['GET', 'POST'],
    maxAge: 600,
  };
}

/** Serves GraphQL at /graphql and the probes /healthz and /readyz, behind the guards of SECURITY.md. */
export async function startHttpServer(deps: HttpServerDeps): Promise<HttpServer> {
  const { config, database, schema, logger, services, authenticate } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  const httpServer: Server = createServer(app);
  let draining = false;
  const limits = config.graphql.limits;
  const rateLimits = new RateLimits(config.http.rateLimits);
  const documents = TrustedDocuments.load();

  // The explorer to try queries in (Apollo Sandbox, loaded by the browser from Apollo's CDN).
  const landingPage = config.graphql.landingPage
    ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
    : ApolloServerPluginLandingPageDisabled();
  const apollo = new ApolloServer<HubContext>({
    schema,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // Clients cannot register documents of their own; registered ones are the project's (src/graphql/trusted-documents.ts).
    persistedQueries: false,
    // Parsing stops at the token limit, so a huge document costs little before it is refused.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: shapeRules(limits),
    // The composition root handles SIGTERM: drain, close the database, exit 0. Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    logger,
    formatError: formatError((error) => logger.error({ err: error }, 'unexpected error in a GraphQL request')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.server.shutdownGraceMs }),
      // Subscriptions end with the server: their sockets were upgraded out of the HTTP server's reach.
      { serverWillStart: () => Promise.resolve({ drainServer: () => subscriptions.stop() }) },
      landingPage,
      // The hub sets no cache hints (answers are per viewer and change with every move); Apollo's default cache-control
      // plugin would still wrap every field's resolver to compute them (about a tenth of a worklist page's CPU).
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(schema, limits),
      operationGuardPlugin(),
      lookupLimitPlugin(rateLimits),
    ],
  });
  await apollo.start();
  const subscriptions = startSubscriptionServer({
    httpServer,
    schema,
    config,
    database,
    services,
    authenticate,
    rateLimits,
    documents,
    logger,
    originAllowed: (origin) => originAllowed(config.http.corsOrigins, origin),
    clientAddress: (request) => proxyaddr(request, app.get('trust proxy fn') as (address: string, index: number) => boolean),
  });

  // Security headers on every answer; the explorer's page (development) needs its CDN scripts, so no CSP while it is on.
  app.use(
    helmet({
      contentSecurityPolicy: config.graphql.landingPage ? false : { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: config.http.production,
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ok, body } = await readiness(database, services.connectors, draining);
    res.status(ok ? 200 : 503).json(body);
  });
  app.use(
    '/graphql',
    cors(corsOptions(config.http.corsOrigins)),
    rateLimitGate(authenticate, rateLimits),
    express.json({ limit: config.http.maxBodyBytes }),
    documentGate({ documents, trustedOnly: config.graphql.trustedDocuments, maxQueryBytes: config.graphql.maxQueryBytes, maxTokens: limits.maxTokens }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = gatedViewer(res) ?? (await authenticate(req.header('authorization')));
        return hubContext(database, services, { viewer, clientAddress: req.ip ?? 'unknown', requestId: req.header('x-request-id') ?? randomUUID() });
      },
    }),
  );
  if (deps.soapEndpoints) await deps.soapEndpoints(app);
  if (config.screens.enabled) mountScreens(app);
  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.server.port, config.server.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.server.host === '0.0.0.0' || config.server.host === '::' ? 'localhost' : config.server.host;
  return {
    port,
    url: `http://${shownHost}:${port}`,
    async stop() {
      draining = true;
      await apollo.stop();
    },
  };
}
