import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFIRM_OK,
  platformTime,
  PROTOCOL_VERSION,
  sameSignature,
  signConfirm,
  signInit,
  signQuery,
  signQueryAnswer,
  type ConfirmMessage,
  type InitRequest,
  type QueryAnswer,
} from './payment.protocol';
import { startPaymentSimulator, type PaymentSimulator } from './payment.simulator';

const PARTNER = 'TTPVHCC-THA';
const SECRET = 'partner-secret-of-the-centre';

function init(reference: string, amount: string, overrides: Partial<InitRequest> = {}, secret = SECRET): InitRequest {
  const message: Omit<InitRequest, 'MaXacThuc'> = {
    PhienBan: PROTOCOL_VERSION,
    MaDoiTac: PARTNER,
    MaThamChieu: reference,
    SoTien: amount,
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: '1',
    MaThietBi: '1',
    NgonNgu: 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: '',
    ThongTinGiaoDich: `Nộp lệ phí hồ sơ ${reference}`,
    ThoiGianGD: platformTime(new Date('2026-12-02T03:00:00Z')),
    Ip: '127.0.0.1',
    ThongTinBienLai: { MaTTHC: '3.000347', MaDVC: '3.000347', MaDonVi: '000.00.91.H56', MaHoSo: reference, HoTenNguoiNop: 'Nguyễn Văn An' },
    ...overrides,
  };
  return { ...message, MaXacThuc: signInit(message, secret) };
}

const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, string>>;
const form = (url: string, action: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });

