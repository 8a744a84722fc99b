import { DEPARTMENT_WSDLS } from '../wsdl';
import {
  DEFAULT_SLOW_MS,
  invalidRequest,
  record,
  resultPdf,
  SimulatorControls,
  startSoapEndpoint,
  text,
  Timers,
  type DepartmentSimulator,
  type DepartmentSimulatorOptions,
  type ReceivedDossier,
} from './common';

// The simulator's whole API from this one file: the hub imports its types from here.
export type { DepartmentSimulator, DepartmentSimulatorOptions, ReceivedDossier, SimulatorMode } from './common';

/** The statuses this system reports, in its own codes (the WSDL lists 03 chờ ký and 05 trả lại too; this simulator never uses them). */
const STATUSES = {
  '01': { name: 'Đã tiếp nhận', note: 'Đã tiếp nhận hồ sơ liên thông.' },
  '02': { name: 'Đang thẩm định', note: 'Hồ sơ đang được thẩm định.' },
  '04': { name: 'Hoàn thành', note: 'Đã thẩm định xong hồ sơ.' },
} as const;
type Status = keyof typeof STATUSES;

const RESULT_NAME = 'Văn bản thẩm định của Sở Nông nghiệp và Môi trường';
const DEFAULT_PAGE = 100;
const DECIMAL = /^\d+(\.\d+)?$/;

/** One entry of the change log, in the WSDL's element order (the soap package writes keys in object order). */
interface ThayDoi {
  SoThuTu: number;
  MaHoSo: string;
  MaBienNhan: string;
  MaTrangThai: Status;
  TenTrangThai: string;
  ThoiDiem: string;
  NoiDung: string;
  PhiThucTe?: string;
  KetQua?: Array<{ TenGiayTo: string; TenTep: string; LoaiTep: string; NoiDung: string }>;
}

interface Tracked {
  dossier: ReceivedDossier;
  /** The fee as sent, written back with two decimals as the actual fee. */
  fee: string | null;
  reached: Status;
  /** When it reached 04, and the number of the appraisal document it issued then. */
  finishedAt?: Date;
  document?: string;
}

/** The department's officers, one per dossier in turn (its own record names who handles it). */
const OFFICERS = ['Lê Văn Thẩm', 'Nguyễn Thị Định', 'Trịnh Minh Hồ'];
const DIVISION = 'Phòng Đất đai';

/** "1500000" → "1500000.00": the system writes money with two decimals. */
function twoDecimals(fee: string): string {
  const [units, cents = ''] = fee.split('.');
  return `${units}.${cents.padEnd(2, '0')}`;
}

/**
 * The polled department: Sở Nông nghiệp và Môi trường's one-stop system
 * (schema/wsdl/so-nnmt-motcua.wsdl, served at /motcua). It takes a dossier
 * (TiepNhanHoSoLienThong, idempotent on MaGiaoDich, answering a MaBienNhan
 * NNMT-000001, ...), then writes to its change log 01 at once, 02 after
 * processingMs/2 and 04 with the appraisal PDF and the actual fee after
 * processingMs; the hub reads the log from a sequence number
 * (LayDanhSachThayDoi). Two reads: its own record of a dossier by receipt
 * number (TraCuuHoSo) and its register of the appraisal documents it
 * issued (TraCuuVanBan, numbers 0001/TĐ-SNNMT, ...). KiemTraKetNoi is its
 * health check.
 */
