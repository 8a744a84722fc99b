import * as soap from 'soap';
import { DEPARTMENT_WSDLS } from '../wsdl';
import {
  DEFAULT_SLOW_MS,
  invalidRequest,
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

/** One report the simulator sent to the hub, with how it ended. */
export interface PushAttempt {
  /** MaBaoCao: `${SoDen}:${status}`. */
  reportId: string;
  dossierCode: string;
  status: string;
  /** The hub's KetQua (DA_AP_DUNG, DA_GHI_NHAN, TRUNG_LAP), 'FAULT:<MaLoi>', or 'ERROR:<message>' (given up). */
  outcome: string;
  /** When the outcome came. */
  at: Date;
  /** HTTP calls it took (1 when the first one was answered). */
  attempts: number;
}

export interface PushingDepartmentSimulator extends DepartmentSimulator {
  /**
   * Where to report (the hub's endpoint URL, e.g.
   * http://127.0.0.1:4000/soap/lien-thong) and the credentials the hub gave
   * this department. Reports made before this is called wait and are sent
   * once it is; a later call changes where the next reports go.
   */
  attachHub(endpoint: string, credentials: { username: string; password: string }): void;
  /** Every report's final outcome, in the order they ended. */
  readonly pushes: readonly PushAttempt[];
  /** Resolves when every report produced so far has been delivered or given up (while not attached, that waits for attachHub or stop). */
  idle(): Promise<void>;
}

const STATUS_REGISTERED = '10';
const STATUS_ISSUED = '30';
const RESULT_NAME = 'Quyết định của Chủ tịch UBND tỉnh';
/** Retries of a report the hub did not answer (network error, HTTP 5xx without a fault), 100 ms × attempt apart: about 21 s in all. */
const MAX_RETRIES = 20;
const RETRY_STEP_MS = 100;
/** One call that hangs this long counts as not answered, and is retried. */
const CALL_TIMEOUT_MS = 10_000;

/** The hub's BaoCaoTienDo request, in the WSDL's element order. */
interface BaoCaoTienDo {
  MaBaoCao: string;
  MaHoSo: string;
  MaThamChieu: string;
  TrangThai: string;
  ThoiDiem: string;
  NoiDung: string;
  KetQua: Array<{ TenGiayTo: string; TenTep: string; LoaiTep: string; NoiDung: string }>;
}

interface HubClient extends soap.Client {
  BaoCaoTienDoAsync: (args: BaoCaoTienDo, options?: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;
}

interface Hub {
  client: Promise<HubClient>;
}

interface SoapFailureShape {
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; detail?: { MaLoi?: unknown }; Code?: { Value?: unknown } } } } };
  response?: { status?: number };
  code?: string;
}

/** How one call ended: an answer or a fault is final; a hub that did not answer is worth another try. */
type CallResult = { final: true; outcome: string } | { final: false; outcome: string };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function callResult(error: unknown): CallResult {
  const e = (error ?? {}) as SoapFailureShape;
  const fault = e.root?.Envelope?.Body?.Fault;
  if (fault) {
    // detail/MaLoi is the hub's code; a SOAP 1.2-style fault (the soap package's own authentication failure) has Code/Value.
    const code = [fault.detail?.MaLoi, fault.faultcode, fault.Code?.Value].find((value) => typeof value === 'string' && value !== '');
    return { final: true, outcome: `FAULT:${typeof code === 'string' ? code : 'KHONG_RO'}` };
  }
  const status = e.response?.status;
  if (status !== undefined) return { final: status < 500, outcome: `ERROR:HTTP ${status}` };
  // A network error carries its code (ECONNREFUSED, ECONNRESET, ECONNABORTED, ...); without one it is an answer the client could not read.
  return { final: e.code === undefined, outcome: `ERROR:${e.code ? `${e.code} ` : ''}${errorMessage(error)}` };
}

