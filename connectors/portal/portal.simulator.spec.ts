import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_PATH, CODE_EXISTS, CODE_INVALID, CODE_NOT_FOUND, CODE_OK, CODE_SESSION, CODE_UNKNOWN_SERVICE, INTEGRATION_PATH, type DossierMessage } from './portal.protocol';
import { startPortalSimulator, type PortalSimulator } from './portal.simulator';

const record = (code: string, overrides: Partial<DossierMessage> = {}): Partial<DossierMessage> => ({
  MaHoSo: code,
  MaTTHC: '3.000347',
  TenTTHC: 'Đổi giấy phép lái xe',
  ChuHoSo: 'Hoàng Thành Vinh',
  LoaiDoiTuong: '1',
  TrangThaiHoSo: '2',
  KenhThucHien: '1',
  HinhThuc: '0',
  DonViXuLy: 'Công an cấp xã tỉnh Thanh Hóa',
  NgayTiepNhan: '20261207090000',
  NgayHenTra: '20261214090000',
  ...overrides,
});

/** The simulated portal as any client sees it over HTTP: what it refuses, in the portal's answer shape. */
describe('portal simulator', () => {
  let simulator: PortalSimulator;
  let session: string;
  const post = async (path: string, body: unknown): Promise<{ status: number; body: { error_code?: unknown; message?: string; session?: string; result?: unknown[] } }> => {
    const response = await fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error_code?: unknown; message?: string } };
  };
  const call = (service: string, body: Record<string, unknown> = {}) => post(INTEGRATION_PATH, { session, madonvi: 'H56', service, ...body });

  beforeAll(async () => {
    simulator = await startPortalSimulator({ username: 'u', password: 'mat-khau-1', agencyCode: 'H56' });
    session = (await post(AUTH_PATH, { username: 'u', password: 'mat-khau-1' })).body.session!;
  });
  afterAll(async () => {
    await simulator.stop();
  });

  it('logs in with the right account only', async () => {
    expect((await post(AUTH_PATH, { username: 'u', password: 'sai' })).body).toEqual({ error_code: 1, message: 'Sai tên đăng nhập hoặc mật khẩu' });
    expect(session).toMatch(/^[\w-]{20,}$/);
  });

  it('adds with isUpdating False, replaces with True, and refuses the wrong one', async () => {
    expect((await call('DongBoHoSoMC', { isUpdating: 'True', data: [record('A-1')] })).body.error_code).toBe(CODE_NOT_FOUND);
    expect((await call('DongBoHoSoMC', { isUpdating: 'False', data: [record('A-1')] })).body.error_code).toBe(CODE_OK);
    expect((await call('DongBoHoSoMC', { isUpdating: 'False', data: [record('A-1')] })).body.error_code).toBe(CODE_EXISTS);
    expect((await call('DongBoHoSoMC', { isUpdating: 'True', data: [record('A-1', { TrangThaiHoSo: '4' })] })).body.error_code).toBe(CODE_OK);
    expect(simulator.dossiers.get('A-1')?.TrangThaiHoSo).toBe('4');
  });

  it.each([
    [record('B-1', { ChuHoSo: ' ' }), 'ChuHoSo là bắt buộc'],
    [record('B-2', { NgayHenTra: '' }), 'NgayHenTra là bắt buộc'],
    [record('B-3', { NgayTiepNhan: '2026-12-07 09:00' }), 'NgayTiepNhan phải có dạng yyyyMMddHHmmss'],
    [record('B-4', { NgayTiepNhan: '20260231090000' }), 'NgayTiepNhan phải có dạng yyyyMMddHHmmss'],
    [record('B-5', { TrangThaiHoSo: '11' }), 'TrangThaiHoSo không hợp lệ'],
    [record('B-6', { TrangThaiHoSo: '10', NgayKetThucXuLy: '20261208090000' }), 'NgayTra là bắt buộc'],
    [record('B-7', { TrichYeuHoSo: 'x'.repeat(1001) }), 'TrichYeuHoSo quá 1000 ký tự'],
  ])('refuses a record the portal would refuse (%#), keeping nothing of the batch', async (bad, message) => {
    const res = await call('DongBoHoSoMC', { isUpdating: 'False', data: [record('B-0'), bad] });
    expect(res.body).toEqual({ error_code: CODE_INVALID, message: expect.stringContaining(message) as unknown });
    expect(simulator.dossiers.has('B-0')).toBe(false);
  });

  it('refuses an unknown session, another province, an unknown service and a body that is not JSON', async () => {
    expect((await post(INTEGRATION_PATH, { session: 'nope', madonvi: 'H56', service: 'TraCuuHoSo', mahoso: 'A-1' })).body.error_code).toBe(CODE_SESSION);
    expect((await post(INTEGRATION_PATH, { session, madonvi: 'H01', service: 'TraCuuHoSo', mahoso: 'A-1' })).body.error_code).toBe(CODE_INVALID);
    expect((await call('XoaHoSo', { mahoso: 'A-1' })).body.error_code).toBe(CODE_UNKNOWN_SERVICE);
    expect((await post(INTEGRATION_PATH, '{not json')).status).toBe(400);
    expect(simulator.dossiers.has('A-1')).toBe(true);
  });

  it('down, it answers 503 to everything and keeps nothing', async () => {
    simulator.down = true;
    try {
      const res = await call('DongBoHoSoMC', { isUpdating: 'False', data: [record('C-1')] });
      expect(res.status).toBe(503);
    } finally {
      simulator.down = false;
    }
    expect(simulator.dossiers.has('C-1')).toBe(false);
  });
});
