import { getOperationAST, GraphQLError, OperationTypeNode, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ANONYMOUS, type Authenticate, type Viewer } from '../auth';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ErrorCode } from '../errors';
import type { HubContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import type { ServiceDependencies } from '../services';
import type { Logger } from '../shared/logger';
import { nulInOperation, nulRefused, operationCost, shapeRules, tooCostly } from './query-guards';
import { countLookups, type RateLimits } from './rate-limit';
import { hubContext } from './request-context';

/** Operations one connection may run at once: a screen watches a handful. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

export interface SubscriptionServerDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  config: Config;
  database: Database;
  services: ServiceDependencies;
  authenticate: Authenticate;
  rateLimits: RateLimits;
  documents: TrustedDocuments;
  logger: Logger;
  /** Whether a browser page of this origin may connect (the CORS setting's rule). */
  originAllowed: (origin: string | undefined) => boolean;
  /** The caller's address, as Express reads it behind TRUST_PROXY's proxies. */
  clientAddress: (request: IncomingMessage) => string;
}

interface ConnectionState {
  authorization: string | undefined;
  viewer: Viewer;
  address: string;
  operations: number;
}

/** A page the hub served itself (the screens) connects from its own origin, whatever CORS_ORIGINS lists. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || req.headers.host === undefined) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** graphql-js's own errors with the code Apollo gives them over HTTP, so that both transports answer alike. */
function coded(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) at
 * /graphql, beside the HTTP endpoint and under the same rules: the token
 * (connection parameter `authorization`, "Bearer …") decides as for a
 * query, and each field checks it again at each event; documents are
 * parsed within the token limit, validated with the same shape rules, and
 * held to the registered operations in trusted-documents mode; a code
 * looked up counts against the lookup limit. Only subscriptions run here:
 * queries and mutations go over HTTP, with its limits.
 */
export function startSubscriptionServer(deps: SubscriptionServerDeps): { stop(): Promise<void> } {
  const { httpServer, schema, config, database, services, authenticate, rateLimits, documents, logger } = deps;
  const limits = config.graphql.limits;
  const rules = [...specifiedRules, ...shapeRules(limits)];
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.min(config.http.maxBodyBytes, 1024 * 1024) });
  const format = formatError((error) => logger.error({ err: error }, 'unexpected error in a GraphQL subscription'));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/graphql') return refuseUpgrade(socket, '404 Not Found');
    if (!sameOrigin(req) && !deps.originAllowed(req.headers.origin)) return refuseUpgrade(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object): ConnectionState => {
    const state = states.get(extra);
    if (!state) throw new Error('subscription before the connection was acknowledged');
    return state;
  };

  const disposer = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      schema,
      async onConnect(ctx) {
        const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        // An empty one is none (a gateway passes on the header its client did not send as an empty parameter).
        const authorization = typeof given === 'string' && given.trim() !== '' ? given : undefined;
        const viewer = authorization === undefined ? ANONYMOUS : await authenticate(authorization);
        // A token that fails is refused at once (4403), as a query with it would be on a protected field.
        if (authorization !== undefined && viewer.kind !== 'user') return false;
        const address = deps.clientAddress(ctx.extra.request);
        if (await rateLimits.request(viewer, address)) return false;
        states.set(ctx.extra, { authorization, viewer, address, operations: 0 });
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const state = stateOf(ctx.extra);
        let document: DocumentNode;
        try {
          if (Buffer.byteLength(payload.query) > config.graphql.maxQueryBytes) return [new GraphQLError(`Truy vấn dài quá ${config.graphql.maxQueryBytes} byte.`, { extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } })];
          if (config.graphql.trustedDocuments && !documents.byText(payload.query, limits.maxTokens)) {
            return [new GraphQLError('Hệ thống chỉ chạy các thao tác đã đăng ký.', { extensions: { code: ErrorCode.OPERATION_NOT_REGISTERED } })];
          }
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError) return [coded(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [new GraphQLError('Kết nối WebSocket chỉ dùng cho subscription; truy vấn và thay đổi gửi qua HTTP POST /graphql.', { extensions: { code: ErrorCode.BAD_REQUEST } })];
        }
        const variables = payload.variables ?? {};
        if (nulInOperation(document, variables)) return [nulRefused()];
        const cost = operationCost(schema, document, payload.operationName ?? undefined, variables, limits);
        if (cost !== null && cost > limits.maxCost) return [tooCostly(cost, limits)];
        if (state.operations >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`Mỗi kết nối theo dõi tối đa ${MAX_SUBSCRIPTIONS_PER_CONNECTION} mục.`, { extensions: { code: ErrorCode.RATE_LIMITED } })];
        }
        const lookups = countLookups(document);
        if (lookups > 0 && (await rateLimits.lookup(state.viewer, state.address, lookups))) {
          return [new GraphQLError('Tra cứu quá nhiều mã hồ sơ; vui lòng thử lại sau.', { extensions: { code: ErrorCode.RATE_LIMITED } })];
        }
        state.operations += 1;
        const who = { viewer: state.viewer, clientAddress: state.address, requestId: randomUUID() };
        const context: HubContext = hubContext(database, services, who);
        // Each event: a fresh unit of work, in place (the resolvers hold this object), for the token as it is now.
        context.renew = async () => {
          const viewer = state.authorization === undefined ? ANONYMOUS : await authenticate(state.authorization);
          Object.assign(context, hubContext(database, services, { ...who, viewer }));
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
      },
      onComplete(ctx) {
        const state = states.get(ctx.extra);
        if (state) state.operations = Math.max(0, state.operations - 1);
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => format(error.toJSON(), error));
      },
    },
    wss,
  );

  return {
    async stop() {
      httpServer.off('upgrade', onUpgrade);
      await disposer.dispose();
    },
  };
}
