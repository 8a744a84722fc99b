import type { CallOptions } from '../integration';

/**
 * The national public service portal (Cổng Dịch vụ công quốc gia, DVCQG)
 * as the hub needs it (DOMAIN.md §2.1–2.2, issue 14): every dossier of the
 * province and each of its processing steps reported to it, a dossier
 * looked up, and the national catalogue of procedures read. Adapters live
 * in connectors/portal/; the portal's field names and codes stay there.
 * Times are instants; amounts whole VND.
 */
export interface NationalPortal {
  /**
   * Reports a dossier whole (DongBoHoSoMC): the portal adds it, or replaces
   * what it had under that code. The same record again changes nothing.
   * Throws `PortalRefusedError` when the portal refuses the record
   * (validation: fix it, then replay), `UpstreamError` when it cannot be
   * reached or fails (try again later).
   */
  syncDossier(dossier: PortalDossier, options?: CallOptions): Promise<void>;
  /** Reports one processing step of a dossier already reported (CapNhatTienDoHoSoMC). Same errors. */
  syncProgress(progress: PortalProgress, options?: CallOptions): Promise<void>;
  /** Where the portal has a dossier (TraCuuHoSo); null when it has none under that code. */
  lookupDossier(code: string, options?: CallOptions): Promise<PortalDossierState | null>;
  /** The procedures the national catalogue lists for the province (LayDanhSachTTHC), without their details. */
  listProcedures(options?: CallOptions): Promise<PortalProcedureSummary[]>;
  /** One procedure's details (LayThuTuc); null when the catalogue has no such code. */
  procedure(code: string, options?: CallOptions): Promise<PortalProcedure | null>;
  /**
   * The dossiers filed on the portal itself or through VNeID for the
   * province that it has not taken yet (LayDanhSachHoSo). The portal lists
   * one until it is acknowledged.
   */
  pendingSubmissions(options?: CallOptions): Promise<PortalSubmission[]>;
  /**
   * Tells the portal the province took a submission, as the hub's dossier
   * `dossierCode` (CapNhatDaNhanHoSo); the same again changes nothing.
   * `PortalRefusedError` when the portal knows no such submission.
   */
  acknowledgeSubmission(portalCode: string, dossierCode: string, options?: CallOptions): Promise<void>;
}

/** Where a pulled dossier was filed. */
export type PortalSubmissionSource = 'DVCQG' | 'VNEID';

/**
 * A dossier filed on the portal (or VNeID), in the hub's words. Values are
 * as the portal sent them (trimmed, empty when absent): the hub checks
 * them as it checks any submission.
 */
export interface PortalSubmission {
  /** The portal's code of the dossier: the key that makes a second pull find the first one's dossier. */
  portalCode: string;
  /** null when the portal named a source the mapping lacks. */
  source: PortalSubmissionSource | null;
  procedureCode: string;
  /** The unit it was filed with; null: the procedure's agency. */
  receivingAgencyCode: string | null;
  /** null when the portal sent none or one not in yyyyMMddHHmmss. */
  submittedAt: Date | null;
  applicantName: string;
  applicantPersonalId: string;
  phone: string | null;
  email: string | null;
  /** The applicant's account is verified with VNeID (level 2). */
  verifiedWithVneid: boolean;
  summary: string | null;
  /** COUNTER or POST; null for a code the mapping lacks. */
  returnMethod: string | null;
  deliveryAddress: string | null;
  files: Array<{ componentCode: string; fileName: string; contentType: string | null; contentBase64: string }>;
}

/** Who filed: a citizen, an enterprise, a state agency or another organisation (`LoaiDoiTuong` 1–4). */
export type PortalApplicantKind = 'CITIZEN' | 'ENTERPRISE' | 'STATE_AGENCY' | 'ORGANISATION';

