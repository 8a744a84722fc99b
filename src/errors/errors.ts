import { ErrorCode } from './error-code';

/** Codes a caller can fix; they become `userErrors` entries in mutation payloads. */
export type UserErrorCode =
  | ErrorCode.NOT_FOUND
  | ErrorCode.INVALID_INPUT
  | ErrorCode.INVALID_TRANSITION
  | ErrorCode.STALE_VERSION
  | ErrorCode.MISSING_COMPONENT
  | ErrorCode.CONSENT_REQUIRED
  | ErrorCode.ALREADY_PAID;

/** Base of every error the hub raises on purpose. */
export abstract class HubError extends Error {
  abstract readonly code: ErrorCode;
}

/**
 * A mistake the caller can fix. `message` is Vietnamese, fit to show to a
 * citizen or an officer; `field` is the input path it concerns, if any.
 */
export class UserError extends HubError {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The caller is not authenticated, or may not see or do the thing. */
export class AccessError extends HubError {
  constructor(
    readonly code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN,
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

/** An outside system failed or is unreachable: an operator must look, the caller did nothing wrong. */
export class UpstreamError extends HubError {
  readonly code = ErrorCode.UPSTREAM_UNAVAILABLE;
  constructor(
    readonly system: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

/** A schema field whose issue has not landed: never answer fake data. */
export class NotImplementedError extends HubError {
  readonly code = ErrorCode.NOT_IMPLEMENTED;
  constructor(readonly feature: string) {
    super(`Chức năng "${feature}" chưa được triển khai.`);
    this.name = 'NotImplementedError';
  }
}

/** Settings that stop the start: the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
