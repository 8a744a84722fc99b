import { randomUUID } from 'node:crypto';
import {
  ConsentRefusedError,
  type ConsentProof,
  type LookupRequest,
  type LookupResult,
  type PopulationRegistry,
} from '../../src/citizens/population.port';
import type { CallOptions } from '../../src/integration/call-options';
import type { ExchangeRecorder } from '../../src/integration/exchange.port';
import { describeFault, MalformedAnswerError, SoapTransport, UnhealthyAnswerError, type Failure, type SoapFault } from '../soap/soap-transport';
import { citizenFromXml } from './population.mapping';
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

/**
 * The registry's own faults: a refused consent is the caller's; a request
 * it calls invalid is the hub's bug or a change of contract, but only the
 * registry's word for it, so callers get the upstream category (a
 * reception goes on with the typed name) and the detail goes to the log.
 */
function classifyFault(transport: () => SoapTransport) {
  return (fault: SoapFault, error: unknown, detail: string): Failure | null => {
    if (fault.detail?.MaLoi === 'CONSENT_REQUIRED') return { outcome: 'FAULT', error: new ConsentRefusedError(CONSENT_REFUSED_MESSAGE), detail };
    if (fault.detail?.MaLoi === 'INVALID_REQUEST') return { outcome: 'FAULT', error: transport().upstream('UNAVAILABLE', error), detail: `the registry refused the hub's request: ${describeFault(fault)}` };
    return null;
  };
}

/**
 * The population database over SOAP: WS-Security UsernameToken, the
 * officer, unit, purpose and consent proof in each request, over the
 * shared SOAP transport (connectors/soap: size cap, namespace check,
 * exchange log, failures by who must act). Timeouts, retries and the
 * circuit breaker wrap it from outside (src/integration/resilience.ts).
 */
export class SoapPopulationRegistry implements PopulationRegistry {
  private readonly transport: SoapTransport;

  constructor(config: PopulationConnectorConfig) {
    this.transport = new SoapTransport({
      wsdl: POPULATION_WSDL,
      url: config.url,
      credentials: { username: config.username, password: config.password },
      ...(config.maxAnswerBytes !== undefined ? { maxAnswerBytes: config.maxAnswerBytes } : {}),
      ...(config.recorder ? { recorder: config.recorder } : {}),
      instance: config.instance ?? DEFAULT_INSTANCE,
      messages: UPSTREAM_MESSAGES,
      classifyFault: classifyFault(() => this.transport),
    });
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
    return this.transport.call('TraCuuCongDan', { requestId: request.requestId, dossierCode: request.dossierCode ?? null }, args, options, (answer): LookupResult => {
      const collection = answer.CongdanCollection as { CongDan?: unknown } | string | null | undefined;
      const congDan = collection !== null && typeof collection === 'object' ? collection.CongDan : undefined;
      if (congDan === undefined || congDan === null) return { found: false };
      const citizen = citizenFromXml(Array.isArray(congDan) ? congDan[0] : congDan);
      if (citizen.personalId !== request.personalId) throw new MalformedAnswerError('the answer is about another personal id');
      return { found: true, citizen };
    });
  }

  ping(options: CallOptions = {}): Promise<void> {
    const requestId = `ping-${randomUUID()}`;
    return this.transport.call('KiemTraKetNoi', { requestId, dossierCode: null }, { MaYeuCau: requestId }, options, (answer) => {
      const state = answer.TrangThai;
      // The registry's own word for its state stays in the log: callers get the category.
      if (state !== 'OK') throw new UnhealthyAnswerError(`health state ${typeof state === 'string' ? state : typeof state}`);
    });
  }
}
