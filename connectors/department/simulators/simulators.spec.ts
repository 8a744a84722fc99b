import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as soap from 'soap';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEPARTMENT_WSDLS } from '../wsdl';
import { hasUsernameToken, listenHttp, listenSoap, type DepartmentSimulator } from './common';
import { startPolledDepartmentSimulator } from './polled.simulator';
import { startPushingDepartmentSimulator, type PushingDepartmentSimulator } from './pushing.simulator';

const CREDENTIALS = { username: 'lienthong-hub', password: 'mat-khau-thu' };
const HUB_CREDENTIALS = { username: 'ubnd-tinh', password: 'mat-khau-bao-cao' };
/** Long enough that nothing finishes by itself unless a test wants it. */
const NEVER_MS = 60_000;

type SoapCall = (args: Record<string, unknown>, options?: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;

interface MotCuaClient extends soap.Client {
  TiepNhanHoSoLienThongAsync: SoapCall;
  LayDanhSachThayDoiAsync: SoapCall;
  KiemTraKetNoiAsync: SoapCall;
}

interface QuanLyVanBanClient extends soap.Client {
  NopHoSoTrinhAsync: SoapCall;
  PingAsync: SoapCall;
}

interface ThayDoi {
  SoThuTu: number;
  MaHoSo: string;
  MaBienNhan: string;
  MaTrangThai: string;
  TenTrangThai?: string;
  ThoiDiem: Date;
  NoiDung?: string;
  PhiThucTe?: string;
  KetQua?: TepTin | TepTin[];
}

interface TepTin {
  TenGiayTo: string;
  TenTep?: string;
  LoaiTep?: string;
  NoiDung?: string;
}

interface FailureShape {
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: string; detail?: { MaLoi?: string } } } } };
  response?: { status?: number; data?: unknown };
}

/** The soap package gives one repeated element as an object, several as an array, none as nothing. */
function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function security(credentials: { username: string; password: string }): soap.WSSecurity {
  return new soap.WSSecurity(credentials.username, credentials.password, { passwordType: 'PasswordText', hasTimeStamp: false });
}

async function motCuaClient(url: string, credentials = CREDENTIALS): Promise<MotCuaClient> {
  // Decimals as the exact text, as the simulator reads them.
  const client = await soap.createClientAsync(DEPARTMENT_WSDLS.polled, { endpoint: url, disableCache: true, customDeserializer: { decimal: (value: string) => value } });
  client.setSecurity(security(credentials));
  return client as MotCuaClient;
}

async function quanLyVanBanClient(url: string, credentials = CREDENTIALS): Promise<QuanLyVanBanClient> {
  const client = await soap.createClientAsync(DEPARTMENT_WSDLS.pushing, { endpoint: url });
  client.setSecurity(security(credentials));
  return client as QuanLyVanBanClient;
}

function hoSo(code: string, fee = '1500000.50'): Record<string, unknown> {
  return {
    MaHoSo: code,
    MaBuoc: 2,
    TenBuoc: 'Thẩm định hồ sơ',
    MaThuTuc: '1.004227',
    TenThuTuc: 'Cấp giấy phép môi trường',
    ChuHoSo: { HoTen: 'Nguyễn Văn An', SoGiayTo: '038095001234' },
    NgayTiepNhan: '2026-03-02T08:00:00+07:00',
    LePhi: fee,
    DanhSachGiayTo: {},
  };
}

function nopHoSo(key: string, code: string): Record<string, unknown> {
  return {
    KhoaGuiLai: key,
    SoHoSo: code,
    TrichYeu: 'Trình Chủ tịch UBND tỉnh quyết định',
    CoQuanTrinh: 'Trung tâm Phục vụ hành chính công tỉnh',
    NguoiDeNghi: 'Nguyễn Văn An',
    NgayNhan: '2026-03-02T08:00:00+07:00',
  };
}

