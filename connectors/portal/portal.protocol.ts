/**
 * The national public service portal's adapter API (DVCQG, DOMAIN.md §2.2;
 * the fields OpenCPS and Thanh Hóa's integrations send), shared by the
 * adapter and the simulator.
 *
 * - Login: `POST {url}/auth` with `{ username, password }`; answers
 *   `{ error_code: 0, session }` (any other error_code: refused).
 * - Every service: `POST {url}/integration` with `{ session, madonvi,
 *   service, … }`; answers `{ error_code, message, result? }`. `"00"` is
 *   done; the codes below say why not.
 * - DongBoHoSoMC: `{ isUpdating: "False" | "True", data: [dossier] }` adds
 *   a dossier, or replaces one the portal has.
 * - CapNhatTienDoHoSoMC: `{ data: [step] }`.
 * - TraCuuHoSo: `{ mahoso }`; LayThuTuc: `{ maTTHC }`; LayDanhSachTTHC: `{}`.
 *   Each answers `result: [...]`.
 * - LayDanhSachHoSo: `{}` answers the dossiers filed on the portal itself
 *   or through VNeID for the province's units that the province has not
 *   yet taken (`result: [submission]`, files inline in base64);
 *   CapNhatDaNhanHoSo: `{ MaHoSo, DaNhan: "True", MaHoSoTiepNhan }` says
 *   the province took one (under the hub's own code), and the portal stops
 *   listing it. The two names are those of the portal-side pull in the
 *   Thanh Hóa-derived integration (DVC liên thông: GetToken,
 *   LayDanhSachHoSo, CapNhatDaNhanHoSo with maHoSo and daNhan; its files
 *   carried as base64); the submission's fields are the dossier fields of
 *   DongBoHoSoMC where one exists.
 * - Dates are yyyyMMddHHmmss in the centre's time (Asia/Ho_Chi_Minh).
 *
 * The sources give the services, the login and the dossier and step fields,
 * not the answers' codes nor which fields the portal requires: those below
 * are this hub's reading, in one place to change when the province's
 * contract with the portal says otherwise.
 */

export const AUTH_PATH = '/auth';
export const INTEGRATION_PATH = '/integration';

/** error_code of a good login (a number, as the portal sends it). */
export const LOGIN_OK = 0;
/** error_code of the services. */
export const CODE_OK = '00';
/** A field is missing or wrong: the record is refused (message names it). */
export const CODE_INVALID = '01';
/** The session is unknown or expired: log in again. */
export const CODE_SESSION = '02';
/** DongBoHoSoMC adding a code the portal has, or replacing one it has not. */
export const CODE_EXISTS = '03';
export const CODE_NOT_FOUND = '04';
/** Progress for a dossier the portal does not have. */
export const CODE_UNKNOWN_DOSSIER = '05';
export const CODE_UNKNOWN_SERVICE = '06';

export const SERVICE = {
  SYNC_DOSSIER: 'DongBoHoSoMC',
  SYNC_PROGRESS: 'CapNhatTienDoHoSoMC',
  LOOKUP: 'TraCuuHoSo',
  PROCEDURE: 'LayThuTuc',
  PROCEDURES: 'LayDanhSachTTHC',
  SUBMISSIONS: 'LayDanhSachHoSo',
  ACKNOWLEDGE: 'CapNhatDaNhanHoSo',
} as const;

/** NguonNop: where a dossier the province pulls was filed. */
export const SOURCE_CODE: Readonly<Record<string, string>> = { DVCQG: '1', VNEID: '2' };

/** The hub's statuses as the portal's TrangThaiHoSo (DOMAIN.md §2.1): data, one table to change. */
export const STATUS_CODE: Readonly<Record<string, string>> = {
  SUBMITTED: '1',
  RECEIVED: '2',
  REJECTED: '3',
  PROCESSING: '4',
  SUPPLEMENT_REQUESTED: '5',
  AWAITING_PAYMENT: '6',
  WITHDRAWN: '7',
  STOPPED: '8',
  RESULT_READY: '9',
  RETURNED: '10',
};

/** KenhThucHien. */
export const CHANNEL_CODE: Readonly<Record<string, string>> = { COUNTER: '1', ONLINE: '2', POSTAL: '3' };
/** HinhThuc: how the result goes back. */
export const RETURN_CODE: Readonly<Record<string, string>> = { COUNTER: '0', POST: '1' };
/** LoaiDoiTuong. */
export const APPLICANT_KIND_CODE: Readonly<Record<string, string>> = { CITIZEN: '1', ENTERPRISE: '2', STATE_AGENCY: '3', ORGANISATION: '4' };
/** HinhThucThu of a fee: how it was paid (unpaid: empty). */
export const PAYMENT_CODE: Readonly<Record<string, string>> = { CASH: '1', CARD: '2', ONLINE: '3', COD: '4' };

/** The key whose value is `code` in a table, or null (a code the table does not know is never guessed). */
export function keyOf(table: Readonly<Record<string, string>>, code: unknown): string | null {
  return Object.entries(table).find(([, value]) => value === code)?.[0] ?? null;
}

export interface LoginAnswer {
  error_code?: unknown;
  session?: unknown;
  message?: unknown;
}

export interface ServiceAnswer<T = unknown> {
  error_code?: unknown;
  message?: unknown;
  result?: T[];
}

export interface DocumentMessage {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: 'False';
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  /** 1 digitised, 0 not. */
  DuocSoHoa: '0' | '1';
  /** 0 filed, 1 reused from the applicant's documents, 2 from the national store. */
  DuocTaiSuDung: '0' | '1' | '2';
  DuocLayTuKhoDMQG: '0' | '1';
}

