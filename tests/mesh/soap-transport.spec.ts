import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolledDepartmentSimulator, type DepartmentSimulator } from '../../connectors/department/simulators/polled.simulator';
import { createSoapExecutor } from '../../mesh/soap-transport';
import { buildWsdlSubgraph } from '../../mesh/wsdl-source';

const WSDL = readFileSync(path.resolve(__dirname, '../../schema/wsdl/so-nnmt-motcua.wsdl'), 'utf8');
const ENV = { SO_NNMT_USERNAME: 'gateway-user', SO_NNMT_PASSWORD: 'gateway-secret' };

const SEND = `mutation {
  tiepNhanHoSoLienThong(MaGiaoDich: "k-1", HoSo: {
    MaHoSo: "000.00.84.H56-261202-0007", MaBuoc: 1, TenBuoc: "Thẩm định", MaThuTuc: "1.004227", TenThuTuc: "Chuyển nhượng quyền sử dụng đất",
    ChuHoSo: { HoTen: "Nguyễn Văn An" }, NgayTiepNhan: "2026-12-02T02:00:00Z", LePhi: "1500000", DanhSachGiayTo: { GiayTo: [] }
  }) { MaBienNhan }
}`;

describe('the gateway\'s SOAP transport, against the polled department simulator', () => {
  let simulator: DepartmentSimulator;
  const failures: string[] = [];
  const executor = (env: NodeJS.ProcessEnv, timeoutMs = 5000) => {
    const schema = buildWsdlSubgraph({
      name: 'so-nnmt',
      wsdl: WSDL,
      endpoint: simulator.url,
      operations: ['TiepNhanHoSoLienThong', 'TraCuuHoSo', 'LayDanhSachThayDoi'],
      credentials: { usernameEnv: 'SO_NNMT_USERNAME', passwordEnv: 'SO_NNMT_PASSWORD' },
    });
    const run = createSoapExecutor(schema, { env, timeoutMs, onFailure: (d) => failures.push(`${d.operation}: ${d.reason}`) });
    // The test calls the write once, to give the simulator a dossier: the subgraph has it under Query like every operation.
    return async (query: string) => (await run({ document: parse(query.replace(/^mutation/, 'query')) })) as ExecutionResult<Record<string, Record<string, unknown> | null>>;
  };

  beforeAll(async () => {
    simulator = await startPolledDepartmentSimulator({ username: ENV.SO_NNMT_USERNAME, password: ENV.SO_NNMT_PASSWORD, processingMs: 3_600_000 });
  });
  afterAll(async () => {
    await simulator?.stop();
  });

  it('sends the WS-Security UsernameToken from the variables the file names, and keeps the department\'s text exact', async () => {
    const call = executor(ENV);
    const sent = await call(SEND);
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.tiepNhanHoSoLienThong).toEqual({ MaBienNhan: 'NNMT-000001' });
    expect(simulator.received[0]?.request).toMatchObject({ HoSo: { LePhi: '1500000' } });
    simulator.finishAll();
    const record = await call('{ traCuuHoSo(MaBienNhan: "NNMT-000001") { HoSo { MaTrangThai TenTrangThai PhiThucTe SoVanBanKetQua CanBoXuLy } } }');
    expect(record.errors).toBeUndefined();
    // "04" stays "04" and the decimal keeps its two places (Mesh's own transport gave 4 and 1500000).
    expect(record.data?.traCuuHoSo).toEqual({ HoSo: { MaTrangThai: '04', TenTrangThai: 'Hoàn thành', PhiThucTe: '1500000.00', SoVanBanKetQua: '0001/TĐ-SNNMT', CanBoXuLy: 'Lê Văn Thẩm' } });
    const feed = await call('{ layDanhSachThayDoi(TuSoThuTu: "0") { DanhSachThayDoi { ThayDoi { SoThuTu MaTrangThai PhiThucTe } } } }');
    expect(feed.data?.layDanhSachThayDoi).toEqual({
      DanhSachThayDoi: { ThayDoi: [{ SoThuTu: '1', MaTrangThai: '01', PhiThucTe: null }, { SoThuTu: '2', MaTrangThai: '02', PhiThucTe: null }, { SoThuTu: '3', MaTrangThai: '04', PhiThucTe: '1500000.00' }] },
    });
  });

  it('answers null for a record the department does not hold', async () => {
    const record = await executor(ENV)('{ traCuuHoSo(MaBienNhan: "NNMT-999999") { HoSo { MaBienNhan } } }');
    expect(record.errors).toBeUndefined();
    expect(record.data?.traCuuHoSo).toEqual({ HoSo: null });
  });

  it.each([
    ['credentials the department refuses', { SO_NNMT_USERNAME: 'gateway-user', SO_NNMT_PASSWORD: 'wrong' }, 'normal', 'DEPARTMENT_FAULT', /SOAP fault/],
    ['no credentials at all (the variables unset)', {}, 'normal', 'DEPARTMENT_FAULT', /SOAP fault/],
    ['a department that is down (HTTP 503, no SOAP)', ENV, 'down', 'DEPARTMENT_UNAVAILABLE', /HTTP 503/],
    ['a department faulting on every call', ENV, 'fault', 'DEPARTMENT_FAULT', /SOAP fault/],
    ['a department slower than the timeout', ENV, 'slow', 'DEPARTMENT_TIMEOUT', /no answer within 300 ms/],
  ] as const)('%s: a masked error with a code and the department, the detail only in the log', async (_what, env, mode, code, logged) => {
    simulator.mode = mode;
    simulator.slowMs = 2_000;
    failures.length = 0;
    try {
      const result = await executor(env, 300)('{ traCuuHoSo(MaBienNhan: "NNMT-000001") { HoSo { MaBienNhan } } }');
      expect(result.data?.traCuuHoSo ?? null).toBeNull();
      expect(result.errors?.map((e) => ({ message: e.message, extensions: e.extensions }))).toEqual([
        { message: expect.stringMatching(/^Hệ thống của so-nnmt (không trả lời|từ chối yêu cầu)\.$/) as unknown, extensions: { code, department: 'so-nnmt' } },
      ]);
      // Nothing of the upstream in what a client would see: no URL, no body, no envelope.
      const shown = JSON.stringify(result.errors);
      expect(shown).not.toContain(simulator.url);
      expect(shown).not.toMatch(/Envelope|faultstring|503|Service Unavailable/);
      expect(failures.join('\n')).toMatch(logged);
    } finally {
      simulator.mode = 'normal';
    }
  });
});