async function changes(client: MotCuaClient, from: number, limit?: number): Promise<ThayDoi[]> {
  const [answer] = await client.LayDanhSachThayDoiAsync(limit === undefined ? { TuSoThuTu: from } : { TuSoThuTu: from, SoLuongToiDa: limit });
  return asArray((answer as { DanhSachThayDoi?: { ThayDoi?: ThayDoi | ThayDoi[] } | null }).DanhSachThayDoi?.ThayDoi);
}

async function failureOf(call: Promise<unknown>): Promise<FailureShape> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return error as FailureShape;
}

const faultOf = (failure: FailureShape) => failure.root?.Envelope?.Body?.Fault;

function decodedPdf(file: TepTin | undefined): string {
  return Buffer.from(file?.NoiDung ?? '', 'base64').toString('latin1');
}

/** A BaoCaoTienDo as the fake hub parsed it. */
interface Report {
  MaBaoCao: string;
  MaHoSo: string;
  MaThamChieu?: string;
  TrangThai: string;
  ThoiDiem: Date;
  NoiDung?: string;
  KetQua?: TepTin | TepTin[];
}

interface FakeHub {
  url: string;
  /** Reports applied, with the user name they came with. */
  reports: Array<{ report: Report; username: string | undefined }>;
  /** Every POST, answered or not. */
  posts: number;
  stop(): Promise<void>;
}

/**
 * The hub's endpoint (schema/wsdl/lienthong-departments.wsdl) as a tiny
 * soap.listen server: it checks the UsernameToken, records BaoCaoTienDo,
 * and can answer a bare 503 to the first posts (a proxy in front of a
 * restarting hub) or a Fault to every report.
 */
async function startFakeHub(behaviour: { unavailableFirst?: number; fault?: string } = {}): Promise<FakeHub> {
  const server = createServer();
  const port = await listenHttp(server, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${port}/soap/lien-thong`;
  const wsdl = readFileSync(DEPARTMENT_WSDLS.hub, 'utf8').replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${url}"/>`);
  let username: string | undefined;
  const hub: FakeHub = {
    url,
    reports: [],
    posts: 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const services = {
    LienThongService: {
      LienThongPort: {
        BaoCaoTienDo(report: Report) {
          if (behaviour.fault) {
            // eslint-disable-next-line @typescript-eslint/only-throw-error
            throw { Fault: { faultcode: 'soap:Client', faultstring: 'Không tìm thấy hồ sơ.', detail: { MaLoi: behaviour.fault }, statusCode: 500 } };
          }
          const repeat = hub.reports.some((seen) => seen.report.MaBaoCao === report.MaBaoCao);
          if (!repeat) hub.reports.push({ report, username });
          return { KetQua: repeat ? 'TRUNG_LAP' : 'DA_AP_DUNG', ThongBao: 'Đã nhận báo cáo.' };
        },
        KiemTraKetNoi() {
          return { TrangThai: 'OK' };
        },
      },
    },
  };
  const soapServer = await listenSoap(server, { path: '/soap/lien-thong', services, xml: wsdl, suppressStack: true });
  soapServer.authenticate = (header: unknown) => {
    username = (header as { UsernameToken?: { Username?: string } } | undefined)?.UsernameToken?.Username;
    return hasUsernameToken(header, HUB_CREDENTIALS.username, HUB_CREDENTIALS.password);
  };
  const soapListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && ++hub.posts <= (behaviour.unavailableFirst ?? 0)) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable');
      return;
    }
    for (const listener of soapListeners) listener.call(server, req, res);
  });
  return hub;
}

