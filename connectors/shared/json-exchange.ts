import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import { digestMessage, type ExchangeOutcome, type ExchangeRecorder } from '../../src/integration/exchange.port';

/** The largest answer read from a JSON API (the national systems answer a few kilobytes). */
const MAX_ANSWER_BYTES = 256 * 1024;

export interface JsonExchange {
  /** The instance: the exchange log's system, the system named in errors. */
  instance: string;
  /** The system's name in Vietnamese, for the errors people read ("Nền tảng thanh toán"). */
  label: string;
  recorder?: ExchangeRecorder | undefined;
  endpoint: string;
  operation: string;
  dossierCode: string | null;
  /** The request body as sent (JSON, or a form). */
  body: string;
  headers: Record<string, string>;
  /** HTTP statuses whose answer the caller reads itself (e.g. 401 to renew a token); any other non-2xx is UpstreamError. */
  readStatuses?: readonly number[];
}

/**
 * One HTTP POST to a JSON API of an outside system: the answer parsed, or
 * `UpstreamError` (unreachable, timed out, too large, not JSON, an HTTP
 * error); recorded in the exchange log either way (digests, never bodies).
 */
export async function postJson<T>(exchange: JsonExchange, options: CallOptions): Promise<{ status: number; answer: T }> {
  const sentAt = new Date();
  let outcome: ExchangeOutcome = 'OK';
  let status: number | null = null;
  let answerText: string | null = null;
  let detail: string | null = null;
  const fail = (kind: ExchangeOutcome, message: string, cause?: unknown): never => {
    outcome = kind;
    throw new UpstreamError(exchange.instance, message, cause === undefined ? undefined : { cause });
  };
  try {
    let response: Response;
    try {
      response = await fetch(exchange.endpoint, { method: 'POST', headers: exchange.headers, body: exchange.body, redirect: 'error', ...(options.signal ? { signal: options.signal } : {}) });
      status = response.status;
      answerText = await response.text();
    } catch (error) {
      const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
      detail = error instanceof Error ? error.message : String(error);
      return fail(aborted ? 'TIMEOUT' : 'UNAVAILABLE', `Không kết nối được ${exchange.label}.`, error);
    }
    if (answerText.length > MAX_ANSWER_BYTES) fail('TOO_LARGE', `${exchange.label} trả lời quá lớn.`);
    if (!response.ok && !(exchange.readStatuses ?? []).includes(response.status)) fail('UNAVAILABLE', `${exchange.label} trả lời HTTP ${response.status}.`);
    // A refusal the caller reads itself is still recorded for what it is.
    if (!response.ok) outcome = response.status === 401 || response.status === 403 ? 'CREDENTIALS_REFUSED' : 'FAULT';
    try {
      return { status: response.status, answer: JSON.parse(answerText) as T };
    } catch {
      return fail('MALFORMED', `${exchange.label} trả lời không phải JSON.`);
    }
  } catch (error) {
    if (error instanceof UpstreamError) detail ??= error.message;
    throw error;
  } finally {
    await exchange.recorder?.record({
      system: exchange.instance,
      endpoint: exchange.endpoint,
      operation: exchange.operation,
      outcome,
      requestId: null,
      dossierCode: exchange.dossierCode,
      request: digestMessage(exchange.body, sentAt),
      response: answerText === null ? null : { ...digestMessage(answerText, new Date()), httpStatus: status },
      detail,
    });
  }
}
