import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import type { ExchangeRecorder } from '../../src/integration/exchange.port';
import {
  PortalRefusedError,
  type NationalPortal,
  type PortalDossier,
  type PortalDossierState,
  type PortalProcedure,
  type PortalProcedureSummary,
  type PortalProgress,
  type PortalSubmission,
  type PortalSubmissionSource,
} from '../../src/portal/portal.port';
import { centreTime, parseCentreTime } from '../shared/centre-time';
import { postJson } from '../shared/json-exchange';
import {
  APPLICANT_KIND_CODE,
  AUTH_PATH,
  CHANNEL_CODE,
  CODE_NOT_FOUND,
  CODE_OK,
  CODE_SESSION,
  INTEGRATION_PATH,
  keyOf,
  LOGIN_OK,
  PAYMENT_CODE,
  RETURN_CODE,
  SERVICE,
  SOURCE_CODE,
  STATUS_CODE,
  TIME_UNIT_OF,
  type DossierMessage,
  type LoginAnswer,
  type LookupMessage,
  type ProcedureMessage,
  type ProgressMessage,
  type ServiceAnswer,
  type SubmissionMessage,
} from './portal.protocol';

export interface PortalAdapterConfig {
  /** The portal adapter's base URL (login at /auth, the services at /integration). */
  url: string;
  username: string;
  password: string;
  /** madonvi: the province's unit code at the portal. */
  agencyCode: string;
  instance: string;
  recorder?: ExchangeRecorder;
}

const LABEL = 'Cổng Dịch vụ công quốc gia';
const time = (at: Date | null): string => (at === null ? '' : centreTime(at));
const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** The record the portal keeps of a dossier (DongBoHoSoMC's data item). */
export function dossierMessage(d: PortalDossier): DossierMessage {
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: d.fieldCode ?? '',
    TenLinhVuc: d.fieldName,
    ChuHoSo: d.applicantName,
    LoaiDoiTuong: APPLICANT_KIND_CODE[d.applicantKind] ?? '',
    MaDoiTuong: '',
    DinhDanhCHS: d.applicantPersonalId ? [{ LoaiDinhDanh: '1', SoDinhDanh: d.applicantPersonalId }] : [],
    Email: d.email ?? '',
    SoDienThoai: d.phone ?? '',
    TrichYeuHoSo: d.summary.slice(0, 1000),
    NgayNopHoSo: time(d.submittedAt),
    NgayTiepNhan: time(d.receivedAt),
    NgayHenTra: time(d.dueAt),
    TrangThaiHoSo: STATUS_CODE[d.status] ?? '',
    NgayKetThucXuLy: time(d.finishedAt),
    NgayTra: time(d.returnedAt),
    NgayTuChoi: time(d.rejectedAt),
    KenhThucHien: CHANNEL_CODE[d.channel] ?? '',
    HinhThuc: RETURN_CODE[d.returnMethod] ?? '',
    NoiNopHoSo: d.receivingAgency,
    DonViXuLy: d.processingAgency,
    GhiChu: d.note ?? '',
    HoSoCoThanhPhanSoHoa: d.hasDigitisedComponents ? '1' : '0',
    DuocThanhToanTrucTuyen: d.paidOnline ? '1' : '0',
    TaiLieuNop: d.documents.map((doc) => ({
      TepDinhKemId: doc.id,
      TenTepDinhKem: doc.name,
      IsDeleted: 'False',
      MaThanhPhanHoSo: doc.componentCode,
      DuongDanTaiTepTin: '',
      DuocSoHoa: doc.digitised ? '1' : '0',
      DuocTaiSuDung: doc.reused ? '1' : '0',
      DuocLayTuKhoDMQG: '0',
    })),
    DanhSachLePhi: d.fees.map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: fee.code,
      HinhThucThu: fee.paymentMethod === null ? '' : (PAYMENT_CODE[fee.paymentMethod] ?? ''),
      Gia: String(fee.amount),
      LoaiPhiLePhi: fee.code.startsWith('LP') ? '2' : '1',
    })),
    DanhSachHoSoBoSung: d.supplements.map((s) => ({
      HoSoBoSungId: s.id,
      NgayBoSung: time(s.requestedAt),
      NoiDungBoSung: s.reason,
      ThoiHanBoSung: time(s.dueAt),
      NgayCongDanBoSung: time(s.suppliedAt),
      NgayHenTraTruoc: time(s.previousDueAt),
      NgayHenTraMoi: time(s.newDueAt),
    })),
    DanhSachGiayToKetQua: d.results.map((r) => ({ TenGiayTo: r.name, MaThanhPhanHoSo: r.componentCode, GiayToId: r.id, DuongDanTepTinKetQua: '' })),
  };
}

