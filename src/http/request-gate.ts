import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Authenticate, Viewer } from '../auth';
import { ErrorCode } from '../errors';
import type { Logger } from '../shared/logger';
import type { RateLimits } from './rate-limit';
import { documentId, type TrustedDocuments } from '../graphql/trusted-documents';
import { MAX_NESTING, nestingDepth } from './query-guards';

/** Answers a request the hub refuses before GraphQL runs, in GraphQL-over-HTTP's shape, never with a stack or the body. */
export function refuse(res: Response, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json({ errors: [{ message, extensions: { code } }] });
}

/** The viewer the gate authenticated, for the GraphQL context (so a token is verified once per request). */
export function gatedViewer(res: Response): Viewer | undefined {
  return (res.locals as { viewer?: Viewer }).viewer;
}

/** Authenticates the caller and counts the request against its rate limit (by token subject, else by address). */
export function rateLimitGate(authenticate: Authenticate, limits: RateLimits): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const viewer = await authenticate(req.header('authorization'));
      (res.locals as { viewer?: Viewer }).viewer = viewer;
      const refused = await limits.request(viewer, req.ip ?? 'unknown');
      if (refused) {
        refuse(res, 429, ErrorCode.RATE_LIMITED, `Quá nhiều yêu cầu; vui lòng thử lại sau ${refused.retryAfterSeconds} giây.`, { 'retry-after': String(refused.retryAfterSeconds) });
        return;
      }
      next();
    })().catch(next);
  };
}

export interface DocumentGateOptions {
  documents: TrustedDocuments;
  /** Only registered operations run (GRAPHQL_TRUSTED_DOCUMENTS). */
  trustedOnly: boolean;
  maxQueryBytes: number;
  maxTokens: number;
}

interface GraphqlBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/**
 * Turns a registered document's id (`documentId`, or Apollo's
 * `extensions.persistedQuery.sha256Hash`) into its text, refuses query text
 * over the size limit before it is parsed, and, in trusted-documents mode,
 * refuses any operation that is not registered. Clients can no longer
 * register documents of their own (Apollo's automatic persisted queries
 * are off): the registered ones are the project's.
 */
export function documentGate(options: DocumentGateOptions): RequestHandler {
  const { documents, trustedOnly, maxQueryBytes, maxTokens } = options;
  return (req, res, next) => {
    if (req.method === 'GET') {
      const query = typeof req.query.query === 'string' ? req.query.query : undefined;
      if (query !== undefined && Buffer.byteLength(query) > maxQueryBytes) return refuse(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Truy vấn dài quá ${maxQueryBytes} byte.`);
      if (query !== undefined && nestingDepth(query) > MAX_NESTING) return tooDeep(res);
      if (trustedOnly && query !== undefined && !registeredText(documents, query, maxTokens)) return notRegistered(res);
      return next();
    }
    const body = req.body as GraphqlBody | undefined;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return next();
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const id = typeof body.documentId === 'string' ? body.documentId : typeof hash === 'string' ? hash : undefined;
    if (body.extensions?.persistedQuery !== undefined) delete body.extensions.persistedQuery;
    delete body.documentId;
    if (typeof body.query === 'string' && Buffer.byteLength(body.query) > maxQueryBytes) {
      return refuse(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Truy vấn dài quá ${maxQueryBytes} byte; dùng thao tác đã đăng ký (documentId).`);
    }
    if (typeof body.query === 'string' && nestingDepth(body.query) > MAX_NESTING) return tooDeep(res);
    if (id !== undefined) {
      const registered = documents.byDocumentId(id);
      if (registered) {
        // The registered text runs, whatever text came beside its id.
        body.query = registered.document;
        return next();
      }
      if (typeof body.query !== 'string') return notRegistered(res);
      if (documentId(body.query) !== `sha256:${id.replace(/^sha256:/, '')}`) return refuse(res, 400, ErrorCode.INVALID_INPUT, 'Mã băm của thao tác không khớp với nội dung truy vấn.');
    }
    if (trustedOnly && (typeof body.query !== 'string' || !registeredText(documents, body.query, maxTokens))) return notRegistered(res);
    return next();
  };
}

function registeredText(documents: TrustedDocuments, text: string, maxTokens: number): boolean {
  try {
    return documents.byText(text, maxTokens) !== undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
}

/** graphql-js parses nested values recursively: a few thousand `[` overflow the stack before the token limit. Refused before parsing. */
function tooDeep(res: Response): void {
  refuse(res, 400, ErrorCode.QUERY_TOO_COMPLEX, `Truy vấn lồng ngoặc quá sâu (tối đa ${MAX_NESTING} cấp).`);
}

function notRegistered(res: Response): void {
  refuse(res, 400, ErrorCode.OPERATION_NOT_REGISTERED, 'Hệ thống chỉ chạy các thao tác đã đăng ký; gửi documentId của thao tác.');
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** body-parser's failures (its `type`), as the caller is told them. */
const BODY_ERRORS: Record<string, [number, ErrorCode, string]> = {
  'entity.too.large': [413, ErrorCode.PAYLOAD_TOO_LARGE, 'Nội dung yêu cầu vượt quá kích thước cho phép.'],
  'entity.parse.failed': [400, ErrorCode.BAD_REQUEST, 'Nội dung yêu cầu không phải JSON hợp lệ.'],
  'encoding.unsupported': [415, ErrorCode.BAD_REQUEST, 'Bảng mã của nội dung yêu cầu không được hỗ trợ; dùng UTF-8.'],
  'charset.unsupported': [415, ErrorCode.BAD_REQUEST, 'Bảng mã của nội dung yêu cầu không được hỗ trợ; dùng UTF-8.'],
  'request.aborted': [400, ErrorCode.BAD_REQUEST, 'Yêu cầu không đầy đủ.'],
  'request.size.invalid': [400, ErrorCode.BAD_REQUEST, 'Yêu cầu không đầy đủ.'],
};

/**
 * The last word on any error Express meets outside GraphQL: a JSON answer
 * with a code and a Vietnamese message, never Express's HTML page with its
 * stack, and a log line that carries the error's kind, never the body it
 * failed on (which may hold a personal id or an OTP).
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { type, status } = (error ?? {}) as BodyParserError;
    const known = type !== undefined ? BODY_ERRORS[type] : undefined;
    if (known) return refuse(res, ...known);
    if (typeof status === 'number' && status >= 400 && status < 500) return refuse(res, status, ErrorCode.BAD_REQUEST, 'Yêu cầu không hợp lệ.');
    logger.error({ path: req.path, method: req.method, errorType: error instanceof Error ? error.name : typeof error }, 'unexpected error in the HTTP layer');
    return refuse(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Lỗi hệ thống; vui lòng thử lại sau.');
  };
}
