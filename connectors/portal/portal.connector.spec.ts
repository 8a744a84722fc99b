import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors';
import type { Exchange, ExchangeRecorder } from '../../src/integration/exchange.port';
import { PortalRefusedError, type PortalDossier, type PortalProgress } from '../../src/portal/portal.port';
import { HttpNationalPortal, procedureMessage, type PortalAdapterConfig } from './portal.connector';
import { CODE_INVALID, CODE_NOT_FOUND, CODE_UNKNOWN_DOSSIER, type ProcedureMessage, type SubmissionMessage } from './portal.protocol';
import { startPortalSimulator, type PortalSimulator } from './portal.simulator';

const USERNAME = 'ttpvhcc-h56';
const PASSWORD = 'mat-khau-cua-tinh';
const AGENCY = 'H56';
const at = (local: string) => new Date(`${local}+07:00`);

const dossier = (code: string, overrides: Partial<PortalDossier> = {}): PortalDossier => ({
  code,
  procedureCode: '3.000347',
  procedureName: 'Đổi giấy phép lái xe',
  fieldCode: null,
  fieldName: 'Sát hạch, cấp giấy phép lái xe',
  applicantName: 'Hoàng Thành Vinh',
  applicantKind: 'CITIZEN',
  applicantPersonalId: '038095001234',
  email: null,
  phone: '0912345678',
  summary: 'Đổi giấy phép lái xe hạng B',
  status: 'RECEIVED',
  channel: 'COUNTER',
  returnMethod: 'COUNTER',
  receivingAgency: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
  processingAgency: 'Công an cấp xã tỉnh Thanh Hóa',
  submittedAt: null,
  receivedAt: at('2026-12-07T09:00:00'),
  dueAt: at('2026-12-14T09:00:00'),
  finishedAt: null,
  returnedAt: null,
  rejectedAt: null,
  note: null,
  hasDigitisedComponents: false,
  paidOnline: false,
  documents: [{ id: 'doc-1', name: 'Đơn đề nghị đổi giấy phép lái xe', componentCode: '3.000347.TP01', digitised: true, reused: false }],
  fees: [{ code: 'LP01', name: 'Lệ phí cấp giấy phép lái xe', amount: 135_000, paymentMethod: 'CASH' }],
  supplements: [],
  results: [],
  ...overrides,
});

const move = (dossierCode: string, sequence: number, overrides: Partial<PortalProgress> = {}): PortalProgress => ({
  dossierCode,
  sequence,
  actor: 'Nguyễn Thị Tiếp Nhận',
  actorTitle: 'Chuyên viên',
  unit: 'Bộ phận một cửa',
  at: at('2026-12-07T09:00:00'),
  content: 'Tiếp nhận hồ sơ',
  status: 'RECEIVED',
  stepStartedAt: null,
  stepDueAt: null,
  ...overrides,
});

const LICENCE: ProcedureMessage = {
  MATTHC: '3.000347',
  TENTTHC: 'Đổi giấy phép lái xe',
  LINHVUCTHUCHIEN: [{ MALINHVUC: 'G12', TENLINHVUC: 'Sát hạch, cấp giấy phép lái xe' }],
  CACHTHUCTHUCHIEN: [
    { KENH: '1', THOIGIAN: '5', DONVITINH: 'Ngày làm việc' },
    { KENH: '2', THOIGIAN: '7,5', DONVITINH: 'Ngày làm việc' },
    { KENH: '9', THOIGIAN: '5', DONVITINH: 'Ngày làm việc' },
  ],
  PHILEPHI: [{ MUCPHI: '135000', MOTA: 'Lệ phí 135.000 đồng' }],
  COQUANTHUCHIEN: ['Công an cấp Xã'],
};

/** An exchange recorder that keeps what it is given. */
const recording = (): ExchangeRecorder & { exchanges: Exchange[] } => {
  const exchanges: Exchange[] = [];
  return { exchanges, record: (exchange) => Promise.resolve(void exchanges.push(exchange)) };
};

