import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseCentreTime } from '../shared/centre-time';
import { listen, readBody, sendJson, stopServer } from '../shared/simulator-http';
import {
  AUTH_PATH,
  CODE_EXISTS,
  CODE_INVALID,
  CODE_NOT_FOUND,
  CODE_OK,
  CODE_SESSION,
  CODE_UNKNOWN_DOSSIER,
  CODE_UNKNOWN_SERVICE,
  INTEGRATION_PATH,
  LOGIN_OK,
  missingDossierField,
  missingProgressField,
  SERVICE,
  STATUS_CODE,
  type DossierMessage,
  type ProcedureMessage,
  type ProgressMessage,
  type SubmissionMessage,
} from './portal.protocol';

/**
 * The national portal's adapter API, simulated (issue 14): a real HTTP
 * server with the login and the services of portal.protocol.ts. It checks
 * the fields the portal requires and refuses a record without them in the
 * portal's answer shape, keeps every record and move it accepted (so tests
 * can compare), and can be down (HTTP 503) or slow, by configuration or at
 * run time.
 */

export interface PortalSimulatorOptions {
  host?: string;
  port?: number;
  username: string;
  password: string;
  /** madonvi the portal knows the province by. */
  agencyCode: string;
  /** The national catalogue it serves (LayDanhSachTTHC, LayThuTuc). */
  procedures?: ProcedureMessage[];
  /** Every answer waits this long. */
  delayMs?: number;
  /** Answers HTTP 503 to everything. */
  down?: boolean;
  /** Fields it requires beyond the protocol's (a portal that tightens its checks). */
  required?: string[];
  /** Services that answer HTTP 500 (a portal half down). */
  failServices?: string[];
}

export interface PortalSimulatorCall {
  service: string;
  dossierCode: string | null;
  errorCode: string;
}

export interface PortalSimulator {
  url: string;
  down: boolean;
  delayMs: number;
  procedures: ProcedureMessage[];
  /** Fields it requires beyond the protocol's, settable at run time. */
  required: string[];
  /** Services that answer HTTP 500, settable at run time. */
  failServices: string[];
  /** The record the portal has of each dossier. */
  readonly dossiers: ReadonlyMap<string, DossierMessage>;
  /** Each different record accepted for a dossier, in order (a repeat adds none). */
  readonly versions: ReadonlyMap<string, readonly DossierMessage[]>;
  /** The moves of each dossier, in the order they came, each STT once. */
  readonly progress: ReadonlyMap<string, readonly ProgressMessage[]>;
  /** Every service call answered, with its code. */
  readonly calls: readonly PortalSimulatorCall[];
  /** Files a dossier on the simulated portal (as a citizen on the portal or VNeID would): LayDanhSachHoSo lists it until acknowledged. */
  submit(submission: SubmissionMessage): void;
  /** The submissions acknowledged (CapNhatDaNhanHoSo): the portal's code → the province's dossier code. */
  readonly acknowledged: ReadonlyMap<string, string>;
  /** Every session issued so far stops working (as a portal restart does). */
  expireSessions(): void;
  stop(): Promise<void>;
}

const answer = (res: ServerResponse, errorCode: string, message: string, result?: unknown[]): void =>
  sendJson(res, 200, { error_code: errorCode, message, ...(result ? { result } : {}) });

const DATE_FIELDS = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'] as const;