export interface FeeMessage {
  TenPhiLePhi: string;
  MaPhiLePhi: string;
  HinhThucThu: string;
  Gia: string;
  LoaiPhiLePhi: string;
}

export interface SupplementMessage {
  HoSoBoSungId: string;
  NgayBoSung: string;
  NoiDungBoSung: string;
  ThoiHanBoSung: string;
  NgayCongDanBoSung: string;
  NgayHenTraTruoc: string;
  NgayHenTraMoi: string;
}

export interface ResultMessage {
  TenGiayTo: string;
  MaThanhPhanHoSo: string;
  GiayToId: string;
  DuongDanTepTinKetQua: string;
}

export interface DossierMessage {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  ChuHoSo: string;
  LoaiDoiTuong: string;
  MaDoiTuong: string;
  DinhDanhCHS: Array<{ LoaiDinhDanh: string; SoDinhDanh: string }>;
  Email: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: string;
  NgayKetThucXuLy: string;
  NgayTra: string;
  NgayTuChoi: string;
  KenhThucHien: string;
  HinhThuc: string;
  NoiNopHoSo: string;
  DonViXuLy: string;
  GhiChu: string;
  HoSoCoThanhPhanSoHoa: '0' | '1';
  DuocThanhToanTrucTuyen: '0' | '1';
  TaiLieuNop: DocumentMessage[];
  DanhSachLePhi: FeeMessage[];
  DanhSachHoSoBoSung: SupplementMessage[];
  DanhSachGiayToKetQua: ResultMessage[];
}

export interface ProgressMessage {
  MaHoSo: string;
  /** The move's place in the dossier's history: the portal keeps each once. */
  STT: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

export interface LookupMessage {
  MaHoSo: string;
  TrangThaiHoSo: string;
  SoLanCapNhatTienDo: string;
}

/** A file of a submission (TepDinhKem): the component it stands for and its content. */
export interface SubmissionFileMessage {
  MaThanhPhanHoSo: string;
  TenTepDinhKem: string;
  /** MIME type (application/pdf, image/jpeg, image/png, image/tiff). */
  LoaiTep: string;
  /** The file itself, base64. */
  DuLieuTepDinhKem: string;
}

/** LayDanhSachHoSo's item: a dossier filed on the portal (or VNeID) the province has not taken yet. */
export interface SubmissionMessage {
  /** The portal's own code of the dossier. */
  MaHoSo: string;
  /** NguonNop (SOURCE_CODE). */
  NguonNop: string;
  MaTTHC: string;
  /** The unit it was filed with (its e-identifier, as the hub's agency codes); empty: the procedure's agency. */
  MaDonViTiepNhan: string;
  NgayNopHoSo: string;
  ChuHoSo: string;
  /** The applicant's 12-digit personal id. */
  SoDinhDanh: string;
  SoDienThoai: string;
  Email: string;
  /** '1' when the applicant's account is verified with VNeID (level 2). */
  TaiKhoanDuocXacThucVoiVNeID: string;
  TrichYeuHoSo: string;
  /** HinhThuc: how the result goes back (RETURN_CODE). */
  HinhThuc: string;
  DiaChiNhanKetQua: string;
  TepDinhKem: SubmissionFileMessage[];
}

export interface ProcedureMessage {
  MATTHC: string;
  TENTTHC: string;
  LINHVUCTHUCHIEN: Array<{ MALINHVUC: string; TENLINHVUC: string }>;
  /** Per channel (KENH 1/2/3): THOIGIAN and DONVITINH ("Ngày làm việc", "Ngày", "Giờ", "Tháng"). */
  CACHTHUCTHUCHIEN?: Array<{ KENH: string; THOIGIAN: string; DONVITINH: string }>;
  PHILEPHI?: Array<{ MUCPHI: string; MOTA: string }>;
  COQUANTHUCHIEN?: string[];
}

/** DONVITINH as the hub's time units. */
export const TIME_UNIT_OF: Readonly<Record<string, string>> = {
  'Ngày làm việc': 'WORKING_DAYS',
  Ngày: 'DAYS',
  Giờ: 'WORKING_HOURS',
  Tháng: 'MONTHS',
};

/**
 * Which fields a dossier must carry, by the status it is in (the portal
 * refuses a record without them, CODE_INVALID naming the first). The
 * simulator enforces it; the adapter never sends a record it knows the
 * portal refuses.
 */
export function missingDossierField(message: Partial<DossierMessage>): string | null {
  const always: Array<keyof DossierMessage> = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'ChuHoSo', 'LoaiDoiTuong', 'TrangThaiHoSo', 'KenhThucHien', 'HinhThuc', 'DonViXuLy'];
  for (const field of always) if (!nonEmpty(message[field])) return field;
  const status = Number(message.TrangThaiHoSo);
  if (status === 1 && !nonEmpty(message.NgayNopHoSo)) return 'NgayNopHoSo';
  if (status === 3 && !nonEmpty(message.NgayTuChoi)) return 'NgayTuChoi';
  if (status >= 2 && status !== 3) {
    for (const field of ['NgayTiepNhan', 'NgayHenTra'] as const) if (!nonEmpty(message[field])) return field;
  }
  if ((status === 8 || status === 9 || status === 10) && !nonEmpty(message.NgayKetThucXuLy)) return 'NgayKetThucXuLy';
  if (status === 10 && !nonEmpty(message.NgayTra)) return 'NgayTra';
  return null;
}

export function missingProgressField(message: Partial<ProgressMessage>): string | null {
  for (const field of ['MaHoSo', 'STT', 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', 'TrangThai'] as const) if (!nonEmpty(message[field])) return field;
  return null;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}