/** A procedure as LayThuTuc's item (a simulated portal serves the hub's own catalogue this way). */
export function procedureMessage(p: PortalProcedure): ProcedureMessage {
  const unitWords = (unit: string): string => Object.entries(TIME_UNIT_OF).find(([, u]) => u === unit)?.[0] ?? '';
  return {
    MATTHC: p.code,
    TENTTHC: p.name,
    LINHVUCTHUCHIEN: [{ MALINHVUC: p.fieldCode ?? '', TENLINHVUC: p.fieldName ?? '' }],
    CACHTHUCTHUCHIEN: p.times.map((t) => ({ KENH: CHANNEL_CODE[t.channel] ?? '', THOIGIAN: String(t.amount).replace('.', ','), DONVITINH: unitWords(t.unit) })),
    PHILEPHI: p.fees.map((f) => ({ MUCPHI: String(f.amount), MOTA: f.text })),
    COQUANTHUCHIEN: p.agencies,
  };
}

/** One move as CapNhatTienDoHoSoMC's data item. */
export function progressMessage(p: PortalProgress): ProgressMessage {
  return {
    MaHoSo: p.dossierCode,
    STT: String(p.sequence),
    NguoiXuLy: p.actor,
    ChucDanh: p.actorTitle ?? '',
    ThoiDiemXuLy: centreTime(p.at),
    PhongBanXuLy: p.unit ?? '',
    NoiDungXuLy: p.content,
    TrangThai: STATUS_CODE[p.status] ?? '',
    NgayBatDau: time(p.stepStartedAt),
    NgayKetThucTheoQuyDinh: time(p.stepDueAt),
  };
}

/**
 * The national portal's adapter API over HTTP (portal.protocol.ts): a
 * session from the login, kept and renewed once when the portal says it
 * expired; each service as JSON; every exchange in the exchange log
 * (digests, never bodies: the records carry personal data). Retries and
 * timeouts wrap it from outside. A record the portal refuses is
 * `PortalRefusedError` with the portal's code and message.
 */
export class HttpNationalPortal implements NationalPortal {
  private session: string | null = null;
  private pendingSession: Promise<string> | null = null;

  constructor(private readonly config: PortalAdapterConfig) {}

  async syncDossier(dossier: PortalDossier, options: CallOptions = {}): Promise<void> {
    const data = [dossierMessage(dossier)];
    // Most reports replace a record the portal has; the first adds it.
    let answer = await this.service(SERVICE.SYNC_DOSSIER, { isUpdating: 'True', data }, dossier.code, options);
    if (answer.error_code === CODE_NOT_FOUND) answer = await this.service(SERVICE.SYNC_DOSSIER, { isUpdating: 'False', data }, dossier.code, options);
    this.check(answer, `Cổng DVCQG từ chối hồ sơ ${dossier.code}`);
  }

  async syncProgress(progress: PortalProgress, options: CallOptions = {}): Promise<void> {
    const answer = await this.service(SERVICE.SYNC_PROGRESS, { data: [progressMessage(progress)] }, progress.dossierCode, options);
    this.check(answer, `Cổng DVCQG từ chối tiến độ ${progress.sequence} của hồ sơ ${progress.dossierCode}`);
  }

  async lookupDossier(code: string, options: CallOptions = {}): Promise<PortalDossierState | null> {
    const answer = await this.service<LookupMessage>(SERVICE.LOOKUP, { mahoso: code }, code, options);
    this.check(answer, `Cổng DVCQG không tra cứu được hồ sơ ${code}`);
    const found = this.results(answer).find((r) => r?.MaHoSo === code);
    if (!found) return null;
    const count = Number(found.SoLanCapNhatTienDo);
    return {
      code,
      status: keyOf(STATUS_CODE, String(found.TrangThaiHoSo)),
      nationalStatusCode: String(found.TrangThaiHoSo),
      progressCount: Number.isSafeInteger(count) && count >= 0 ? count : 0,
    };
  }

