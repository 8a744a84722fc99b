/** What a caller may pass to any port method: a signal that aborts the call (timeouts, shutdown). */
export interface CallOptions {
  signal?: AbortSignal;
}
