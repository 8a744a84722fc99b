import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors';
import type { Exchange } from '../../src/integration/exchange.port';
import { PaymentRefusedError, type PaymentRequest } from '../../src/payments/payment.port';
import { HttpPaymentPlatform } from './payment.connector';
import { signConfirm, type ConfirmMessage } from './payment.protocol';
import { startPaymentSimulator, type PaymentSimulator } from './payment.simulator';

const PARTNER = 'TTPVHCC-THA';
const SECRET = 'partner-secret-of-the-centre';

const request = (reference: string, amount = 135_000): PaymentRequest => ({
  reference,
  amount,
  description: `Nộp lệ phí hồ sơ ${reference}`,
  dossierCode: '000.00.91.H56-261202-0001',
  procedureCode: '3.000347',
  agencyCode: '000.00.91.H56',
  payerName: 'Nguyễn Văn An',
  payerIp: '203.0.113.7',
  at: new Date('2026-12-02T03:00:00Z'),
});

/** The adapter against the simulator (the contract of src/payments/payment.port.ts), and its refusals. */
describe('HttpPaymentPlatform', () => {
  let simulator: PaymentSimulator;
  let receiver: Server;
  const confirmations: unknown[] = [];
  const exchanges: Exchange[] = [];
  let platform: HttpPaymentPlatform;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        confirmations.push(JSON.parse(body));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    simulator = await startPaymentSimulator({ partnerCode: PARTNER, secret: SECRET, callbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` });
    platform = new HttpPaymentPlatform({ url: simulator.url, partnerCode: PARTNER, secret: SECRET, instance: 'payment', recorder: { record: (e) => Promise.resolve(void exchanges.push(e)) } });
  });
  afterAll(async () => {
    await simulator?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const pay = async (checkoutUrl: string, action: 'pay' | 'cancel') => {
    await fetch(checkoutUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });
    await simulator.idle();
  };

  it('starts a payment (the same again gives the same checkout), and QUERY follows it to paid', async () => {
    const { checkoutUrl } = await platform.start(request('HS-A1'));
    expect(checkoutUrl).toMatch(new RegExp(`^${simulator.url}/checkout/`));
    expect((await platform.start(request('HS-A1'))).checkoutUrl).toBe(checkoutUrl);
    expect(await platform.query('HS-A1')).toEqual({ status: 'PENDING', amount: 135_000, transactionId: null });
    await pay(checkoutUrl, 'pay');
    const state = await platform.query('HS-A1');
    expect(state).toMatchObject({ status: 'PAID', amount: 135_000 });
    expect(state.transactionId).toMatch(/^SIM\d+$/);
    expect(await platform.query('HS-NONE')).toEqual({ status: 'UNKNOWN', amount: null, transactionId: null });
    // Every exchange on record, as digests.
    expect(exchanges.map((e) => [e.operation, e.outcome])).toContainEqual(['INIT', 'OK']);
    expect(exchanges.every((e) => e.request.sha256.length === 64 && !('body' in e.request))).toBe(true);
  });

  it('reads the CONFIRM the platform sent as valid, and refuses a forged, altered or foreign one', async () => {
    confirmations.length = 0;
    const { checkoutUrl } = await platform.start(request('HS-A2', 50_000));
    await pay(checkoutUrl, 'pay');
    const sent = confirmations[0] as ConfirmMessage;
    expect(platform.confirmations.read(sent)).toMatchObject({ valid: true, reference: 'HS-A2', amount: 50_000, currency: 'VND', paid: true, code: '00' });

    const { MaXacThuc: _signature, ...fields } = sent;
    const forged = { ...fields, MaXacThuc: signConfirm(fields, 'guessed-secret') };
    expect(platform.confirmations.read(forged)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(platform.confirmations.read({ ...sent, SoTien: '5000000' })).toEqual({ valid: false, reason: 'signature does not match' });
    expect(platform.confirmations.read({ ...sent, MaDoiTac: 'KHAC' })).toEqual({ valid: false, reason: 'another partner' });
    expect(platform.confirmations.read({ ...sent, MaGiaoDich: undefined })).toEqual({ valid: false, reason: 'MaGiaoDich missing' });
    expect(platform.confirmations.read('CONFIRM')).toEqual({ valid: false, reason: 'not a JSON object' });

    confirmations.length = 0;
    const cancelled = await platform.start(request('HS-A3', 50_000));
    await pay(cancelled.checkoutUrl, 'cancel');
    expect(platform.confirmations.read(confirmations[0])).toMatchObject({ valid: true, paid: false, code: '24' });
    expect((await platform.query('HS-A3')).status).toBe('FAILED');
  });

  it('a request the platform refuses is PaymentRefusedError with its code; an unreachable platform is UpstreamError, on record', async () => {
    const wrongSecret = new HttpPaymentPlatform({ url: simulator.url, partnerCode: PARTNER, secret: 'not-ours', instance: 'payment' });
    await expect(wrongSecret.start(request('HS-A4'))).rejects.toMatchObject({ name: 'PaymentRefusedError', platformCode: '12' });
    await expect(platform.start(request('HS-A1', 99_000))).rejects.toBeInstanceOf(PaymentRefusedError);

    exchanges.length = 0;
    const down = new HttpPaymentPlatform({ url: 'http://127.0.0.1:9', partnerCode: PARTNER, secret: SECRET, instance: 'payment', recorder: { record: (e) => Promise.resolve(void exchanges.push(e)) } });
    await expect(down.start(request('HS-A5'))).rejects.toBeInstanceOf(UpstreamError);
    expect(exchanges.map((e) => e.outcome)).toEqual(['UNAVAILABLE']);
  });

  it('does not believe a QUERY answer without the platform\'s signature', async () => {
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: '0', MaThamChieu: 'HS-A6', TrangThaiGD: '1', SoTien: '135000', MaGiaoDich: 'X', ThoiGianGD: '', MaXacThuc: '0'.repeat(64) }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', () => resolve()));
    try {
      const fooled = new HttpPaymentPlatform({ url: `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`, partnerCode: PARTNER, secret: SECRET, instance: 'payment' });
      await expect(fooled.query('HS-A6')).rejects.toBeInstanceOf(UpstreamError);
    } finally {
      await new Promise<void>((resolve) => impostor.close(() => resolve()));
    }
  });
});
