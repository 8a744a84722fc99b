import { randomUUID } from 'node:crypto';
import * as soap from 'soap';
import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import { digestMessage, type Exchange, type ExchangeOutcome, type ExchangeRecorder } from '../../src/integration/exchange.port';
import { soapBodyElement } from './soap-body';

/** An answer the adapter cannot use (a missing field, a wrong type, the wrong namespace): the upstream's fault, for an operator. */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
}

/** The system answered its health check with a state other than OK. */
export class UnhealthyAnswerError extends Error {
  override name = 'UnhealthyAnswerError';
}

/** What callers are told, by category: fixed texts, never the upstream's words. */
export type UpstreamCategory = 'UNAVAILABLE' | 'TIMEOUT' | 'CREDENTIALS_REFUSED' | 'MALFORMED';

/** A SOAP 1.1 fault as the `soap` package reads it. */
export interface SoapFault {
  faultcode?: unknown;
  faultstring?: unknown;
  detail?: { MaLoi?: unknown } & Record<string, unknown>;
}

/** A failure sorted: what the log records, what the caller gets, and the detail for the masked log. */
export interface Failure {
  outcome: ExchangeOutcome;
  error: Error;
  detail: string;
}

export interface SoapTransportConfig {
  /** The WSDL: a file (the hub's copy) or an http(s) URL. */
  wsdl: string;
  /** The endpoint calls go to (the WSDL's own address is ignored). */
  url: string;
  /** WS-Security UsernameToken (PasswordText), when the system wants one. */
  credentials?: { username: string; password: string };
  /** Largest answer accepted, in bytes; a longer one is abandoned as it arrives. Default 1 MiB. */
  maxAnswerBytes?: number;
  /** Where every request and answer goes (the exchange log). Default: nowhere (tools and tests of the protocol alone). */
  recorder?: ExchangeRecorder;
  /** The connector instance: the exchange log's `system`, the system named in errors. */
  instance: string;
  /** The fixed texts callers get, by category. */
  messages: Readonly<Record<UpstreamCategory, string>>;
  /** The kind's own reading of a fault (a refused consent, a refused dossier), before the generic categories; null: not one of its own. */
  classifyFault?: (fault: SoapFault, error: unknown, detail: string) => Failure | null;
}

interface SoapFailureShape {
  root?: { Envelope?: { Body?: { Fault?: SoapFault } } };
  response?: { status?: number };
  code?: string;
  message?: string;
}

/** What the soap client's events tell of one exchange (its `exchangeId`). */
interface Trace {
  request?: { at: Date; xml: string };
  response?: { at: Date; body: string | null; status: number | null };
}

type SoapCall = (args: Record<string, unknown>, options?: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;

const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * What went wrong, for the masked operator log: an Error's name and
 * message, or the object the `soap` package rejects with when it cannot
 * read an answer (`{ Fault: { faultstring: 'Invalid XML', detail } }`).
 */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  const fault = (error as { Fault?: { faultstring?: unknown; detail?: unknown } } | null)?.Fault;
  if (fault) return `${typeof fault.faultstring === 'string' ? fault.faultstring : 'unreadable answer'}: ${typeof fault.detail === 'string' ? fault.detail : JSON.stringify(fault.detail ?? null)}`;
  return typeof error === 'string' ? error : JSON.stringify(error ?? null);
}

/** A fault's own words, for the masked operator log only. */
export function describeFault(fault: SoapFault): string {
  return `SOAP fault ${JSON.stringify(fault.detail?.MaLoi ?? fault.faultcode ?? null)}: ${JSON.stringify(fault.faultstring ?? null)}`;
}

/**
 * One SOAP system over the `soap` package, as every SOAP connector speaks
 * it: WS-Security UsernameToken, the caller's signal on every request,
 * answers capped in size and required to carry an element of the WSDL's
 * target namespace (a DOCTYPE, forbidden in SOAP, fails that check, so no
 * entity is ever expanded), every exchange handed to the recorder
 * (awaited) before its answer is used, and every failure sorted into the
 * hub's errors by who must act. Timeouts, retries and the breaker wrap
 * the adapter from outside (src/integration/resilience.ts).
 */
export class SoapTransport {
  private client: Promise<{ client: soap.Client; namespace: string }> | undefined;
  private readonly traces = new Map<string, Trace>();
  private readonly maxAnswerBytes: number;

  constructor(private readonly config: SoapTransportConfig) {
    this.maxAnswerBytes = config.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  }

  get instance(): string {
    return this.config.instance;
  }

  /** An UpstreamError with the fixed text of `category`. */
  upstream(category: UpstreamCategory, cause: unknown): UpstreamError {
    return new UpstreamError(this.config.instance, this.config.messages[category], { cause });
  }