/** A dossier as the portal keeps it, in the hub's words. */
export interface PortalDossier {
  /** MaHoSo: the dossier code, unchanged through its life. */
  code: string;
  /** MaTTHC and TenTTHC: the procedure's national code and name. */
  procedureCode: string;
  procedureName: string;
  /** MaLinhVuc, TenLinhVuc. */
  fieldCode: string | null;
  fieldName: string;
  /** ChuHoSo and who they are. */
  applicantName: string;
  applicantKind: PortalApplicantKind;
  /** DinhDanhCHS: the applicant's 12-digit personal id (citizens). */
  applicantPersonalId: string | null;
  email: string | null;
  phone: string | null;
  /** TrichYeuHoSo: what the dossier asks, at most 1,000 characters. */
  summary: string;
  /** The hub's status (SUBMITTED … RETURNED); the adapter maps it to TrangThaiHoSo 1–10. */
  status: string;
  /** COUNTER, ONLINE or POSTAL (KenhThucHien 1/2/3). */
  channel: string;
  /** COUNTER or POST (HinhThuc 0/1). */
  returnMethod: string;
  /** NoiNopHoSo, DonViXuLy: the agency that received it and the one processing it. */
  receivingAgency: string;
  processingAgency: string;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** NgayKetThucXuLy: processing finished (result ready, stopped). */
  finishedAt: Date | null;
  /** NgayTra: the result handed over or delivered. */
  returnedAt: Date | null;
  /** NgayTuChoi: refused (not received). */
  rejectedAt: Date | null;
  note: string | null;
  /** HoSoCoThanhPhanSoHoa, DuocThanhToanTrucTuyen. */
  hasDigitisedComponents: boolean;
  paidOnline: boolean;
  documents: PortalDocument[];
  fees: PortalFee[];
  supplements: PortalSupplement[];
  results: PortalResult[];
}

/** TaiLieuNop: a document filed with the dossier. */
export interface PortalDocument {
  id: string;
  name: string;
  componentCode: string;
  digitised: boolean;
  /** Taken from documents the applicant already had (DuocTaiSuDung). */
  reused: boolean;
}

/** DanhSachLePhi: a fee or charge and how it was paid. */
export interface PortalFee {
  code: string;
  name: string;
  amount: number;
  /** CASH, CARD, ONLINE, COD, or null while unpaid. */
  paymentMethod: string | null;
}

/** DanhSachHoSoBoSung: a supplement asked, with the due times before and after it. */
export interface PortalSupplement {
  id: string;
  requestedAt: Date;
  reason: string;
  dueAt: Date | null;
  suppliedAt: Date | null;
  previousDueAt: Date | null;
  newDueAt: Date | null;
}

/** DanhSachGiayToKetQua: a result document. */
export interface PortalResult {
  id: string;
  name: string;
  componentCode: string;
}

/** CapNhatTienDoHoSoMC: one move of a dossier. */
export interface PortalProgress {
  dossierCode: string;
  /** The move's place in the dossier's history (1, 2, …): the portal keeps each once, in order. */
  sequence: number;
  /** NguoiXuLy, ChucDanh, PhongBanXuLy. */
  actor: string;
  actorTitle: string | null;
  unit: string | null;
  at: Date;
  /** NoiDungXuLy. */
  content: string;
  /** The hub's status after the move. */
  status: string;
  /** The step's start and statutory end (NgayBatDau, NgayKetThucTheoQuyDinh), when the move is within a step. */
  stepStartedAt: Date | null;
  stepDueAt: Date | null;
}

/** What the portal has of a dossier. */
export interface PortalDossierState {
  code: string;
  /** The hub's status the portal's code stands for; null for a code the mapping lacks. */
  status: string | null;
  nationalStatusCode: string;
  /** How many moves the portal has recorded. */
  progressCount: number;
}

export interface PortalProcedureSummary {
  code: string;
  name: string;
  fieldCode: string | null;
  fieldName: string | null;
}

export interface PortalProcedure extends PortalProcedureSummary {
  /** Processing time per channel, in the catalogue's words (amount and unit as the hub's ProcessingTime). */
  times: Array<{ channel: string; amount: number; unit: string }>;
  /** Fees in whole VND, with their text. */
  fees: Array<{ amount: number; text: string }>;
  /** The executing agencies the catalogue names. */
  agencies: string[];
}

/** The portal refused a record (its code and message): fix what it names and replay. */
export class PortalRefusedError extends Error {
  constructor(
    readonly portalCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalRefusedError';
  }
}