export async function startPolledDepartmentSimulator(options: DepartmentSimulatorOptions): Promise<DepartmentSimulator> {
  const settings = { mode: options.mode ?? 'normal', slowMs: options.slowMs ?? DEFAULT_SLOW_MS };
  const timers = new Timers();
  const received: ReceivedDossier[] = [];
  const byKey = new Map<string, Tracked>();
  const changes: ThayDoi[] = [];
  /** The appraisal documents issued, in order (the public register TraCuuVanBan reads). */
  const documents: Tracked[] = [];
  const byReference = new Map<string, Tracked>();

  const append = (tracked: Tracked, status: Status): void => {
    const { dossier } = tracked;
    const change: ThayDoi = {
      SoThuTu: changes.length + 1,
      MaHoSo: dossier.dossierCode,
      MaBienNhan: dossier.reference,
      MaTrangThai: status,
      TenTrangThai: STATUSES[status].name,
      ThoiDiem: new Date().toISOString(),
      NoiDung: STATUSES[status].note,
    };
    if (status === '04') {
      tracked.finishedAt = new Date();
      tracked.document = `${String(documents.length + 1).padStart(4, '0')}/TĐ-SNNMT`;
      documents.push(tracked);
      if (tracked.fee !== null) change.PhiThucTe = twoDecimals(tracked.fee);
      change.KetQua = [
        {
          TenGiayTo: RESULT_NAME,
          TenTep: `KQ-${dossier.dossierCode}.pdf`,
          LoaiTep: 'application/pdf',
          NoiDung: resultPdf(RESULT_NAME, dossier.dossierCode).toString('base64'),
        },
      ];
    }
    changes.push(change);
    tracked.reached = status;
  };

  /** Moves a dossier on to `status`, writing each status it skipped, never back. */
  const advance = (tracked: Tracked, status: '02' | '04'): void => {
    if (tracked.reached === '01') append(tracked, '02');
    if (status === '04' && tracked.reached === '02') append(tracked, '04');
  };

  const endpoint = await startSoapEndpoint({
    options,
    path: '/motcua',
    wsdlFile: DEPARTMENT_WSDLS.polled,
    service: 'MotCuaService',
    port: 'MotCuaPort',
    settings,
    timers,
    operations: {
      TiepNhanHoSoLienThong(args) {
        const key = text(args.MaGiaoDich);
        const dossier = record(args.HoSo);
        const code = text(dossier.MaHoSo);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (key === null || code === null) throw invalidRequest('Thiếu mã giao dịch (MaGiaoDich) hoặc mã hồ sơ (HoSo/MaHoSo).');
        const fee = text(dossier.LePhi);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (fee !== null && !DECIMAL.test(fee)) throw invalidRequest(`Lệ phí (LePhi) "${fee}" không phải là số tiền hợp lệ.`);

        // The same sending again (the hub's outbox may deliver twice) is the same receipt, and nothing new in the log.
        const known = byKey.get(key);
        if (known) return { MaBienNhan: known.dossier.reference };

        const receivedAt = new Date();
        const tracked: Tracked = {
          dossier: { key, dossierCode: code, reference: `NNMT-${String(byKey.size + 1).padStart(6, '0')}`, receivedAt, request: args },
          fee,
          reached: '01',
        };
        byKey.set(key, tracked);
        byReference.set(tracked.dossier.reference, tracked);
        received.push(tracked.dossier);
        append(tracked, '01');
        timers.after(options.processingMs / 2, () => advance(tracked, '02'));
        timers.after(options.processingMs, () => advance(tracked, '04'));
        return { MaBienNhan: tracked.dossier.reference, NgayHenTra: new Date(receivedAt.getTime() + options.processingMs).toISOString() };
      },

      LayDanhSachThayDoi(args) {
        const from = Number(args.TuSoThuTu);
        const limit = args.SoLuongToiDa === undefined ? DEFAULT_PAGE : Number(args.SoLuongToiDa);
        if (args.TuSoThuTu === undefined || !Number.isInteger(from) || from < 0 || !Number.isInteger(limit) || limit < 1) {
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw invalidRequest('TuSoThuTu phải là số nguyên không âm và SoLuongToiDa (nếu có) là số nguyên dương.');
        }
        // SoThuTu n is changes[n - 1]: the log only grows.
        return { DanhSachThayDoi: { ThayDoi: changes.slice(from, from + limit) } };
      },

      TraCuuHoSo(args) {
        const reference = text(args.MaBienNhan);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (reference === null) throw invalidRequest('Thiếu mã biên nhận (MaBienNhan).');
        const tracked = byReference.get(reference);
        if (!tracked) return {};
        const { dossier } = tracked;
        const officer = OFFICERS[(Number(reference.slice(-6)) - 1) % OFFICERS.length] ?? OFFICERS[0];
        return {
          HoSo: {
            MaBienNhan: dossier.reference,
            MaHoSo: dossier.dossierCode,
            MaTrangThai: tracked.reached,
            TenTrangThai: STATUSES[tracked.reached].name,
            NgayNhan: dossier.receivedAt.toISOString(),
            NgayHenTra: new Date(dossier.receivedAt.getTime() + options.processingMs).toISOString(),
            ...(tracked.finishedAt ? { NgayHoanThanh: tracked.finishedAt.toISOString() } : {}),
            PhongXuLy: DIVISION,
            CanBoXuLy: officer,
            ...(tracked.fee !== null && tracked.reached === '04' ? { PhiThucTe: twoDecimals(tracked.fee) } : {}),
            ...(tracked.document ? { SoVanBanKetQua: tracked.document } : {}),
          },
        };
      },

      TraCuuVanBan(args) {
        const number = text(args.SoVanBan);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (number === null) throw invalidRequest('Thiếu số văn bản (SoVanBan).');
        const tracked = documents.find((d) => d.document === number);
        if (!tracked?.finishedAt) return {};
        return {
          VanBan: {
            SoVanBan: number,
            TrichYeu: `${RESULT_NAME} đối với hồ sơ ${tracked.dossier.dossierCode}`,
            NgayBanHanh: tracked.finishedAt.toISOString(),
            NguoiKy: 'Giám đốc Sở Nông nghiệp và Môi trường',
            TinhTrang: 'CON_HIEU_LUC',
          },
        };
      },

      KiemTraKetNoi() {
        return { TrangThai: 'OK' };
      },
    },
  });

  return Object.assign(new SimulatorControls(endpoint, settings, received, timers), {
    finishAll() {
      for (const tracked of byKey.values()) advance(tracked, '04');
    },
  });
}
