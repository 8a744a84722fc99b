import type { CallOptions } from '../../src/integration/call-options';
import type { ExchangeRecorder } from '../../src/integration/exchange.port';
import { postJson } from '../shared/json-exchange';
import { UpstreamError } from '../../src/errors';
import { PaymentRefusedError, type Confirmation, type ConfirmationReader, type PaymentPlatform, type PaymentRequest, type PaymentState } from '../../src/payments/payment.port';
import {
  CONFIRM_OK,
  CURRENCY,
  platformTime,
  PROTOCOL_VERSION,
  QUERY_FAILED,
  QUERY_PAID,
  sameSignature,
  signConfirm,
  signInit,
  signQuery,
  signQueryAnswer,
  type ConfirmMessage,
  type InitAnswer,
  type InitRequest,
  type QueryAnswer,
  type QueryRequest,
} from './payment.protocol';

export interface PaymentAdapterConfig {
  /** The platform's base URL (INIT at /api/init, QUERY at /api/query). */
  url: string;
  partnerCode: string;
  secret: string;
  instance: string;
  recorder?: ExchangeRecorder;
}

/**
 * The national payment platform over HTTPS and JSON (payment.protocol.ts):
 * each request signed, each signed answer checked, every exchange handed to
 * the exchange log (digests, never bodies). Retries and timeouts wrap it
 * from outside (src/integration/resilience.ts).
 */
export class HttpPaymentPlatform implements PaymentPlatform {
  readonly confirmations: ConfirmationReader;

  constructor(private readonly config: PaymentAdapterConfig) {
    this.confirmations = { read: (body) => readConfirmation(body, config) };
  }

  async start(request: PaymentRequest, options: CallOptions = {}): Promise<{ checkoutUrl: string }> {
    const message: Omit<InitRequest, 'MaXacThuc'> = {
      PhienBan: PROTOCOL_VERSION,
      MaDoiTac: this.config.partnerCode,
      MaThamChieu: request.reference,
      SoTien: String(request.amount),
      LoaiHinhThanhToan: 'PAY',
      MaKenhThanhToan: '1',
      MaThietBi: '1',
      NgonNgu: 'vi-VN',
      MaTienTe: CURRENCY,
      MaNganHang: '',
      ThongTinGiaoDich: request.description,
      ThoiGianGD: platformTime(request.at),
      Ip: request.payerIp,
      ThongTinBienLai: { MaTTHC: request.procedureCode, MaDVC: request.procedureCode, MaDonVi: request.agencyCode, MaHoSo: request.dossierCode, HoTenNguoiNop: request.payerName },
    };
    const answer = await this.call<InitAnswer>('INIT', '/api/init', { ...message, MaXacThuc: signInit(message, this.config.secret) }, request.dossierCode, options);
    if (answer.error_code !== '0' || typeof answer.UrlThanhToan !== 'string' || !/^https?:\/\//.test(answer.UrlThanhToan)) {
      throw new PaymentRefusedError(String(answer.error_code), `Nền tảng thanh toán từ chối khởi tạo giao dịch (mã ${String(answer.error_code)}).`);
    }
    return { checkoutUrl: answer.UrlThanhToan };
  }

  async query(reference: string, options: CallOptions = {}): Promise<PaymentState> {
    const message: Omit<QueryRequest, 'MaXacThuc'> = { LoaiBanTin: 'QUERY', PhienBan: PROTOCOL_VERSION, MaDoiTac: this.config.partnerCode, MaThamChieu: reference, ThoiGianGD: platformTime(new Date()) };
    const answer = await this.call<QueryAnswer>('QUERY', '/api/query', { ...message, MaXacThuc: signQuery(message, this.config.secret) }, null, options);
    if (answer.error_code !== '0') return { status: 'UNKNOWN', amount: null, transactionId: null };
    const { MaXacThuc, ...signed } = answer;
    // An answer that does not carry the platform's signature is not believed: the payment stays where it was.
    if (!sameSignature(MaXacThuc, signQueryAnswer(signed, this.config.secret)) || answer.MaThamChieu !== reference) {
      throw new UpstreamError(this.config.instance, 'Nền tảng thanh toán trả lời không có chữ ký hợp lệ.');
    }
    const status = answer.TrangThaiGD === QUERY_PAID ? 'PAID' : answer.TrangThaiGD === QUERY_FAILED ? 'FAILED' : 'PENDING';
    return { status, amount: /^\d+$/.test(answer.SoTien ?? '') ? Number(answer.SoTien) : null, transactionId: answer.MaGiaoDich || null };
  }

  /** One POST of JSON: the answer parsed, or UpstreamError; recorded either way. */
  private async call<T>(operation: string, path: string, body: unknown, dossierCode: string | null, options: CallOptions): Promise<T> {
    const endpoint = `${this.config.url.replace(/\/$/, '')}${path}`;
    const exchange = { instance: this.config.instance, label: 'Nền tảng thanh toán', recorder: this.config.recorder, endpoint, operation, dossierCode };
    const { answer } = await postJson<T>({ ...exchange, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, options);
    return answer;
  }
}

/** A CONFIRM as the platform sent it, checked for its partner and signature before any field is believed. */
function readConfirmation(body: unknown, config: { partnerCode: string; secret: string }): Confirmation {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { valid: false, reason: 'not a JSON object' };
  const message = body as Partial<ConfirmMessage>;
  const fields = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich', 'MaXacThuc'] as const;
  for (const field of fields) if (typeof message[field] !== 'string') return { valid: false, reason: `${field} missing` };
  const confirm = message as ConfirmMessage;
  if (confirm.LoaiBanTin !== 'CONFIRM') return { valid: false, reason: 'not a CONFIRM' };
  if (confirm.MaDoiTac !== config.partnerCode) return { valid: false, reason: 'another partner' };
  const { MaXacThuc, ...signed } = confirm;
  if (!sameSignature(MaXacThuc, signConfirm(signed, config.secret))) return { valid: false, reason: 'signature does not match' };
  if (!/^\d{1,15}$/.test(confirm.SoTien)) return { valid: false, reason: 'amount is not whole VND' };
  return {
    valid: true,
    reference: confirm.MaThamChieu,
    amount: Number(confirm.SoTien),
    currency: confirm.MaTienTe,
    paid: confirm.MaLoi === CONFIRM_OK,
    code: confirm.MaLoi,
    transactionId: confirm.MaGiaoDich,
  };
}