export async function startPortalSimulator(options: PortalSimulatorOptions): Promise<PortalSimulator> {
  const sessions = new Set<string>();
  const dossiers = new Map<string, DossierMessage>();
  const versions = new Map<string, DossierMessage[]>();
  const progress = new Map<string, ProgressMessage[]>();
  const calls: PortalSimulatorCall[] = [];
  const submissions = new Map<string, SubmissionMessage>();
  const acknowledged = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { down: options.down ?? false, delayMs: options.delayMs ?? 0, procedures: options.procedures ?? [], required: options.required ?? [], failServices: options.failServices ?? [] };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function syncDossier(res: ServerResponse, body: Record<string, unknown>): string {
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) return refuse(res, CODE_INVALID, 'Trường data là bắt buộc');
    const updating = body.isUpdating === 'True' || body.isUpdating === true;
    // The whole batch is checked before anything is kept.
    for (const item of data as Array<Partial<DossierMessage>>) {
      if (item === null || typeof item !== 'object') return refuse(res, CODE_INVALID, 'Mỗi phần tử của data phải là một hồ sơ');
      const missing =
        missingDossierField(item) ??
        state.required.find((f) => {
          const value: unknown = item[f as keyof DossierMessage];
          return typeof value !== 'string' || value.trim() === '';
        }) ??
        null;
      if (missing) return refuse(res, CODE_INVALID, `Hồ sơ ${String(item.MaHoSo ?? '')}: trường ${missing} là bắt buộc`);
      if (!Object.values(STATUS_CODE).includes(String(item.TrangThaiHoSo))) return refuse(res, CODE_INVALID, `Hồ sơ ${item.MaHoSo}: TrangThaiHoSo không hợp lệ`);
      const badDate = DATE_FIELDS.find((f) => typeof item[f] === 'string' && item[f] !== '' && parseCentreTime(item[f]) === null);
      if (badDate) return refuse(res, CODE_INVALID, `Hồ sơ ${item.MaHoSo}: ${badDate} phải có dạng yyyyMMddHHmmss`);
      if (typeof item.TrichYeuHoSo === 'string' && item.TrichYeuHoSo.length > 1000) return refuse(res, CODE_INVALID, `Hồ sơ ${item.MaHoSo}: TrichYeuHoSo quá 1000 ký tự`);
      const known = dossiers.has(String(item.MaHoSo));
      if (updating && !known) return refuse(res, CODE_NOT_FOUND, `Hồ sơ ${item.MaHoSo} chưa có trên Cổng`);
      if (!updating && known) return refuse(res, CODE_EXISTS, `Hồ sơ ${item.MaHoSo} đã có trên Cổng`);
    }
    for (const item of data as DossierMessage[]) {
      const list = versions.get(item.MaHoSo) ?? [];
      if (list.length === 0 || JSON.stringify(list[list.length - 1]) !== JSON.stringify(item)) list.push(structuredClone(item));
      versions.set(item.MaHoSo, list);
      dossiers.set(item.MaHoSo, structuredClone(item));
    }
    answer(res, CODE_OK, 'Thành công');
    return CODE_OK;
  }

  function syncProgress(res: ServerResponse, body: Record<string, unknown>): string {
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) return refuse(res, CODE_INVALID, 'Trường data là bắt buộc');
    for (const item of data as Array<Partial<ProgressMessage>>) {
      if (item === null || typeof item !== 'object') return refuse(res, CODE_INVALID, 'Mỗi phần tử của data phải là một bước xử lý');
      const missing = missingProgressField(item);
      if (missing) return refuse(res, CODE_INVALID, `Tiến độ hồ sơ ${String(item.MaHoSo ?? '')}: trường ${missing} là bắt buộc`);
      if (parseCentreTime(item.ThoiDiemXuLy) === null) return refuse(res, CODE_INVALID, `Tiến độ hồ sơ ${item.MaHoSo}: ThoiDiemXuLy phải có dạng yyyyMMddHHmmss`);
      if (!dossiers.has(String(item.MaHoSo))) return refuse(res, CODE_UNKNOWN_DOSSIER, `Hồ sơ ${item.MaHoSo} chưa có trên Cổng`);
    }
    for (const item of data as ProgressMessage[]) {
      const list = progress.get(item.MaHoSo) ?? [];
      if (!list.some((p) => p.STT === item.STT)) list.push(structuredClone(item));
      progress.set(item.MaHoSo, list);
    }
    answer(res, CODE_OK, 'Thành công');
    return CODE_OK;
  }

  function acknowledge(res: ServerResponse, body: Record<string, unknown>): string {
    const portalCode = typeof body.MaHoSo === 'string' ? body.MaHoSo : '';
    if (portalCode === '') return refuse(res, CODE_INVALID, 'Trường MaHoSo là bắt buộc');
    if (body.DaNhan !== 'True' && body.DaNhan !== true) return refuse(res, CODE_INVALID, 'Trường DaNhan phải là True');
    if (typeof body.MaHoSoTiepNhan !== 'string' || body.MaHoSoTiepNhan.trim() === '') return refuse(res, CODE_INVALID, 'Trường MaHoSoTiepNhan là bắt buộc');
    if (!submissions.has(portalCode)) return refuse(res, CODE_NOT_FOUND, `Không có hồ sơ ${portalCode} nộp trên Cổng`);
    // The same acknowledgement again changes nothing.
    if (!acknowledged.has(portalCode)) acknowledged.set(portalCode, body.MaHoSoTiepNhan);
    answer(res, CODE_OK, 'Cập nhật thành công');
    return CODE_OK;
  }

  function refuse(res: ServerResponse, code: string, message: string): string {
    answer(res, code, message);
    return code;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (state.delayMs > 0) await wait(state.delayMs);
    if (state.down) return sendJson(res, 503, { error_code: '99', message: 'Hệ thống đang bảo trì' });
    if (req.method !== 'POST') return sendJson(res, 405, { error_code: '99', message: 'Chỉ nhận POST' });
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error_code: CODE_INVALID, message: 'Yêu cầu không phải JSON' });
    }
    if (req.url === AUTH_PATH) {
      if (body.username !== options.username || body.password !== options.password) return sendJson(res, 200, { error_code: 1, message: 'Sai tên đăng nhập hoặc mật khẩu' });
      const session = randomBytes(18).toString('base64url');
      sessions.add(session);
      return sendJson(res, 200, { error_code: LOGIN_OK, session });
    }
    if (req.url !== INTEGRATION_PATH) return sendJson(res, 404, { error_code: '99', message: 'Không có dịch vụ này' });
    const service = typeof body.service === 'string' ? body.service : '';
    if (state.failServices.includes(service)) return sendJson(res, 500, { error_code: '99', message: 'Lỗi hệ thống' });
    const first: unknown = Array.isArray(body.data) ? (body.data[0] as { MaHoSo?: unknown } | undefined)?.MaHoSo : undefined;
    const dossierCode = typeof body.mahoso === 'string' ? body.mahoso : typeof first === 'string' ? first : typeof body.MaHoSo === 'string' ? body.MaHoSo : null;
    const record = (errorCode: string): void => {
      calls.push({ service, dossierCode, errorCode });
    };
    if (typeof body.session !== 'string' || !sessions.has(body.session)) return record(refuse(res, CODE_SESSION, 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn'));
    if (body.madonvi !== options.agencyCode) return record(refuse(res, CODE_INVALID, 'madonvi không đúng đơn vị của tài khoản'));
    switch (service) {
      case SERVICE.SYNC_DOSSIER:
        return record(syncDossier(res, body));
      case SERVICE.SYNC_PROGRESS:
        return record(syncProgress(res, body));
      case SERVICE.LOOKUP: {
        const found = dossiers.get(String(body.mahoso));
        answer(res, CODE_OK, 'Thành công', found ? [{ MaHoSo: found.MaHoSo, TrangThaiHoSo: found.TrangThaiHoSo, SoLanCapNhatTienDo: String(progress.get(found.MaHoSo)?.length ?? 0) }] : []);
        return record(CODE_OK);
      }
      case SERVICE.PROCEDURE:
        answer(res, CODE_OK, 'Thành công', state.procedures.filter((p) => p.MATTHC === body.maTTHC));
        return record(CODE_OK);
      case SERVICE.PROCEDURES:
        answer(res, CODE_OK, 'Thành công', state.procedures.map((p) => ({ MATTHC: p.MATTHC, TENTTHC: p.TENTTHC, LINHVUCTHUCHIEN: p.LINHVUCTHUCHIEN })));
        return record(CODE_OK);
      case SERVICE.SUBMISSIONS:
        answer(res, CODE_OK, 'Thành công', [...submissions.values()].filter((s) => !acknowledged.has(s.MaHoSo)));
        return record(CODE_OK);
      case SERVICE.ACKNOWLEDGE:
        return record(acknowledge(res, body));
      default:
        return record(refuse(res, CODE_UNKNOWN_SERVICE, `Không có dịch vụ ${service}`));
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error_code: '99', message: 'Lỗi hệ thống' });
    });
  });
  const url = await listen(server, options);

  return {
    url,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get procedures() {
      return state.procedures;
    },
    set procedures(value: ProcedureMessage[]) {
      state.procedures = value;
    },
    get required() {
      return state.required;
    },
    set required(value: string[]) {
      state.required = value;
    },
    get failServices() {
      return state.failServices;
    },
    set failServices(value: string[]) {
      state.failServices = value;
    },
    dossiers,
    versions,
    progress,
    calls,
    submit: (submission) => {
      submissions.set(submission.MaHoSo, structuredClone(submission));
    },
    acknowledged,
    expireSessions: () => sessions.clear(),
    stop: () => stopServer(server, timers),
  };
}
