import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createGraphQLError } from '@graphql-tools/utils';
import { readFileSync } from 'node:fs';
import type { Logger } from '../src/shared/logger';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUPERGRAPH_FILE } from './compose-config';
import { credentialsEnvironment, type GatewayDepartment } from './departments';
import { createRecordReader, linkResolvers } from './links';
import { soapTransport } from './soap-transport';
import { SOAP_TRANSPORT_KIND } from './wsdl-source';

/**
 * The gateway (Hive Gateway's runtime as a library) over the composed
 * schema: the hub's operations go to the hub with the caller's token (the
 * hub alone decides who may see what), a department's register reads go to
 * its SOAP system, and a hub step links to its department's own record.
 * Errors are masked: a client sees a message and a code, never an upstream
 * body, URL or stack (those go to the gateway's log).
 */
export interface GatewayOptions {
  /** The hub's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  hubUrl: string;
  departments: readonly GatewayDepartment[];
  /** Where each department's calls go, by name (the file's url, or the simulator the hub started). */
  departmentUrls: ReadonlyMap<string, string>;
  host: string;
  port: number;
  /** The composed schema (default schema/supergraph.graphql). */
  supergraph?: string;
  env?: NodeJS.ProcessEnv;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: Record<string, unknown>) => void;
}

/** The gateway's log lines through the hub's logger, each marked as the gateway's. */
export function gatewayLog(logger: Logger): GatewayOptions['log'] {
  return (level, message, detail) => logger[level](detail ?? {}, `gateway: ${message}`);
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  readonly runtime: GatewayRuntime;
  stop(): Promise<void>;
}

/** Extensions a client may see on an error; everything else an upstream put there is dropped. */
const SAFE_EXTENSIONS = new Set(['code', 'department', 'field', 'cost', 'maxCost']);

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraph = options.supergraph ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const env = credentialsEnvironment(options.departments, options.env ?? process.env);
  const soap = soapTransport({ env, onFailure: (detail) => options.log('warn', 'department call failed', detail) });
  const urls = new Map(options.departments.flatMap((d) => {
    const url = options.departmentUrls.get(d.name) ?? d.url;
    return url ? [[d.name, url] as const] : [];
  }));
  const records = await createRecordReader(options.departments, { urls, env, onFailure: (detail) => options.log('warn', 'department record not read', detail) });
  const runtime = createGatewayRuntime({
    supergraph,
    transportEntries: {
      // The hub's subscriptions (live updates) over its WebSocket at the same /graphql, the caller's token in the connection
      // parameters as the hub reads it; the gateway serves them to its own clients as server-sent events.
      hub: { location: options.hubUrl, options: { subscriptions: { kind: 'ws', location: options.hubUrl, options: { connectionParams: { authorization: '{context.headers.authorization}' } } } } },
      ...Object.fromEntries([...urls].map(([name, location]) => [name, { location }])),
    },
    // Only the kinds the composition writes: the hub over HTTP (its subscriptions over WebSocket), the departments over our SOAP transport.
    transports: (kind: string) => {
      if (kind === 'http') return import('@graphql-mesh/transport-http');
      if (kind === 'ws') return import('@graphql-mesh/transport-ws');
      if (kind === SOAP_TRANSPORT_KIND) return soap;
      throw new Error(`the composed schema names a transport "${kind}" the gateway does not have`);
    },
    additionalResolvers: [linkResolvers(records)] as never,
    // The caller's token goes to the hub, which decides; nothing else of the client's request does.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, subgraphName }) => (subgraphName === 'hub' ? { authorization: request.headers.get('authorization') } : {}),
    },
    maskedErrors: {
      maskError(error, message) {
        const original = error as { message?: string; extensions?: Record<string, unknown>; originalError?: unknown };
        const extensions = Object.fromEntries(Object.entries(original.extensions ?? {}).filter(([key]) => SAFE_EXTENSIONS.has(key)));
        if (typeof extensions.code === 'string' && extensions.code !== 'INTERNAL_SERVER_ERROR' && typeof original.message === 'string') {
          return createGraphQLError(original.message, { extensions, ...(Array.isArray((error as { path?: unknown }).path) ? { path: (error as { path: Array<string | number> }).path } : {}) });
        }
        options.log('error', 'unexpected error in the gateway', { message: original.message, stack: (error as Error).stack });
        return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    landingPage: false,
    graphiql: false,
    logging: false,
  });
  const server: Server = createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    url: `http://${options.host}:${port}`,
    port,
    runtime,
    stop() {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await runtime.dispose();
      })();
      return stopped;
    },
  };
}
