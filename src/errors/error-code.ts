/**
 * Every error code the hub answers with, in `userErrors[].code` or in a
 * GraphQL error's `extensions.code`. The contract's codes come first.
 */
export enum ErrorCode {
  // The caller can fix these (userErrors, or a query's error).
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  STALE_VERSION = 'STALE_VERSION',
  MISSING_COMPONENT = 'MISSING_COMPONENT',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  ALREADY_PAID = 'ALREADY_PAID',
  // Who the caller is, and what they may do.
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  // The request itself is refused before anything runs (issue 7's guards).
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  BAD_REQUEST = 'BAD_REQUEST',
  /** Trusted-documents mode: the operation is not one the hub has registered. */
  OPERATION_NOT_REGISTERED = 'OPERATION_NOT_REGISTERED',
  // An operator must act: an outside system failed.
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  // A field whose issue has not landed yet.
  NOT_IMPLEMENTED = 'NOT_IMPLEMENTED',
  // A developer must act: a bug. Never carries details to the caller.
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