  /** The client, made once from the WSDL (again after a failure to load it). */
  connect(): Promise<{ client: soap.Client; namespace: string }> {
    this.client ??= soap
      .createClientAsync(this.config.wsdl, {
        endpoint: this.config.url,
        wsdl_options: { maxContentLength: this.maxAnswerBytes, maxRedirects: 0 },
        // Each client its own WSDL object: the soap package's cache is keyed by location only, so the options of whichever
        // client came first would win for all (the adapter keeps its client, so the WSDL is still read once).
        disableCache: true,
        // Money never goes through a binary float: an xsd:decimal is read as the exact text sent (a mapping may $number it).
        customDeserializer: { decimal: (text: string) => text },
      })
      .then((client) => {
        const { credentials } = this.config;
        if (credentials) client.setSecurity(new soap.WSSecurity(credentials.username, credentials.password, { passwordType: 'PasswordText', hasTimeStamp: false }));
        client.on('request', (xml: string, exchangeId: string) => {
          const trace = this.traces.get(exchangeId);
          if (trace) trace.request = { at: new Date(), xml };
        });
        client.on('response', (body: unknown, response: { status?: number } | null | undefined, exchangeId: string) => {
          const trace = this.traces.get(exchangeId);
          if (trace) trace.response = { at: new Date(), body: typeof body === 'string' ? body : null, status: response?.status ?? null };
        });
        const namespace = (client.wsdl.definitions as { $targetNamespace?: string }).$targetNamespace ?? '';
        return { client, namespace };
      })
      .catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
    return this.client;
  }

  /**
   * One SOAP call: sends it with the size cap and the caller's signal,
   * checks the answer's namespace, lets `read` turn it into a result, then
   * records the exchange (awaited: a call whose exchange cannot be recorded
   * fails, and its answer is not used) and returns or throws.
   */
  async call<T>(
    operation: string,
    correlation: { requestId: string | null; dossierCode: string | null },
    args: Record<string, unknown>,
    options: CallOptions,
    read: (answer: Record<string, unknown>) => T | Promise<T>,
  ): Promise<T> {
    const { client, namespace } = await this.connect().catch((error: unknown) => {
      throw this.upstream('UNAVAILABLE', error);
    });
    const method = (client as unknown as Record<string, SoapCall | undefined>)[`${operation}Async`];
    if (typeof method !== 'function') throw this.upstream('UNAVAILABLE', new Error(`the WSDL has no operation ${operation}`));
    const exchangeId = randomUUID();
    const trace: Trace = {};
    this.traces.set(exchangeId, trace);
    let result: { ok: true; value: T } | { ok: false; failure: Failure };
    try {
      const [answer] = await method.call(client, args, { exchangeId, signal: options.signal, maxContentLength: this.maxAnswerBytes, maxRedirects: 0 });
      const element = trace.response?.body ? soapBodyElement(trace.response.body) : null;
      if (element?.namespace !== namespace) {
        throw new MalformedAnswerError(`the body element ${element ? `{${element.namespace ?? ''}}${element.localName}` : '(none)'} is not in the WSDL's namespace ${namespace}`);
      }
      if (answer === null || typeof answer !== 'object') throw new MalformedAnswerError('the answer has no body element the WSDL describes');
      result = { ok: true, value: await read(answer as Record<string, unknown>) };
    } catch (error) {
      result = { ok: false, failure: this.classify(error, options.signal?.aborted ?? false) };
    } finally {
      this.traces.delete(exchangeId);
    }
    if (trace.request && this.config.recorder) {
      const exchange: Exchange = {
        system: this.config.instance,
        endpoint: this.config.url,
        operation,
        outcome: result.ok ? 'OK' : result.failure.outcome,
        ...correlation,
        request: digestMessage(trace.request.xml, trace.request.at),
        response: typeof trace.response?.body === 'string' ? { ...digestMessage(trace.response.body, trace.response.at), httpStatus: trace.response.status } : null,
        detail: result.ok ? null : result.failure.detail,
      };
      await this.config.recorder.record(exchange);
    }
    if (!result.ok) throw result.failure.error;
    return result.value;
  }

  /**
   * Maps what went wrong to who must act (STYLE habit 5): the kind's own
   * faults first; anything else (network, timeout, a fault, 5xx, a refused
   * request, an answer too large or of the wrong shape) is for an
   * operator, as an UpstreamError with a fixed text by category.
   */
  private classify(error: unknown, aborted: boolean): Failure {
    const e = (error ?? {}) as SoapFailureShape;
    const detail = describeFailure(error);
    if (error instanceof MalformedAnswerError) return { outcome: 'MALFORMED', error: this.upstream('MALFORMED', error), detail };
    const fault = e.root?.Envelope?.Body?.Fault;
    const faultDetail = fault ? describeFault(fault) : detail;
    const own = fault ? this.config.classifyFault?.(fault, error, faultDetail) : null;
    if (own) return own;
    const status = e.response?.status;
    if (status === 401 || status === 403) return { outcome: 'CREDENTIALS_REFUSED', error: this.upstream('CREDENTIALS_REFUSED', error), detail: faultDetail };
    if (e.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(e.message ?? '')) return { outcome: 'TOO_LARGE', error: this.upstream('MALFORMED', error), detail };
    if (aborted || e.code === 'ERR_CANCELED') return { outcome: 'TIMEOUT', error: this.upstream('TIMEOUT', error), detail };
    if (fault) return { outcome: 'FAULT', error: this.upstream('UNAVAILABLE', error), detail: faultDetail };
    if (status !== undefined && status >= 400) return { outcome: 'UNAVAILABLE', error: this.upstream('UNAVAILABLE', error), detail: `HTTP ${status}: ${detail}` };
    if (error instanceof UnhealthyAnswerError) return { outcome: 'UNAVAILABLE', error: this.upstream('UNAVAILABLE', error), detail };
    // Answered, but not SOAP the client could read (HTML, an empty or foreign body).
    if (e.response !== undefined) return { outcome: 'MALFORMED', error: this.upstream('MALFORMED', error), detail };
    return { outcome: 'UNAVAILABLE', error: this.upstream('UNAVAILABLE', error), detail: e.code ? `${e.code}: ${detail}` : detail };
  }
}