  async listProcedures(options: CallOptions = {}): Promise<PortalProcedureSummary[]> {
    const answer = await this.service<ProcedureMessage>(SERVICE.PROCEDURES, {}, null, options);
    this.check(answer, 'Cổng DVCQG không trả danh sách thủ tục');
    return this.results(answer).flatMap((p) => {
      const summary = readSummary(p);
      return summary ? [summary] : [];
    });
  }

  async procedure(code: string, options: CallOptions = {}): Promise<PortalProcedure | null> {
    const answer = await this.service<ProcedureMessage>(SERVICE.PROCEDURE, { maTTHC: code }, null, options);
    this.check(answer, `Cổng DVCQG không trả thủ tục ${code}`);
    const found = this.results(answer).find((p) => p?.MATTHC === code);
    const summary = found ? readSummary(found) : null;
    if (!found || !summary) return null;
    return {
      ...summary,
      times: (Array.isArray(found.CACHTHUCTHUCHIEN) ? found.CACHTHUCTHUCHIEN : []).flatMap((c) => {
        const channel = keyOf(CHANNEL_CODE, String(c?.KENH));
        const unit = TIME_UNIT_OF[text(c?.DONVITINH, 40)];
        const amount = Number(String(c?.THOIGIAN).replace(',', '.'));
        return channel && unit && Number.isFinite(amount) && amount >= 0 ? [{ channel, amount, unit }] : [];
      }),
      fees: (Array.isArray(found.PHILEPHI) ? found.PHILEPHI : []).flatMap((f) => {
        const amount = Number(f?.MUCPHI);
        return Number.isSafeInteger(amount) && amount >= 0 ? [{ amount, text: text(f?.MOTA, 1000) }] : [];
      }),
      agencies: (Array.isArray(found.COQUANTHUCHIEN) ? found.COQUANTHUCHIEN : []).map((a) => text(a, 300)).filter((a) => a !== ''),
    };
  }

  async pendingSubmissions(options: CallOptions = {}): Promise<PortalSubmission[]> {
    const answer = await this.service<SubmissionMessage>(SERVICE.SUBMISSIONS, {}, null, options);
    this.check(answer, 'Cổng DVCQG không trả danh sách hồ sơ nộp trên Cổng');
    return this.results(answer).flatMap((item) => {
      const submission = readSubmission(item);
      return submission ? [submission] : [];
    });
  }

  async acknowledgeSubmission(portalCode: string, dossierCode: string, options: CallOptions = {}): Promise<void> {
    const answer = await this.service(SERVICE.ACKNOWLEDGE, { MaHoSo: portalCode, DaNhan: 'True', MaHoSoTiepNhan: dossierCode }, dossierCode, options);
    this.check(answer, `Cổng DVCQG không ghi nhận đã nhận hồ sơ ${portalCode}`);
  }

  /** One service call with the current session; an expired session is renewed once and the call made again. */
  private async service<T = unknown>(service: string, body: Record<string, unknown>, dossierCode: string | null, options: CallOptions): Promise<ServiceAnswer<T>> {
    const send = async (session: string) =>
      (
        await postJson<ServiceAnswer<T>>(
          {
            instance: this.config.instance,
            label: LABEL,
            recorder: this.config.recorder,
            endpoint: `${this.base()}${INTEGRATION_PATH}`,
            operation: service,
            dossierCode,
            body: JSON.stringify({ session, madonvi: this.config.agencyCode, service, ...body }),
            headers: { 'content-type': 'application/json' },
          },
          options,
        )
      ).answer;
    const session = await this.currentSession(options);
    let answer = await send(session);
    if (answer?.error_code === CODE_SESSION) {
      if (this.session === session) this.session = null;
      answer = await send(await this.currentSession(options));
      if (answer?.error_code === CODE_SESSION) throw new UpstreamError(this.config.instance, 'Cổng DVCQG không chấp nhận phiên đăng nhập của trung tâm.');
    }
    if (answer === null || typeof answer !== 'object') throw new UpstreamError(this.config.instance, 'Cổng DVCQG trả lời không phải đối tượng JSON.');
    return answer;
  }

  private check(answer: ServiceAnswer, what: string): void {
    if (answer.error_code === CODE_OK) return;
    const code = typeof answer.error_code === 'string' || typeof answer.error_code === 'number' ? String(answer.error_code) : '';
    const message = text(answer.message, 500);
    throw new PortalRefusedError(code, `${what} (mã ${code || 'không rõ'})${message ? `: ${message}` : ''}`);
  }

