import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The national payment platform's messages (Nền tảng thanh toán trên Cổng
 * Dịch vụ công quốc gia, DOMAIN.md §5), shared by the adapter and the
 * simulator: what each carries, and its `MaXacThuc`, the SHA-256 (hex) of
 * its fields joined with `|`, the partner's secret last.
 *
 * The CONFIRM order is the one DOMAIN.md gives. For INIT and QUERY the
 * sources name the fields and the rule but not the order: the order below
 * is the fields' order in the message, and one place to change if the
 * platform's specification says otherwise.
 */

export const PROTOCOL_VERSION = '1.0.6';
export const CURRENCY = 'VND';
/** CONFIRM's MaLoi for a successful payment. */
export const CONFIRM_OK = '00';
/** QUERY's TrangThaiGD: paid, failed (others: still pending). */
export const QUERY_PAID = '1';
export const QUERY_FAILED = '4';

export interface InitRequest {
  PhienBan: string;
  MaDoiTac: string;
  /** Unique per payment, derived from the dossier code. */
  MaThamChieu: string;
  /** Whole VND, as digits. */
  SoTien: string;
  LoaiHinhThanhToan: 'PAY';
  MaKenhThanhToan: string;
  MaThietBi: string;
  NgonNgu: 'vi-VN';
  MaTienTe: 'VND';
  MaNganHang: string;
  ThongTinGiaoDich: string;
  /** yyyyMMddHHmmss, the centre's local time. */
  ThoiGianGD: string;
  Ip: string;
  ThongTinBienLai: { MaTTHC: string; MaDVC: string; MaDonVi: string; MaHoSo: string; HoTenNguoiNop: string };
  MaXacThuc: string;
}

export interface InitAnswer {
  error_code: string;
  message?: string;
  UrlThanhToan?: string;
}

export interface ConfirmMessage {
  LoaiBanTin: 'CONFIRM';
  MaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: string;
  MaTienTe: string;
  /** The platform's own transaction id. */
  MaGiaoDich: string;
  MaNganHang: string;
  ThoiGianGD: string;
  ThongTinGiaoDich: string;
  MaXacThuc: string;
}

export interface QueryRequest {
  LoaiBanTin: 'QUERY';
  PhienBan: string;
  MaDoiTac: string;
  MaThamChieu: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}

export interface QueryAnswer {
  error_code: string;
  MaThamChieu?: string;
  /** 1 paid, 4 failed; anything else: not settled yet. */
  TrangThaiGD?: string;
  SoTien?: string;
  MaGiaoDich?: string;
  ThoiGianGD?: string;
  MaXacThuc?: string;
}

const INIT_FIELDS = ['PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'] as const;
const CONFIRM_FIELDS = ['LoaiBanTin', 'MaLoi', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich'] as const;
const QUERY_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;
const QUERY_ANSWER_FIELDS = ['error_code', 'MaThamChieu', 'TrangThaiGD', 'SoTien', 'MaGiaoDich', 'ThoiGianGD'] as const;

/** SHA-256 hex of the values joined with `|`, the secret last. */
export function signature(values: readonly string[], secret: string): string {
  return createHash('sha256').update([...values, secret].join('|'), 'utf8').digest('hex');
}

/** The signed fields' values: each is text (a number written as digits); a missing one is empty. */
const valuesOf = <T extends object>(message: T, fields: readonly string[]): string[] =>
  fields.map((field) => {
    const value = (message as Record<string, unknown>)[field];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });

export const signInit = (message: Omit<InitRequest, 'MaXacThuc'>, secret: string): string => signature(valuesOf(message, INIT_FIELDS), secret);
export const signConfirm = (message: Omit<ConfirmMessage, 'MaXacThuc'>, secret: string): string => signature(valuesOf(message, CONFIRM_FIELDS), secret);
export const signQuery = (message: Omit<QueryRequest, 'MaXacThuc'>, secret: string): string => signature(valuesOf(message, QUERY_FIELDS), secret);
export const signQueryAnswer = (message: Omit<QueryAnswer, 'MaXacThuc'>, secret: string): string => signature(valuesOf(message, QUERY_ANSWER_FIELDS), secret);

/** Whether `given` is the expected hex signature, compared in constant time. */
export function sameSignature(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(expected, 'hex'));
}

/** yyyyMMddHHmmss in the centre's time (UTC+7, no daylight saving). */
export { centreTime as platformTime } from '../shared/centre-time';