describe('the payment platform simulator', () => {
  let simulator: PaymentSimulator;
  let receiver: Server;
  const received: ConfirmMessage[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as ConfirmMessage);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"error_code":"0"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    simulator = await startPaymentSimulator({ partnerCode: PARTNER, secret: SECRET, callbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/confirm`, callbackDelayMs: 200 });
  });
  afterAll(async () => {
    await simulator?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
    simulator.callbackMode = 'normal';
  });

  it('MaXacThuc of a CONFIRM is the SHA-256 of its fields in DOMAIN.md\'s order, |-joined, the secret last', () => {
    const message: Omit<ConfirmMessage, 'MaXacThuc'> = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: '00',
      MaDoiTac: 'P',
      MaThamChieu: 'HS-1',
      SoTien: '1000',
      MaTienTe: 'VND',
      MaGiaoDich: 'T1',
      MaNganHang: 'B',
      ThoiGianGD: '20261202100000',
      ThongTinGiaoDich: 'Nộp lệ phí',
    };
    // sha256("CONFIRM|00|P|HS-1|1000|VND|T1|B|20261202100000|Nộp lệ phí|secret"), computed apart.
    expect(signConfirm(message, 'secret')).toBe('8abcb901c632a57316437e9ce208123bbc085199739133ebe56a7491fab37dd7');
    expect(platformTime(new Date('2026-12-02T03:00:00Z'))).toBe('20261202100000');
    expect(sameSignature('not hex', signConfirm(message, 'secret'))).toBe(false);
  });

  it('INIT answers a checkout page; paying there sends a signed CONFIRM to the callback, and QUERY then says paid', async () => {
    const answer = await post(`${simulator.url}/api/init`, init('HS-0001', '135000'));
    expect(answer.error_code).toBe('0');
    const page = await (await fetch(answer.UrlThanhToan)).text();
    expect(page).toContain('HS-0001');
    expect(page).toContain('135.000 đồng');
    expect(page).toMatch(/<form method="post">.*value="pay".*value="cancel"/s);

    const paid = await form(answer.UrlThanhToan, 'pay');
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Đã thanh toán');
    await simulator.idle();
    expect(received).toHaveLength(1);
    const confirm = received[0];
    expect(confirm).toMatchObject({ LoaiBanTin: 'CONFIRM', MaLoi: CONFIRM_OK, MaDoiTac: PARTNER, MaThamChieu: 'HS-0001', SoTien: '135000', MaTienTe: 'VND' });
    const { MaXacThuc, ...signed } = confirm;
    expect(sameSignature(MaXacThuc, signConfirm(signed, SECRET))).toBe(true);
    expect(sameSignature(MaXacThuc, signConfirm({ ...signed, SoTien: '1' }, SECRET))).toBe(false);

    // The page cannot be paid twice.
    expect((await form(answer.UrlThanhToan, 'pay')).status).toBe(409);

    const query = { LoaiBanTin: 'QUERY' as const, PhienBan: PROTOCOL_VERSION, MaDoiTac: PARTNER, MaThamChieu: 'HS-0001', ThoiGianGD: platformTime(new Date()) };
    const status = await post(`${simulator.url}/api/query`, { ...query, MaXacThuc: signQuery(query, SECRET) });
    expect(status).toMatchObject({ error_code: '0', TrangThaiGD: '1', SoTien: '135000', MaGiaoDich: confirm.MaGiaoDich });
    const { MaXacThuc: answerSignature, ...answerFields } = status;
    expect(sameSignature(answerSignature, signQueryAnswer(answerFields as unknown as Omit<QueryAnswer, 'MaXacThuc'>, SECRET))).toBe(true);
  });

  it('a cancelled payment sends its CONFIRM with a failure code, and QUERY says failed', async () => {
    const answer = await post(`${simulator.url}/api/init`, init('HS-0002', '50000'));
    await form(answer.UrlThanhToan, 'cancel');
    await simulator.idle();
    expect(received.map((c) => [c.MaThamChieu, c.MaLoi])).toEqual([['HS-0002', '24']]);
    const query = { LoaiBanTin: 'QUERY' as const, PhienBan: PROTOCOL_VERSION, MaDoiTac: PARTNER, MaThamChieu: 'HS-0002', ThoiGianGD: platformTime(new Date()) };
    expect((await post(`${simulator.url}/api/query`, { ...query, MaXacThuc: signQuery(query, SECRET) })).TrangThaiGD).toBe('4');
  });

  it.each([
    ['a wrong signature', init('HS-0100', '1000', {}, 'another-secret'), '12'],
    ['another partner', { ...init('HS-0101', '1000'), MaDoiTac: 'KHAC' }, '11'],
    ['an amount that is not whole VND', init('HS-0102', '1000.50'), '13'],
    ['a zero amount', init('HS-0103', '0'), '13'],
    ['another currency', init('HS-0104', '1000', { MaTienTe: 'USD' as 'VND' }), '13'],
    ['an altered amount after signing', { ...init('HS-0105', '1000'), SoTien: '1' }, '12'],
  ])('INIT with %s is refused', async (_what, message, code) => {
    expect((await post(`${simulator.url}/api/init`, message)).error_code).toBe(code);
  });

  it('INIT of a reference again gives the same checkout for the same amount, and is refused for another', async () => {
    const first = await post(`${simulator.url}/api/init`, init('HS-0200', '70000'));
    expect((await post(`${simulator.url}/api/init`, init('HS-0200', '70000'))).UrlThanhToan).toBe(first.UrlThanhToan);
    expect((await post(`${simulator.url}/api/init`, init('HS-0200', '80000'))).error_code).toBe('15');
  });

  it.each([
    ['drop', 0],
    ['repeat', 2],
    ['delay', 1],
  ] as const)('callbacks can be told to %s', async (mode, expected) => {
    simulator.callbackMode = mode;
    const answer = await post(`${simulator.url}/api/init`, init(`HS-03${expected}${mode.length}`, '10000'));
    await form(answer.UrlThanhToan, 'pay');
    if (mode === 'delay') expect(received).toHaveLength(0);
    await simulator.idle();
    expect(received).toHaveLength(expected);
    if (mode === 'repeat') expect(received[1]).toEqual(received[0]);
    expect(simulator.callbacks.at(-1)?.error ?? null).toBe(mode === 'drop' ? 'dropped (callbackMode drop)' : null);
  });

  it('the checkout page escapes what the partner wrote', async () => {
    const answer = await post(`${simulator.url}/api/init`, init('HS-0400', '1000', { ThongTinGiaoDich: '<script>alert(1)</script>' }));
    const page = await (await fetch(answer.UrlThanhToan)).text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });
});