  private results<T>(answer: ServiceAnswer<T>): Array<Partial<T> | null | undefined> {
    if (!Array.isArray(answer.result)) throw new UpstreamError(this.config.instance, 'Cổng DVCQG trả lời không có danh sách kết quả.');
    return answer.result;
  }

  private base(): string {
    return this.config.url.replace(/\/$/, '');
  }

  /** The session in hand, or a new one (one login at a time however many calls wait for it). */
  private async currentSession(options: CallOptions): Promise<string> {
    if (this.session !== null) return this.session;
    this.pendingSession ??= this.login(options).finally(() => (this.pendingSession = null));
    return this.pendingSession;
  }

  private async login(options: CallOptions): Promise<string> {
    const { answer } = await postJson<LoginAnswer>(
      {
        instance: this.config.instance,
        label: LABEL,
        recorder: this.config.recorder,
        endpoint: `${this.base()}${AUTH_PATH}`,
        operation: 'LOGIN',
        dossierCode: null,
        body: JSON.stringify({ username: this.config.username, password: this.config.password }),
        headers: { 'content-type': 'application/json' },
      },
      options,
    );
    if (answer?.error_code !== LOGIN_OK || typeof answer.session !== 'string' || answer.session === '') {
      throw new UpstreamError(this.config.instance, 'Cổng DVCQG từ chối đăng nhập: kiểm tra PORTAL_USERNAME và PORTAL_PASSWORD.');
    }
    this.session = answer.session;
    return answer.session;
  }
}

function readSummary(p: Partial<ProcedureMessage> | null | undefined): PortalProcedureSummary | null {
  if (!p || typeof p.MATTHC !== 'string' || !/^\d\.\d{6}$/.test(p.MATTHC) || typeof p.TENTTHC !== 'string' || p.TENTTHC.trim() === '') return null;
  const field = Array.isArray(p.LINHVUCTHUCHIEN) ? p.LINHVUCTHUCHIEN[0] : undefined;
  return { code: p.MATTHC, name: p.TENTTHC.trim().slice(0, 4000), fieldCode: text(field?.MALINHVUC, 40) || null, fieldName: text(field?.TENLINHVUC, 300) || null };
}

/**
 * A submission as the portal listed it; null for an item without the
 * portal's code (nothing could ever acknowledge it). The rest is passed on
 * as sent, for the hub to check like any submission.
 */
function readSubmission(item: Partial<SubmissionMessage> | null | undefined): PortalSubmission | null {
  if (!item || typeof item !== 'object') return null;
  const portalCode = text(item.MaHoSo, 60);
  if (portalCode === '') return null;
  const optional = (value: unknown, max: number): string | null => text(value, max) || null;
  const files = Array.isArray(item.TepDinhKem) ? item.TepDinhKem : [];
  return {
    portalCode,
    source: keyOf(SOURCE_CODE, text(item.NguonNop, 4)) as PortalSubmissionSource | null,
    procedureCode: text(item.MaTTHC, 40),
    receivingAgencyCode: optional(item.MaDonViTiepNhan, 40),
    submittedAt: typeof item.NgayNopHoSo === 'string' ? parseCentreTime(item.NgayNopHoSo) : null,
    applicantName: text(item.ChuHoSo, 300),
    applicantPersonalId: text(item.SoDinhDanh, 40),
    phone: optional(item.SoDienThoai, 40),
    email: optional(item.Email, 300),
    verifiedWithVneid: text(item.TaiKhoanDuocXacThucVoiVNeID, 4) === '1',
    summary: optional(item.TrichYeuHoSo, 1000),
    returnMethod: keyOf(RETURN_CODE, text(item.HinhThuc, 4)),
    deliveryAddress: optional(item.DiaChiNhanKetQua, 600),
    files: files.flatMap((file) =>
      file && typeof file === 'object'
        ? [
            {
              componentCode: text(file.MaThanhPhanHoSo, 60),
              fileName: text(file.TenTepDinhKem, 300),
              contentType: optional(file.LoaiTep, 100),
              contentBase64: typeof file.DuLieuTepDinhKem === 'string' ? file.DuLieuTepDinhKem : '',
            },
          ]
        : [],
    ),
  };
}
