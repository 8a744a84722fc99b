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
import { citizenFromXml, MalformedAnswerError } from './population.mapping';
import { POPULATION_WSDL } from './population.simulator';

export interface PopulationConnectorConfig {
  /** The SOAP endpoint (the WSDL is the hub's own copy). */
  url: string;
  username: string;
  password: string;
}

const SYSTEM = 'population';

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

interface SoapFaultShape {
  root?: { Envelope?: { Body?: { Fault?: { faultstring?: string; detail?: { MaLoi?: string } } } } };
  response?: { status?: number };
  code?: string;
  message?: string;
}

/**
 * Maps what went wrong to who must act (STYLE habit 5): a refused consent
 * is the caller's; a SOAP client fault for a request the hub built is a
 * bug; anything else (network, timeout, server fault, 5xx, an answer of the
 * wrong shape) is the upstream's, and safe to retry.
 */
function mapFailure(error: unknown): Error {
  if (error instanceof MalformedAnswerError) return new UpstreamError(SYSTEM, `Population database answered in an unexpected shape: ${error.message}`, { cause: error });
  const e = error as SoapFaultShape;
  const fault = e.root?.Envelope?.Body?.Fault;
  if (fault?.detail?.MaLoi === 'CONSENT_REQUIRED') return new ConsentRefusedError(fault.faultstring ?? 'consent refused');
  if (fault?.detail?.MaLoi === 'INVALID_REQUEST') return new Error(`Population database refused the hub's request: ${fault.faultstring ?? ''}`);
  if (e.response?.status === 401) return new UpstreamError(SYSTEM, 'Population database refused the hub\'s credentials (check POPULATION_USERNAME / POPULATION_PASSWORD)', { cause: error });
  return new UpstreamError(SYSTEM, `Population database unavailable: ${e.code ?? e.message ?? String(error)}`, { cause: error });
}

interface DanCuClient extends soap.Client {
  TraCuuCongDanAsync(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<[Record<string, unknown>, ...unknown[]]>;
  KiemTraKetNoiAsync(args: Record<string, unknown>, options?: Record<string, unknown>): Promise<[Record<string, unknown>, ...unknown[]]>;
}

/**
 * The population database over SOAP (the `soap` package): WS-Security
 * UsernameToken, the officer, unit, purpose and consent proof in each
 * request. Timeouts, retries and the circuit breaker wrap it from outside
 * (src/integration/resilience.ts); this adapter only speaks the protocol.
 */
export class SoapPopulationRegistry implements PopulationRegistry {
  private client: Promise<DanCuClient> | undefined;

  constructor(private readonly config: PopulationConnectorConfig) {}

  private connect(): Promise<DanCuClient> {
    this.client ??= soap
      .createClientAsync(POPULATION_WSDL, { endpoint: this.config.url })
      .then((client) => {
        client.setSecurity(new soap.WSSecurity(this.config.username, this.config.password, { passwordType: 'PasswordText', hasTimeStamp: false }));
        return client as DanCuClient;
      })
      .catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
    return this.client;
  }

  async lookup(request: LookupRequest, options: CallOptions = {}): Promise<LookupResult> {
    try {
      const client = await this.connect();
      const [answer] = await client.TraCuuCongDanAsync(
        {
          MaYeuCau: request.requestId,
          SoDinhDanh: request.personalId,
          MaCanBo: request.requester.id,
          TenCanBo: request.requester.name,
          MaDonVi: request.requester.agencyCode,
          MucDich: request.purpose,
          ...(request.dossierCode ? { MaHoSo: request.dossierCode } : {}),
          ...(request.consent ? { XacNhan: consentXml(request.consent) } : {}),
        },
        { signal: options.signal },
      );
      const collection = answer.CongdanCollection as { CongDan?: unknown } | string | null | undefined;
      const congDan = collection !== null && typeof collection === 'object' ? collection.CongDan : undefined;
      if (congDan === undefined || congDan === null) return { found: false };
      const citizen = citizenFromXml(Array.isArray(congDan) ? congDan[0] : congDan);
      if (citizen.personalId !== request.personalId) throw new MalformedAnswerError('the answer is about another personal id');
      return { found: true, citizen };
    } catch (error) {
      throw mapFailure(error);
    }
  }

  async ping(options: CallOptions = {}): Promise<void> {
    try {
      const client = await this.connect();
      const [answer] = await client.KiemTraKetNoiAsync({ MaYeuCau: `ping-${Date.now()}` }, { signal: options.signal });
      if (answer.TrangThai !== 'OK') throw new UpstreamError(SYSTEM, `Population database health: ${String(answer.TrangThai)}`);
    } catch (error) {
      throw error instanceof UpstreamError ? error : mapFailure(error);
    }
  }
}