/**
 * The pushing department: UBND tỉnh's document system
 * (schema/wsdl/ubnd-qlvb.wsdl, served at /qlvb). It takes a dossier for the
 * Chairman (NopHoSoTrinh, idempotent on KhoaGuiLai, answering a SoDen
 * VB-2026-00001, ...) and reports to the hub's own endpoint
 * (BaoCaoTienDo): 10 once the answer has gone, 30 with the signed decision
 * after processingMs. Reports of one dossier go in order; a hub that does
 * not answer is retried, a fault is final. Ping is its health check.
 */
export async function startPushingDepartmentSimulator(options: DepartmentSimulatorOptions): Promise<PushingDepartmentSimulator> {
  const settings = { mode: options.mode ?? 'normal', slowMs: options.slowMs ?? DEFAULT_SLOW_MS };
  const timers = new Timers();
  const received: ReceivedDossier[] = [];
  const byKey = new Map<string, ReceivedDossier>();
  const issued = new Set<string>();
  const pushes: PushAttempt[] = [];
  /** The last report of each dossier (by SoDen): the next one waits for it. */
  const lastOfDossier = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const calls = new Set<AbortController>();

  let hub: Hub | null = null;
  let attached: () => void = () => undefined;
  const whenAttached = new Promise<void>((resolve) => {
    attached = resolve;
  });

  /** One HTTP call of a report to the hub. */
  const call = async (report: BaoCaoTienDo): Promise<CallResult> => {
    const abort = new AbortController();
    calls.add(abort);
    try {
      // hub is set: deliveries start only after attachHub.
      const client = await (hub as Hub).client;
      const [answer] = await client.BaoCaoTienDoAsync(report, { signal: abort.signal, timeout: CALL_TIMEOUT_MS, maxRedirects: 0 });
      const outcome = text((answer as { KetQua?: unknown } | null)?.KetQua);
      return { final: true, outcome: outcome ?? 'ERROR:an answer without KetQua' };
    } catch (error) {
      return callResult(error);
    } finally {
      calls.delete(abort);
    }
  };

  const deliver = async (report: BaoCaoTienDo): Promise<void> => {
    await whenAttached;
    for (let attempt = 1; !timers.stopped; attempt++) {
      const result = await call(report);
      if (timers.stopped) return;
      if (result.final || attempt > MAX_RETRIES) {
        pushes.push({ reportId: report.MaBaoCao, dossierCode: report.MaHoSo, status: report.TrangThai, outcome: result.outcome, at: new Date(), attempts: attempt });
        return;
      }
      await timers.sleep(RETRY_STEP_MS * attempt);
    }
  };

  /** Queues a report behind the dossier's earlier ones; `notBefore` holds its sending back (not its place). */
  const report = (dossier: ReceivedDossier, status: string, note: string, results: BaoCaoTienDo['KetQua'], notBefore?: Promise<void>): void => {
    const message: BaoCaoTienDo = {
      MaBaoCao: `${dossier.reference}:${status}`,
      MaHoSo: dossier.dossierCode,
      MaThamChieu: dossier.reference,
      TrangThai: status,
      ThoiDiem: new Date().toISOString(),
      NoiDung: note,
      KetQua: results,
    };
    const previous = lastOfDossier.get(dossier.reference) ?? Promise.resolve();
    const delivery = previous.then(() => notBefore).then(() => deliver(message));
    lastOfDossier.set(dossier.reference, delivery);
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  };

  /** The register's own view of each dossier (TraCuuSoDen), by SoDen. */
  const register = new Map<string, { dossier: ReceivedDossier; status: number; decision?: string; issuedAt?: Date }>();

  const issue = (dossier: ReceivedDossier): void => {
    if (issued.has(dossier.key)) return;
    issued.add(dossier.key);
    const entry = register.get(dossier.reference);
    if (entry) Object.assign(entry, { status: Number(STATUS_ISSUED), decision: `${String(issued.size).padStart(3, '0')}/QĐ-UBND`, issuedAt: new Date() });
    const pdf = resultPdf(RESULT_NAME, dossier.dossierCode);
    report(dossier, STATUS_ISSUED, 'Chủ tịch UBND tỉnh đã ký quyết định.', [
      { TenGiayTo: RESULT_NAME, TenTep: `QD-${dossier.dossierCode}.pdf`, LoaiTep: 'application/pdf', NoiDung: pdf.toString('base64') },
    ]);
  };

  const endpoint = await startSoapEndpoint({
    options,
    path: '/qlvb',
    wsdlFile: DEPARTMENT_WSDLS.pushing,
    service: 'QuanLyVanBanService',
    port: 'QuanLyVanBanPort',
    settings,
    timers,
    operations: {
      NopHoSoTrinh(args, exchange) {
        const key = text(args.KhoaGuiLai);
        const code = text(args.SoHoSo);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (key === null || code === null) throw invalidRequest('Thiếu khóa gửi lại (KhoaGuiLai) hoặc số hồ sơ (SoHoSo).');

        // The same sending again is the same entry in the register, and no new report.
        const known = byKey.get(key);
        if (known) return { SoDen: known.reference, ThoiGianVaoSo: known.receivedAt.toISOString() };

        const receivedAt = new Date();
        const dossier: ReceivedDossier = {
          key,
          dossierCode: code,
          reference: `VB-${receivedAt.getFullYear()}-${String(byKey.size + 1).padStart(5, '0')}`,
          receivedAt,
          request: args,
        };
        byKey.set(key, dossier);
        register.set(dossier.reference, { dossier, status: Number(STATUS_REGISTERED) });
        received.push(dossier);
        // The hub keeps SoDen from this answer, so the first report is sent only once the answer has gone; it is queued now,
        // so that a '30' made at once (finishAll) still goes after it.
        const answered = new Promise<void>((resolve) => exchange.afterAnswer(resolve));
        report(dossier, STATUS_REGISTERED, 'Đã vào sổ văn bản đến', [], answered);
        timers.after(options.processingMs, () => issue(dossier));
        return { SoDen: dossier.reference, ThoiGianVaoSo: receivedAt.toISOString() };
      },

      TraCuuSoDen(args) {
        const number = text(args.SoDen);
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (number === null) throw invalidRequest('Thiếu số đến (SoDen).');
        const entry = register.get(number);
        if (!entry) return {};
        return {
          VanBanDen: {
            SoDen: entry.dossier.reference,
            SoHoSo: entry.dossier.dossierCode,
            TrichYeu: text(entry.dossier.request.TrichYeu) ?? '',
            ThoiGianVaoSo: entry.dossier.receivedAt.toISOString(),
            TrangThai: entry.status,
            ChuyenVienXuLy: 'Chuyên viên Văn phòng UBND tỉnh',
            ...(entry.decision ? { SoQuyetDinh: entry.decision, NgayBanHanh: entry.issuedAt?.toISOString() } : {}),
          },
        };
      },

      Ping() {
        return { KetQua: 'OK' };
      },
    },
  });

  const controls = new SimulatorControls(endpoint, settings, received, timers);
  const stopEndpoint = controls.stop.bind(controls);
  return Object.assign(controls, {
    pushes,
    attachHub(url: string, credentials: { username: string; password: string }) {
      const client = soap.createClientAsync(DEPARTMENT_WSDLS.hub, { endpoint: url, disableCache: true }).then((created) => {
        created.setSecurity(new soap.WSSecurity(credentials.username, credentials.password, { passwordType: 'PasswordText', hasTimeStamp: false }));
        return created as HubClient;
      });
      // A WSDL that cannot be read fails each call (recorded), not the caller of attachHub.
      client.catch(() => undefined);
      hub = { client };
      attached();
    },
    async idle() {
      await Promise.all([...inFlight]);
    },
    finishAll() {
      for (const dossier of byKey.values()) issue(dossier);
    },
    async stop() {
      timers.clear();
      for (const abort of calls) abort.abort();
      // Deliveries waiting for a hub give up.
      attached();
      await stopEndpoint();
    },
  });
}
