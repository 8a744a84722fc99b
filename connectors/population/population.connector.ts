import { randomUUID } from 'node:crypto';
import * as soap from 'soap';
import {
  ConsentRefusedError,
  type ConsentProof,
  type LookupRequest,
  type LookupResult,
  type PopulationRegistry,
} from '../../src/citizens/population.port';
import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import { digestMessage, type Exchange, type ExchangeOutcome, type ExchangeRecorder } from '../../src/integration/exchange.port';
import { citizenFromXml, MalformedAnswerError } from './population.mapping';
import { soapBodyElement } from './soap-body';
import { POPULATION_WSDL } from './wsdl';

export interface PopulationConnectorConfig {
  /** The SOAP endpoint (the WSDL is the hub's own copy). */
  url: string;
  username: string;
  password: string;
  /** Largest answer accepted, in bytes; a longer one is abandoned as it arrives. Default 1 MiB (a citizen's record is a few kB). */
  maxAnswerBytes?: number;
  /** Where every request and answer goes (the exchange log). Default: nowhere (tools and tests of the protocol alone). */
  recorder?: ExchangeRecorder;
  /** The connector instance this adapter serves: the exchange log's `system` and the system its errors name. Default "population". */
  instance?: string;
}

const DEFAULT_INSTANCE = 'population';
const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * What callers are told, by category: fixed texts, never the upstream's
 * (a fault may name internal hosts, a database error or a personal id).
 * The upstream's own words go only to the masked log, through the recorder.
 */
export const UPSTREAM_MESSAGES = {
  UNAVAILABLE: 'Cơ sở dữ liệu quốc gia về dân cư đang không phản hồi; vui lòng thử lại sau. (Population database unavailable.)',
  TIMEOUT: 'Cơ sở dữ liệu quốc gia về dân cư không trả lời kịp thời; vui lòng thử lại sau. (Population database: no answer in time.)',
  CREDENTIALS_REFUSED:
    'Cơ sở dữ liệu quốc gia về dân cư từ chối tài khoản kết nối của hệ thống; cần quản trị viên kiểm tra. (Population database refused the hub\'s credentials: check POPULATION_USERNAME / POPULATION_PASSWORD.)',
  MALFORMED: 'Cơ sở dữ liệu quốc gia về dân cư trả lời không đúng định dạng. (Population database answered in an unexpected shape.)',
} as const;

/** The reason given for a refused consent, whatever the registry's fault said. */
export const CONSENT_REFUSED_MESSAGE = 'Xác nhận đồng ý của công dân không hợp lệ hoặc không đủ.';

const CONSENT_KIND: Record<ConsentProof['kind'], string> = { OTP: 'OTP', IDENTITY_LOGIN: 'DINH_DANH', LEGAL_BASIS: 'CO_SO_PHAP_LY' };

function consentXml(proof: ConsentProof | null): { HinhThuc: string; GiaTri: string } | undefined {
  if (proof === null) return undefined;
  switch (proof.kind) {
    case 'OTP':
      return { HinhThuc: CONSENT_KIND.OTP, GiaTri: proof.code };
    case 'IDENTITY_LOGIN':
      return { HinhThuc: CONSENT_KIND.IDENTITY_LOGIN, GiaTri: proof.subject };
    case 'LEGAL_BASIS':
      return { HinhThuc: CONSENT_KIND.LEGAL_BASIS, GiaTri: proof.purpose };
  }
}

interface SoapFailureShape {
  root?: { Envelope?: { Body?: { Fault?: { faultstring?: unknown; detail?: { MaLoi?: unknown } } } } };
  response?: { status?: number };
  code?: string;
  message?: string;
}

/** The registry answered its health check with a state other than OK. */
class UnhealthyAnswerError extends Error {
  override name = 'UnhealthyAnswerError';
}

/** A failure sorted: what the log records, what the caller gets, and the detail for the masked log. */
interface Failure {
  outcome: ExchangeOutcome;
  error: Error;
  detail: string;
}

const upstream = (system: string, category: keyof typeof UPSTREAM_MESSAGES, cause: unknown): Error => new UpstreamError(system, UPSTREAM_MESSAGES[category], { cause });

