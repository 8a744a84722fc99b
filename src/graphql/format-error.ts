import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode, HubError, UserError } from '../errors';
import { maskPersonalIds } from '../shared/logger';

/** Where errors the caller must not see in detail go. */
export type BugReporter = (error: unknown) => void;

const INTERNAL_MESSAGE = 'Lỗi hệ thống; vui lòng thử lại sau.';
const INVALID_INPUT_MESSAGE = 'Dữ liệu đầu vào không hợp lệ.';
const NUL_MESSAGE = 'Dữ liệu gửi lên chứa ký tự không được phép (ký tự NUL, \\u0000).';

/**
 * SQLSTATEs (class 22, data exception) with which PostgreSQL refuses a
 * value the caller sent: NUL in text (22021; 22P05 in JSON), a value too
 * long for its column, a cursor's timestamp or id that is not one, a
 * negative LIMIT. The hub's own statements never cause these, so they are
 * the caller's error, whatever field carried the value (one central rule
 * instead of a check on every string argument).
 */
const REFUSED_DATA: Readonly<Record<string, string>> = {
  '22021': NUL_MESSAGE,
  '22P05': NUL_MESSAGE,
  '22001': 'Một giá trị gửi lên dài quá mức cho phép.',
  '22P02': INVALID_INPUT_MESSAGE,
  '22007': INVALID_INPUT_MESSAGE,
  '22008': INVALID_INPUT_MESSAGE,
  '22003': INVALID_INPUT_MESSAGE,
  '2201W': INVALID_INPUT_MESSAGE,
  '2201X': INVALID_INPUT_MESSAGE,
};

/**
 * PostgreSQL reads a bound text parameter as a C string: a NUL in one
 * leaves bytes over, and the server (PostgreSQL 15 and PGlite alike)
 * answers this protocol error instead of 22021.
 */
const NUL_IN_PARAMETER = { code: '08P01', message: 'invalid message format' };

/** The message PostgreSQL's refusal of a caller's value gets, or undefined when `error` is not one (its cause is followed). */
function refusedDataMessage(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && Object.hasOwn(REFUSED_DATA, code)) return REFUSED_DATA[code];
    // MikroORM puts the statement before the server's message: "select ... - invalid message format".
    if (code === NUL_IN_PARAMETER.code && typeof message === 'string' && message.endsWith(NUL_IN_PARAMETER.message)) return NUL_MESSAGE;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when one of our scalars refused the value, however graphql-js and Apollo wrapped its error (variables, literals). */
function refusedByScalar(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError; depth++) {
    if (current.extensions.code === ErrorCode.INVALID_INPUT) return true;
    current = current.originalError;
  }
  return false;
}

/** Longest message answered: enough for ours; a GraphQL message quoting a huge input value is cut. */
const MAX_MESSAGE_LENGTH = 1000;
/** Statements of SQL, as a driver's message quotes them. */
const SQL_TEXT = /\b(?:select\s+\S[^;]{0,200}?\s+from|insert\s+into|update\s+\S+\s+set|delete\s+from|alter\s+table|drop\s+table)\b/i;
/** A stack frame or a source location: `at fn (/path/file.ts:12:3)`. */
const SOURCE_LOCATION = /\.(?:ts|js|mjs|cjs):\d+(?::\d+)?\b|\bat\s+\S+\s+\(/;

/**
 * What any error message may show a caller: its first line (a stack trace
 * never follows), at most MAX_MESSAGE_LENGTH characters, no SQL or source
 * location (`fallback` replaces such a message), no whole personal id, and
 * no "Did you mean ...?" (GraphQL suggests field, argument, type and enum
 * names from the schema: that would show the schema with introspection off).
 */
export function safeMessage(message: string, fallback: string): string {
  let text = message.split('\n', 1)[0] ?? '';
  const suggestion = text.indexOf('Did you mean');
  if (suggestion !== -1) text = text.slice(0, suggestion).trimEnd();
  if (text.length > MAX_MESSAGE_LENGTH) text = `${text.slice(0, MAX_MESSAGE_LENGTH)}…`;
  if (text === '' || SQL_TEXT.test(text) || SOURCE_LOCATION.test(text)) return fallback;
  return maskPersonalIds(text);
}

/**
 * Shapes every error the API answers: the hub's own errors keep their code
 * and Vietnamese message; a value PostgreSQL refuses as data, or one of
 * our scalars refuses, is INVALID_INPUT; GraphQL's own (syntax, validation,
 * variables) pass through; anything else is a bug, reported to the log and
 * answered as INTERNAL_SERVER_ERROR without stack, SQL or message. Every
 * message that goes out passes through `safeMessage`.
 */
export function formatError(report: BugReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof HubError) {
      const field = original instanceof UserError ? original.field : undefined;
      const fallback = original instanceof UserError ? INVALID_INPUT_MESSAGE : INTERNAL_MESSAGE;
      return { ...base, message: safeMessage(original.message, fallback), extensions: { code: original.code, ...(field ? { field } : {}) } };
    }
    if (original instanceof ArgumentValidationError) {
      return { ...base, message: INVALID_INPUT_MESSAGE, extensions: { code: ErrorCode.INVALID_INPUT } };
    }
    const refused = refusedDataMessage(original);
    if (refused !== undefined) return { ...base, message: refused, extensions: { code: ErrorCode.INVALID_INPUT } };
    if (refusedByScalar(error)) {
      return { ...base, message: safeMessage(formatted.message, INVALID_INPUT_MESSAGE), extensions: { code: ErrorCode.INVALID_INPUT } };
    }
    const code = formatted.extensions?.code;
    const isGraphqlOwn = formatted.path === undefined && typeof code === 'string' && code !== String(ErrorCode.INTERNAL_SERVER_ERROR);
    if (isGraphqlOwn) return { ...base, message: safeMessage(formatted.message, INVALID_INPUT_MESSAGE), extensions: { code } };
    report(original);
    return { ...base, message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
