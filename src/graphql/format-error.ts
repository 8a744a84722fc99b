import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode, HubError, UserError } from '../errors';

/** Where errors the caller must not see in detail go. */
export type BugReporter = (error: unknown) => void;

/**
 * Shapes every error the API answers: the hub's own errors keep their code
 * and Vietnamese message; GraphQL's own (syntax, validation, variables)
 * pass through; anything else is a bug, reported to the log and answered
 * as INTERNAL_SERVER_ERROR without stack, SQL or message.
 */
export function formatError(report: BugReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof HubError) {
      const field = original instanceof UserError ? original.field : undefined;
      return { ...base, message: original.message, extensions: { code: original.code, ...(field ? { field } : {}) } };
    }
    if (original instanceof ArgumentValidationError) {
      return { ...base, message: 'Dữ liệu đầu vào không hợp lệ.', extensions: { code: ErrorCode.INVALID_INPUT } };
    }
    const code = formatted.extensions?.code;
    const isGraphqlOwn = formatted.path === undefined && typeof code === 'string' && code !== String(ErrorCode.INTERNAL_SERVER_ERROR);
    const isOwnScalar = code === String(ErrorCode.INVALID_INPUT);
    if (isGraphqlOwn || isOwnScalar) return { ...formatted, extensions: { code } };
    report(original);
    return { ...base, message: 'Lỗi hệ thống; vui lòng thử lại sau.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