/** The adapter against the simulator over HTTP: the contract of src/portal/portal.port.ts, and its refusals and outages. */
describe('HttpNationalPortal', () => {
  let simulator: PortalSimulator;
  const adapter = (overrides: Partial<PortalAdapterConfig> = {}) =>
    new HttpNationalPortal({ url: simulator.url, username: USERNAME, password: PASSWORD, agencyCode: AGENCY, instance: 'portal', ...overrides });

  beforeAll(async () => {
    simulator = await startPortalSimulator({ username: USERNAME, password: PASSWORD, agencyCode: AGENCY, procedures: [LICENCE] });
  });
  afterAll(async () => {
    await simulator.stop();
  });
  beforeEach(() => {
    simulator.down = false;
    simulator.delayMs = 0;
  });

  it('adds a dossier, then replaces it; the same record again changes nothing', async () => {
    const portal = adapter();
    await portal.syncDossier(dossier('000.00.96.H56-261207-0001'));
    await portal.syncDossier(dossier('000.00.96.H56-261207-0001', { status: 'PROCESSING' }));
    await portal.syncDossier(dossier('000.00.96.H56-261207-0001', { status: 'PROCESSING' }));
    const kept = simulator.dossiers.get('000.00.96.H56-261207-0001');
    expect(kept).toMatchObject({
      MaTTHC: '3.000347',
      TrangThaiHoSo: '4',
      KenhThucHien: '1',
      HinhThuc: '0',
      LoaiDoiTuong: '1',
      NgayTiepNhan: '20261207090000',
      NgayHenTra: '20261214090000',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '038095001234' }],
      TaiLieuNop: [expect.objectContaining({ MaThanhPhanHoSo: '3.000347.TP01', DuocSoHoa: '1', DuocTaiSuDung: '0' })],
      DanhSachLePhi: [expect.objectContaining({ MaPhiLePhi: 'LP01', Gia: '135000', HinhThucThu: '1' })],
    });
    expect(simulator.versions.get('000.00.96.H56-261207-0001')?.map((v) => v.TrangThaiHoSo)).toEqual(['2', '4']);
    expect(await portal.lookupDossier('000.00.96.H56-261207-0001')).toEqual({ code: '000.00.96.H56-261207-0001', status: 'PROCESSING', nationalStatusCode: '4', progressCount: 0 });
  });

  it('reports each move once, in order, with the time in the centre\'s zone', async () => {
    const portal = adapter();
    const code = '000.00.96.H56-261207-0002';
    await portal.syncDossier(dossier(code));
    await portal.syncProgress(move(code, 1));
    await portal.syncProgress(move(code, 2, { content: 'Chuyển xử lý', status: 'PROCESSING', at: at('2026-12-07T10:30:00'), stepStartedAt: at('2026-12-07T10:30:00'), stepDueAt: at('2026-12-14T09:00:00') }));
    await portal.syncProgress(move(code, 2, { content: 'Chuyển xử lý', status: 'PROCESSING', at: at('2026-12-07T10:30:00') }));
    expect(simulator.progress.get(code)?.map((p) => [p.STT, p.TrangThai, p.ThoiDiemXuLy])).toEqual([
      ['1', '2', '20261207090000'],
      ['2', '4', '20261207103000'],
    ]);
    expect((await portal.lookupDossier(code))?.progressCount).toBe(2);
  });

  it('a record without a field the portal requires is refused with the portal\'s code and message, and nothing is kept', async () => {
    const portal = adapter();
    const code = '000.00.96.H56-261207-0003';
    const refused = await portal.syncDossier(dossier(code, { applicantName: '' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PortalRefusedError);
    expect(refused).toMatchObject({ portalCode: CODE_INVALID, message: expect.stringContaining('ChuHoSo là bắt buộc') as unknown });
    expect(simulator.dossiers.has(code)).toBe(false);
    // A result ready needs its finishing date.
    const finished = await portal.syncDossier(dossier(code, { status: 'RESULT_READY' })).catch((e: unknown) => e);
    expect(finished).toMatchObject({ portalCode: CODE_INVALID, message: expect.stringContaining('NgayKetThucXuLy') as unknown });
    // A move of a dossier the portal does not have.
    const early = await portal.syncProgress(move('000.00.96.H56-261207-0999', 1)).catch((e: unknown) => e);
    expect(early).toMatchObject({ name: 'PortalRefusedError', portalCode: CODE_UNKNOWN_DOSSIER });
  });

  it('logs in again when the portal forgets the session, once per expiry', async () => {
    const recorder = recording();
    const portal = adapter({ recorder });
    await portal.lookupDossier('none');
    simulator.expireSessions();
    expect(await portal.lookupDossier('none')).toBeNull();
    expect(recorder.exchanges.map((e) => e.operation)).toEqual(['LOGIN', 'TraCuuHoSo', 'TraCuuHoSo', 'LOGIN', 'TraCuuHoSo']);
    // The exchange log holds digests, never the records (personal data).
    expect(JSON.stringify(recorder.exchanges)).not.toContain(PASSWORD);
  });

  it('a wrong password is an upstream error naming the settings, a portal down an upstream error, a slow one is abandoned', async () => {
    await expect(adapter({ password: 'sai-mat-khau' }).lookupDossier('x')).rejects.toThrow(/PORTAL_USERNAME và PORTAL_PASSWORD/);
    simulator.down = true;
    const down = await adapter().syncDossier(dossier('000.00.96.H56-261207-0004')).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(UpstreamError);
    expect(down).not.toBeInstanceOf(PortalRefusedError);
    simulator.down = false;
    simulator.delayMs = 500;
    const slow = await adapter().lookupDossier('x', { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(UpstreamError);
    expect(simulator.dossiers.has('000.00.96.H56-261207-0004')).toBe(false);
  });

  it('reads the catalogue: the list, and a procedure with its times per channel and fees; an unknown code is null', async () => {
    const portal = adapter();
    expect(await portal.listProcedures()).toEqual([{ code: '3.000347', name: 'Đổi giấy phép lái xe', fieldCode: 'G12', fieldName: 'Sát hạch, cấp giấy phép lái xe' }]);
    expect(await portal.procedure('3.000347')).toEqual({
      code: '3.000347',
      name: 'Đổi giấy phép lái xe',
      fieldCode: 'G12',
      fieldName: 'Sát hạch, cấp giấy phép lái xe',
      // A channel code the table does not know (9) is left out, never guessed.
      times: [
        { channel: 'COUNTER', amount: 5, unit: 'WORKING_DAYS' },
        { channel: 'ONLINE', amount: 7.5, unit: 'WORKING_DAYS' },
      ],
      fees: [{ amount: 135_000, text: 'Lệ phí 135.000 đồng' }],
      agencies: ['Công an cấp Xã'],
    });
    expect(await portal.procedure('9.999999')).toBeNull();
  });

  it('refuses a call for another province (madonvi) as the portal does', async () => {
    const refused = await adapter({ agencyCode: 'H01' }).lookupDossier('x').catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'PortalRefusedError', portalCode: CODE_INVALID, message: expect.stringContaining('madonvi') as unknown });
  });

  it('lists the submissions filed on the portal in the hub\'s words, and acknowledges one so it is listed no more', async () => {
    const filed: SubmissionMessage = {
      MaHoSo: 'G22.99-261207-0001',
      NguonNop: '2',
      MaTTHC: '3.000333',
      MaDonViTiepNhan: '000.00.91.H56',
      NgayNopHoSo: '20261207081500',
      ChuHoSo: ' Nguyễn Văn An ',
      SoDinhDanh: '038095001234',
      SoDienThoai: '',
      Email: 'an@example.vn',
      TaiKhoanDuocXacThucVoiVNeID: '1',
      TrichYeuHoSo: 'Phiếu số 1',
      HinhThuc: '1',
      DiaChiNhanKetQua: 'Số 1 Lê Lợi',
      TepDinhKem: [{ MaThanhPhanHoSo: '3.000333.TP01', TenTepDinhKem: 'to-khai.pdf', LoaiTep: 'application/pdf', DuLieuTepDinhKem: 'JVBERi0=' }],
    };
    simulator.submit(filed);
    // An item without the portal's code can never be acknowledged: left out; an unknown source or date is passed on as unknown.
    simulator.submit({ ...filed, MaHoSo: 'G22.99-261207-0002', NguonNop: '7', NgayNopHoSo: '2026-12-07', HinhThuc: '5' });
    simulator.submit({ ...filed, MaHoSo: '' });
    const portal = adapter();
    const listed = await portal.pendingSubmissions();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toEqual({
      portalCode: 'G22.99-261207-0001',
      source: 'VNEID',
      procedureCode: '3.000333',
      receivingAgencyCode: '000.00.91.H56',
      submittedAt: at('2026-12-07T08:15:00'),
      applicantName: 'Nguyễn Văn An',
      applicantPersonalId: '038095001234',
      phone: null,
      email: 'an@example.vn',
      verifiedWithVneid: true,
      summary: 'Phiếu số 1',
      returnMethod: 'POST',
      deliveryAddress: 'Số 1 Lê Lợi',
      files: [{ componentCode: '3.000333.TP01', fileName: 'to-khai.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0=' }],
    });
    expect(listed[1]).toMatchObject({ source: null, submittedAt: null, returnMethod: null });

    await portal.acknowledgeSubmission('G22.99-261207-0001', '000.00.91.H56-261207-0001');
    await portal.acknowledgeSubmission('G22.99-261207-0001', '000.00.91.H56-261207-0001');
    expect(simulator.acknowledged.get('G22.99-261207-0001')).toBe('000.00.91.H56-261207-0001');
    expect((await portal.pendingSubmissions()).map((s) => s.portalCode)).toEqual(['G22.99-261207-0002']);
    const unknown = await portal.acknowledgeSubmission('G22.99-000000-0000', 'x').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(PortalRefusedError);
    expect(unknown).toMatchObject({ portalCode: CODE_NOT_FOUND });
  });

  it('a procedure written as LayThuTuc\'s item reads back the same through the adapter (the simulated portal serves the hub\'s catalogue so)', async () => {
    const procedure = {
      code: '1.000123',
      name: 'Thủ tục thử',
      fieldCode: 'G01',
      fieldName: 'Lĩnh vực thử',
      times: [
        { channel: 'COUNTER', amount: 7.5, unit: 'WORKING_DAYS' },
        { channel: 'ONLINE', amount: 2, unit: 'MONTHS' },
      ],
      fees: [{ amount: 50_000, text: '50.000 đồng' }],
      agencies: ['Sở Tư pháp'],
    };
    const saved = simulator.procedures;
    simulator.procedures = [procedureMessage(procedure)];
    try {
      expect(await adapter().procedure('1.000123')).toEqual(procedure);
    } finally {
      simulator.procedures = saved;
    }
  });
});