/**
 * Maps what went wrong to who must act (STYLE habit 5): a refused consent
 * is the caller's; anything else (network, timeout, a fault, 5xx, a refused
 * request, an answer too large or of the wrong shape) is for an operator,
 * as an UpstreamError with a fixed text by category, and safe to retry.
 */
function classify(error: unknown, aborted: boolean, system: string): Failure {
  const e = (error ?? {}) as SoapFailureShape;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof MalformedAnswerError) return { outcome: 'MALFORMED', error: upstream(system, 'MALFORMED', error), detail };
  const fault = e.root?.Envelope?.Body?.Fault;
  const faultDetail = fault ? `SOAP fault ${JSON.stringify(fault.detail?.MaLoi ?? null)}: ${JSON.stringify(fault.faultstring ?? null)}` : detail;
  if (fault?.detail?.MaLoi === 'CONSENT_REQUIRED') return { outcome: 'FAULT', error: new ConsentRefusedError(CONSENT_REFUSED_MESSAGE), detail: faultDetail };
  // The registry says the hub's request is invalid: the hub's bug or a change of contract, but only the registry's word
  // for it, so callers get the upstream category (a reception goes on with the typed name) and the detail goes to the log.
  if (fault?.detail?.MaLoi === 'INVALID_REQUEST') return { outcome: 'FAULT', error: upstream(system, 'UNAVAILABLE', error), detail: `the registry refused the hub's request: ${faultDetail}` };
  const status = e.response?.status;
  if (status === 401 || status === 403) return { outcome: 'CREDENTIALS_REFUSED', error: upstream(system, 'CREDENTIALS_REFUSED', error), detail: faultDetail };
  if (e.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(e.message ?? '')) return { outcome: 'TOO_LARGE', error: upstream(system, 'MALFORMED', error), detail };
  if (aborted || e.code === 'ERR_CANCELED') return { outcome: 'TIMEOUT', error: upstream(system, 'TIMEOUT', error), detail };
  if (fault) return { outcome: 'FAULT', error: upstream(system, 'UNAVAILABLE', error), detail: faultDetail };
  if (status !== undefined && status >= 400) return { outcome: 'UNAVAILABLE', error: upstream(system, 'UNAVAILABLE', error), detail: `HTTP ${status}: ${detail}` };
  if (error instanceof UnhealthyAnswerError) return { outcome: 'UNAVAILABLE', error: upstream(system, 'UNAVAILABLE', error), detail };
  // Answered, but not SOAP the client could read (HTML, an empty or foreign body).
  if (e.response !== undefined) return { outcome: 'MALFORMED', error: upstream(system, 'MALFORMED', error), detail };
  return { outcome: 'UNAVAILABLE', error: upstream(system, 'UNAVAILABLE', error), detail: e.code ? `${e.code}: ${detail}` : detail };
}