describe('polled department simulator (Sở NN&MT, /motcua)', () => {
  let simulator: DepartmentSimulator;
  let client: MotCuaClient;

  beforeAll(async () => {
    simulator = await startPolledDepartmentSimulator({ ...CREDENTIALS, processingMs: NEVER_MS });
    client = await motCuaClient(simulator.url);
  });

  afterAll(async () => {
    await simulator.stop();
  });

  afterEach(() => {
    simulator.mode = 'normal';
  });

  it('serves its WSDL with the real address', async () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/motcua$/);
    const response = await fetch(`${simulator.url}?wsdl`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<soap:address location="${simulator.url}"/>`);
  });

  it('answers its health check', async () => {
    const [answer] = await client.KiemTraKetNoiAsync({});
    expect(answer).toEqual({ TrangThai: 'OK' });
  });

  it('takes a dossier once per key, logs 01, then 02 and 04 with the result and the fee, and pages its log', async () => {
    const [first] = await client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-1', HoSo: hoSo('HS-2026-000001') });
    const reference = (first as { MaBienNhan: string }).MaBienNhan;
    expect(reference).toMatch(/^NNMT-\d{6}$/);
    const [again] = await client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-1', HoSo: hoSo('HS-2026-000001') });
    expect((again as { MaBienNhan: string }).MaBienNhan).toBe(reference);

    expect(simulator.received).toHaveLength(1);
    expect(simulator.received[0]).toMatchObject({ key: 'gui-1', dossierCode: 'HS-2026-000001', reference });
    expect((simulator.received[0]?.request.HoSo as { LePhi?: unknown }).LePhi).toBe('1500000.50');

    const received = await changes(client, 0);
    expect(received.map((c) => [c.SoThuTu, c.MaTrangThai, c.MaBienNhan])).toEqual([[1, '01', reference]]);
    expect(received[0]?.TenTrangThai).toBe('Đã tiếp nhận');

    simulator.finishAll();
    const later = await changes(client, 1);
    expect(later.map((c) => [c.SoThuTu, c.MaTrangThai, c.TenTrangThai])).toEqual([
      [2, '02', 'Đang thẩm định'],
      [3, '04', 'Hoàn thành'],
    ]);
    const done = later[1];
    expect(done?.ThoiDiem).toBeInstanceOf(Date);
    expect(done?.NoiDung).toBe('Đã thẩm định xong hồ sơ.');
    expect(done?.PhiThucTe).toBe('1500000.50');
    const [result, ...others] = asArray(done?.KetQua);
    expect(others).toEqual([]);
    expect(result).toMatchObject({ TenGiayTo: 'Văn bản thẩm định của Sở Nông nghiệp và Môi trường', TenTep: 'KQ-HS-2026-000001.pdf', LoaiTep: 'application/pdf' });
    const pdf = decodedPdf(result);
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('HS-2026-000001');
    expect(pdf.length).toBeGreaterThan(200);
    expect(pdf.length).toBeLessThan(2000);

    // Finishing again writes nothing more.
    simulator.finishAll();
    expect(await changes(client, 3)).toEqual([]);

    // A second dossier, then the log read in pages of two.
    const [second] = await client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-2', HoSo: hoSo('HS-2026-000002', '50000') });
    expect((second as { MaBienNhan: string }).MaBienNhan).not.toBe(reference);
    expect((await changes(client, 0, 2)).map((c) => c.SoThuTu)).toEqual([1, 2]);
    expect((await changes(client, 2, 2)).map((c) => c.SoThuTu)).toEqual([3, 4]);
    expect((await changes(client, 4, 2)).map((c) => c.SoThuTu)).toEqual([]);
    simulator.finishAll();
    const fees = (await changes(client, 4)).map((c) => [c.MaTrangThai, c.PhiThucTe ?? null]);
    expect(fees).toEqual([
      ['02', null],
      ['04', '50000.00'],
    ]);
  });

  it('moves a dossier on by itself after processingMs', async () => {
    const quick = await startPolledDepartmentSimulator({ ...CREDENTIALS, processingMs: 50 });
    try {
      const quickClient = await motCuaClient(quick.url);
      await quickClient.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'nhanh', HoSo: hoSo('HS-2026-000009') });
      await vi.waitFor(async () => expect((await changes(quickClient, 0)).map((c) => c.MaTrangThai)).toEqual(['01', '02', '04']), { timeout: 2000, interval: 20 });
    } finally {
      await quick.stop();
    }
  });

  it('refuses wrong credentials before reading the request', async () => {
    const before = simulator.received.length;
    const wrong = await motCuaClient(simulator.url, { ...CREDENTIALS, password: 'sai-mat-khau' });
    const failure = await failureOf(wrong.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-sai', HoSo: hoSo('HS-2026-000003') }));
    expect(failure.response?.status).toBe(401);
    const other = await motCuaClient(simulator.url, { ...CREDENTIALS, username: 'ai-do' });
    expect((await failureOf(other.KiemTraKetNoiAsync({}))).response?.status).toBe(401);
    expect(simulator.received).toHaveLength(before);
  });

  it('answers a Fault DU_LIEU_KHONG_HOP_LE to a request without MaHoSo, MaGiaoDich or a readable fee', async () => {
    const { MaHoSo: _omitted, ...withoutCode } = hoSo('HS-2026-000004');
    const noCode = faultOf(await failureOf(client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-4', HoSo: withoutCode })));
    expect(noCode).toMatchObject({ faultcode: 'soap:Client', detail: { MaLoi: 'DU_LIEU_KHONG_HOP_LE' } });
    expect(noCode?.faultstring).toMatch(/MaHoSo/);
    const noKey = faultOf(await failureOf(client.TiepNhanHoSoLienThongAsync({ HoSo: hoSo('HS-2026-000004') })));
    expect(noKey?.detail?.MaLoi).toBe('DU_LIEU_KHONG_HOP_LE');
    const badFee = faultOf(await failureOf(client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-5', HoSo: hoSo('HS-2026-000005', '1.500.000') })));
    expect(badFee?.detail?.MaLoi).toBe('DU_LIEU_KHONG_HOP_LE');
    const noCursor = faultOf(await failureOf(client.LayDanhSachThayDoiAsync({})));
    expect(noCursor?.detail?.MaLoi).toBe('DU_LIEU_KHONG_HOP_LE');
  });

  describe('modes', () => {
    it('slow: every answer waits slowMs', async () => {
      simulator.mode = 'slow';
      simulator.slowMs = 200;
      const started = Date.now();
      const [answer] = await client.KiemTraKetNoiAsync({});
      expect(answer).toEqual({ TrangThai: 'OK' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });

    it('down: HTTP 503 with a plain-text body, no SOAP, the WSDL included', async () => {
      simulator.mode = 'down';
      const failure = await failureOf(client.KiemTraKetNoiAsync({}));
      expect(failure.response?.status).toBe(503);
      expect(faultOf(failure)).toBeUndefined();
      const wsdl = await fetch(`${simulator.url}?wsdl`);
      expect(wsdl.status).toBe(503);
      expect(wsdl.headers.get('content-type')).toMatch(/^text\/plain/);
    });

    it('fault: every operation is the maintenance Fault, the WSDL is still served', async () => {
      simulator.mode = 'fault';
      const fault = faultOf(await failureOf(client.KiemTraKetNoiAsync({})));
      expect(fault).toMatchObject({ faultcode: 'soap:Server', faultstring: 'Hệ thống đang bảo trì, vui lòng thử lại sau.', detail: { MaLoi: 'LOI_HE_THONG' } });
      const before = simulator.received.length;
      const sent = faultOf(await failureOf(client.TiepNhanHoSoLienThongAsync({ MaGiaoDich: 'gui-bao-tri', HoSo: hoSo('HS-2026-000006') })));
      expect(sent?.detail?.MaLoi).toBe('LOI_HE_THONG');
      expect(simulator.received).toHaveLength(before);
      expect((await fetch(`${simulator.url}?wsdl`)).status).toBe(200);
    });

    it('stop() does not wait for a slow answer', async () => {
      const slow = await startPolledDepartmentSimulator({ ...CREDENTIALS, processingMs: NEVER_MS, mode: 'slow', slowMs: NEVER_MS });
      const slowClient = await motCuaClient(slow.url);
      const pending = slowClient.KiemTraKetNoiAsync({}).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await slow.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await pending).toBe('failed');
    });
  });
});

describe('pushing department simulator (UBND tỉnh, /qlvb)', () => {
  const started: Array<{ stop(): Promise<void> }> = [];
  const track = <T extends { stop(): Promise<void> }>(thing: T): T => {
    started.push(thing);
    return thing;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((thing) => thing.stop()));
  });

  const pushing = async (processingMs = NEVER_MS): Promise<{ simulator: PushingDepartmentSimulator; client: QuanLyVanBanClient }> => {
    const simulator = track(await startPushingDepartmentSimulator({ ...CREDENTIALS, processingMs }));
    return { simulator, client: await quanLyVanBanClient(simulator.url) };
  };

  const send = async (client: QuanLyVanBanClient, key: string, code: string): Promise<string> => {
    const [answer] = await client.NopHoSoTrinhAsync(nopHoSo(key, code));
    return (answer as { SoDen: string }).SoDen;
  };

  it('answers Ping, refuses wrong credentials and a request without SoHoSo', async () => {
    const { simulator, client } = await pushing();
    expect(simulator.url).toMatch(/\/qlvb$/);
    const [pong] = await client.PingAsync({});
    expect(pong).toEqual({ KetQua: 'OK' });
    const wrong = await quanLyVanBanClient(simulator.url, { ...CREDENTIALS, password: 'sai' });
    expect((await failureOf(wrong.PingAsync({}))).response?.status).toBe(401);
    const { SoHoSo: _omitted, ...withoutCode } = nopHoSo('khoa-1', 'HS-2026-000001');
    const fault = faultOf(await failureOf(client.NopHoSoTrinhAsync(withoutCode)));
    expect(fault).toMatchObject({ faultcode: 'soap:Client', detail: { MaLoi: 'DU_LIEU_KHONG_HOP_LE' } });
    simulator.mode = 'fault';
    expect(faultOf(await failureOf(client.PingAsync({})))?.detail?.MaLoi).toBe('LOI_HE_THONG');
    simulator.mode = 'down';
    expect((await failureOf(client.PingAsync({}))).response?.status).toBe(503);
    expect(simulator.received).toEqual([]);
  });

  it('reports 10 then 30 with the signed decision to the hub, with the credentials the hub gave it, once per key', async () => {
    const hub = track(await startFakeHub());
    const { simulator, client } = await pushing();
    simulator.attachHub(hub.url, HUB_CREDENTIALS);

    const reference = await send(client, 'khoa-1', 'HS-2026-000001');
    expect(reference).toMatch(/^VB-\d{4}-\d{5}$/);
    expect(await send(client, 'khoa-1', 'HS-2026-000001')).toBe(reference);
    expect(simulator.received).toHaveLength(1);
    expect(simulator.received[0]).toMatchObject({ key: 'khoa-1', dossierCode: 'HS-2026-000001', reference });

    simulator.finishAll();
    simulator.finishAll();
    await simulator.idle();

    expect(hub.reports.map(({ report, username }) => [report.MaBaoCao, report.TrangThai, report.MaHoSo, report.MaThamChieu, username])).toEqual([
      [`${reference}:10`, '10', 'HS-2026-000001', reference, HUB_CREDENTIALS.username],
      [`${reference}:30`, '30', 'HS-2026-000001', reference, HUB_CREDENTIALS.username],
    ]);
    const [registered, issued] = hub.reports.map(({ report }) => report);
    expect(registered?.NoiDung).toBe('Đã vào sổ văn bản đến');
    expect(asArray(registered?.KetQua)).toEqual([]);
    expect(issued?.NoiDung).toBe('Chủ tịch UBND tỉnh đã ký quyết định.');
    expect(issued?.ThoiDiem).toBeInstanceOf(Date);
    const [decision, ...others] = asArray(issued?.KetQua);
    expect(others).toEqual([]);
    expect(decision).toMatchObject({ TenGiayTo: 'Quyết định của Chủ tịch UBND tỉnh', TenTep: 'QD-HS-2026-000001.pdf', LoaiTep: 'application/pdf' });
    expect(decodedPdf(decision).startsWith('%PDF-1.4')).toBe(true);
    expect(decodedPdf(decision)).toContain('HS-2026-000001');

    expect(simulator.pushes.map((p) => [p.reportId, p.status, p.outcome, p.attempts])).toEqual([
      [`${reference}:10`, '10', 'DA_AP_DUNG', 1],
      [`${reference}:30`, '30', 'DA_AP_DUNG', 1],
    ]);
  });

  it('finishes a dossier by itself after processingMs', async () => {
    const hub = track(await startFakeHub());
    const { simulator, client } = await pushing(50);
    simulator.attachHub(hub.url, HUB_CREDENTIALS);
    await send(client, 'khoa-nhanh', 'HS-2026-000002');
    await vi.waitFor(() => expect(hub.reports.map(({ report }) => report.TrangThai)).toEqual(['10', '30']), { timeout: 2000, interval: 20 });
  });

  it('keeps the reports made before attachHub and sends them once attached', async () => {
    const hub = track(await startFakeHub());
    const { simulator, client } = await pushing();
    await send(client, 'khoa-cho', 'HS-2026-000003');
    simulator.finishAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.posts).toBe(0);
    expect(simulator.pushes).toEqual([]);

    simulator.attachHub(hub.url, HUB_CREDENTIALS);
    await simulator.idle();
    expect(hub.reports.map(({ report }) => report.TrangThai)).toEqual(['10', '30']);
  });

  it('retries a hub that answers 503 without a fault', async () => {
    const hub = track(await startFakeHub({ unavailableFirst: 2 }));
    const { simulator, client } = await pushing();
    simulator.attachHub(hub.url, HUB_CREDENTIALS);
    const reference = await send(client, 'khoa-thu-lai', 'HS-2026-000004');
    await simulator.idle();
    expect(hub.posts).toBe(3);
    expect(hub.reports.map(({ report }) => report.MaBaoCao)).toEqual([`${reference}:10`]);
    expect(simulator.pushes.map((p) => [p.outcome, p.attempts])).toEqual([['DA_AP_DUNG', 3]]);
  });

  it('records a Fault as FAULT:<MaLoi> and does not retry it', async () => {
    const hub = track(await startFakeHub({ fault: 'KHONG_TIM_THAY' }));
    const { simulator, client } = await pushing();
    simulator.attachHub(hub.url, HUB_CREDENTIALS);
    await send(client, 'khoa-loi', 'HS-2026-000005');
    simulator.finishAll();
    await simulator.idle();
    expect(hub.posts).toBe(2);
    expect(simulator.pushes.map((p) => [p.status, p.outcome, p.attempts])).toEqual([
      ['10', 'FAULT:KHONG_TIM_THAY', 1],
      ['30', 'FAULT:KHONG_TIM_THAY', 1],
    ]);
  });

  it('records the hub refusing its credentials as a fault, not retried', async () => {
    const hub = track(await startFakeHub());
    const { simulator, client } = await pushing();
    simulator.attachHub(hub.url, { ...HUB_CREDENTIALS, password: 'sai' });
    await send(client, 'khoa-sai', 'HS-2026-000006');
    await simulator.idle();
    expect(hub.posts).toBe(1);
    expect(simulator.pushes).toHaveLength(1);
    expect(simulator.pushes[0]?.outcome).toMatch(/^FAULT:/);
  });

  it('gives up waiting reports when stopped', async () => {
    const { simulator, client } = await pushing();
    await send(client, 'khoa-dung', 'HS-2026-000007');
    simulator.finishAll();
    await simulator.stop();
    await simulator.idle();
    expect(simulator.pushes).toEqual([]);
  });
});