type SoapCall = (args: Record<string, unknown>, options?: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;

interface DanCuClient extends soap.Client {
  TraCuuCongDanAsync: SoapCall;
  KiemTraKetNoiAsync: SoapCall;
}

/** What the soap client's events tell of one exchange (its `exchangeId`). */
interface Trace {
  request?: { at: Date; xml: string };
  response?: { at: Date; body: string | null; status: number | null };
}

/**
 * The population database over SOAP (the `soap` package): WS-Security
 * UsernameToken, the officer, unit, purpose and consent proof in each
 * request. Every request and answer is handed to the recorder, awaited,
 * after the call and before its result is used; answers are capped in size
 * and must carry an element of the WSDL's target namespace. Timeouts,
 * retries and the circuit breaker wrap it from outside
 * (src/integration/resilience.ts); this adapter only speaks the protocol.
 */
export class SoapPopulationRegistry implements PopulationRegistry {
  private client: Promise<{ client: DanCuClient; namespace: string }> | undefined;
  private readonly traces = new Map<string, Trace>();
  private readonly maxAnswerBytes: number;
  private readonly system: string;

  constructor(private readonly config: PopulationConnectorConfig) {
    this.maxAnswerBytes = config.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.system = config.instance ?? DEFAULT_INSTANCE;
  }

  private connect(): Promise<{ client: DanCuClient; namespace: string }> {
    this.client ??= soap
      .createClientAsync(POPULATION_WSDL, { endpoint: this.config.url })
      .then((client) => {
        client.setSecurity(new soap.WSSecurity(this.config.username, this.config.password, { passwordType: 'PasswordText', hasTimeStamp: false }));
        client.on('request', (xml: string, exchangeId: string) => {
          const trace = this.traces.get(exchangeId);
          if (trace) trace.request = { at: new Date(), xml };
        });
        client.on('response', (body: unknown, response: { status?: number } | null | undefined, exchangeId: string) => {
          const trace = this.traces.get(exchangeId);
          if (trace) trace.response = { at: new Date(), body: typeof body === 'string' ? body : null, status: response?.status ?? null };
        });
        const namespace = (client.wsdl.definitions as { $targetNamespace?: string }).$targetNamespace ?? '';
        return { client: client as DanCuClient, namespace };
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
  private async exchange<T>(
    operation: 'TraCuuCongDan' | 'KiemTraKetNoi',
    correlation: { requestId: string | null; dossierCode: string | null },
    args: Record<string, unknown>,
    options: CallOptions,
    read: (answer: unknown) => T,
  ): Promise<T> {
    const { client, namespace } = await this.connect().catch((error: unknown) => {
      throw upstream(this.system, 'UNAVAILABLE', error);
    });
    const exchangeId = randomUUID();
    const trace: Trace = {};
    this.traces.set(exchangeId, trace);
    let result: { ok: true; value: T } | { ok: false; failure: Failure };
    try {
      const [answer] = await client[`${operation}Async`](args, {
        exchangeId,
        signal: options.signal,
        maxContentLength: this.maxAnswerBytes,
        maxRedirects: 0,
      });
      const element = trace.response?.body ? soapBodyElement(trace.response.body) : null;
      if (element?.namespace !== namespace) {
        throw new MalformedAnswerError(`the body element ${element ? `{${element.namespace ?? ''}}${element.localName}` : '(none)'} is not in the WSDL's namespace ${namespace}`);
      }
      if (answer === null || typeof answer !== 'object') throw new MalformedAnswerError('the answer has no body element the WSDL describes');
      result = { ok: true, value: read(answer) };
    } catch (error) {
      result = { ok: false, failure: classify(error, options.signal?.aborted ?? false, this.system) };
    } finally {
      this.traces.delete(exchangeId);
    }
    if (trace.request && this.config.recorder) {
      const exchange: Exchange = {
        system: this.system,
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

  lookup(request: LookupRequest, options: CallOptions = {}): Promise<LookupResult> {
    const args = {
      MaYeuCau: request.requestId,
      SoDinhDanh: request.personalId,
      MaCanBo: request.requester.id,
      TenCanBo: request.requester.name,
      MaDonVi: request.requester.agencyCode,
      MucDich: request.purpose,
      ...(request.dossierCode ? { MaHoSo: request.dossierCode } : {}),
      ...(request.consent ? { XacNhan: consentXml(request.consent) } : {}),
    };
    return this.exchange('TraCuuCongDan', { requestId: request.requestId, dossierCode: request.dossierCode ?? null }, args, options, (answer): LookupResult => {
      const collection = (answer as { CongdanCollection?: unknown }).CongdanCollection as { CongDan?: unknown } | string | null | undefined;
      const congDan = collection !== null && typeof collection === 'object' ? collection.CongDan : undefined;
      if (congDan === undefined || congDan === null) return { found: false };
      const citizen = citizenFromXml(Array.isArray(congDan) ? congDan[0] : congDan);
      if (citizen.personalId !== request.personalId) throw new MalformedAnswerError('the answer is about another personal id');
      return { found: true, citizen };
    });
  }

  ping(options: CallOptions = {}): Promise<void> {
    const requestId = `ping-${randomUUID()}`;
    return this.exchange('KiemTraKetNoi', { requestId, dossierCode: null }, { MaYeuCau: requestId }, options, (answer) => {
      const state = (answer as { TrangThai?: unknown }).TrangThai;
      // The registry's own word for its state stays in the log: callers get the category.
      if (state !== 'OK') throw new UnhealthyAnswerError(`health state ${typeof state === 'string' ? state : typeof state}`);
    });
  }
}
