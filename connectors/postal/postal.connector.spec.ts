import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCallbackReceiver, type CallbackReceiver } from '../../tests/support/callback-receiver';
import { UpstreamError } from '../../src/errors';
import type { Exchange, ExchangeRecorder } from '../../src/integration/exchange.port';
import { PostalRefusedError, type PostalEvent, type PostalEventKind, type PostalOrder } from '../../src/postal/postal.port';
import { centreTime } from '../shared/centre-time';
import { HttpPostalService, type PostalAdapterConfig } from './postal.connector';
import { SERVICE_DELIVERY, SERVICE_PICKUP, signCallback, type CallbackMessage } from './postal.protocol';
import { postalFee, startPostalSimulator, type ParcelOutcome, type PostalSimulator } from './postal.simulator';

const CLIENT_ID = 'ttpvhcc-h56';
const SECRET = 'client-secret-of-the-centre';
const CUSTOMER = 'TTPVHCC-H56';
/** Long enough that nothing happens to a parcel during a test that does not shorten it. */
const SLOW_MS = 60_000;

const order = (orderNumber: string, overrides: Partial<PostalOrder> = {}): PostalOrder => ({
  orderNumber,
  kind: 'DELIVERY',
  sender: { name: 'Trung tâm Phục vụ hành chính công tỉnh', address: '1 Trần Hưng Đạo, Phường Tân Định', phone: '02363822222', email: 'ttpvhcc@example.gov.vn' },
  receiver: { name: 'Nguyễn Văn An', address: '12 Lê Lợi, Phường Hải Châu', phone: '0905 123 456' },
  codAmount: 0,
  description: `Kết quả hồ sơ ${orderNumber}`,
  dossierCode: '000.00.91.H56-261202-0001',
  ...overrides,
});

const kinds = (events: readonly PostalEvent[]): PostalEventKind[] => events.map((e) => e.kind);

/** An exchange recorder that keeps what it is given. */
const recording = (): ExchangeRecorder & { exchanges: Exchange[]; count(operation: string): number } => {
  const exchanges: Exchange[] = [];
  return {
    exchanges,
    record: (exchange) => Promise.resolve(void exchanges.push(exchange)),
    count: (operation) => exchanges.filter((e) => e.operation === operation).length,
  };
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** The adapter against the simulator over HTTP (the contract of src/postal/postal.port.ts), and its refusals. */
describe('HttpPostalService', () => {
  let simulator: PostalSimulator;
  let receiver: CallbackReceiver;

  const adapter = (overrides: Partial<PostalAdapterConfig> = {}) =>
    new HttpPostalService({ url: simulator.url, clientId: CLIENT_ID, clientSecret: SECRET, customerCode: CUSTOMER, instance: 'postal', ...overrides });

  /** The parcel's events once its last one is of `kind` (polled, as the hub's tracking job does). */
  const trackUntil = async (postal: HttpPostalService, itemCode: string, kind: PostalEventKind, seen: PostalEventKind[][] = []): Promise<PostalEvent[]> =>
    vi.waitFor(
      async () => {
        const events = await postal.track(itemCode);
        seen.push(kinds(events));
        expect(events.at(-1)?.kind).toBe(kind);
        return events;
      },
      { timeout: 1_500, interval: 20 },
    );

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    simulator = await startPostalSimulator({ clientId: CLIENT_ID, clientSecret: SECRET, customerCode: CUSTOMER, deliveryMs: SLOW_MS });
  });
  afterAll(async () => {
    await simulator?.stop();
    await receiver?.stop();
  });
  beforeEach(() => {
    simulator.deliveryMs = SLOW_MS;
    simulator.outcome = 'DELIVERED';
    simulator.callbackUrl = null;
    receiver.received.length = 0;
  });

  describe('order', () => {
    it('answers an EL item code and the fee for the service and the COD amount, and the same order again answers the same item code', async () => {
      const postal = adapter();
      const placed = await postal.order(order('HS-O1-PHAT', { codAmount: 2_000_000 }));
      expect(placed.itemCode).toMatch(/^EL\d{9}VN$/);
      // 22,000 for carrying a result, and 1 % of the 2,000,000 collected on delivery.
      expect(placed.fee).toBe(42_000);
      expect(placed.fee).toBe(postalFee(SERVICE_DELIVERY, 2_000_000));

      expect(await postal.order(order('HS-O1-PHAT', { codAmount: 2_000_000 }))).toEqual(placed);
      expect(simulator.orders.get('HS-O1-PHAT')?.itemCode).toBe(placed.itemCode);
      expect([...simulator.orders.values()].filter((o) => o.itemCode === placed.itemCode)).toHaveLength(1);
    });

    it('answers an RR item code and the flat pickup fee for collecting a paper dossier without COD', async () => {
      const placed = await adapter().order(order('HS-O2-THUGOM', { kind: 'PICKUP' }));
      expect(placed.itemCode).toMatch(/^RR\d{9}VN$/);
      expect(placed.fee).toBe(18_000);
      expect(placed.fee).toBe(postalFee(SERVICE_PICKUP, 0));
      expect(simulator.orders.get('HS-O2-THUGOM')?.request.ServiceCode).toBe(SERVICE_PICKUP);
    });

    it('refuses the same order number with different content as PostalRefusedError, keeping the first order', async () => {
      const postal = adapter();
      const first = await postal.order(order('HS-O3', { codAmount: 100_000 }));
      const again = postal.order(order('HS-O3', { codAmount: 200_000 }));
      await expect(again).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(again).rejects.toMatchObject({ postalCode: '201', message: expect.stringContaining('OrderNumber') as unknown });
      expect(simulator.orders.get('HS-O3')).toMatchObject({ itemCode: first.itemCode, request: { CODAmount: '100000' } });
    });

    it.each([
      ['a missing receiver phone', ''],
      ['a receiver phone that is not a number', 'không có'],
      ['a receiver phone too short', '090512'],
    ])('refuses an order with %s as PostalRefusedError naming ReceiverTel, and places nothing', async (_what, phone) => {
      const orderNumber = `HS-O4-${phone.length}`;
      const attempt = adapter().order(order(orderNumber, { receiver: { name: 'Nguyễn Văn An', address: '12 Lê Lợi', phone } }));
      await expect(attempt).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(attempt).rejects.toMatchObject({ postalCode: '201', message: expect.stringContaining('ReceiverTel') as unknown });
      expect(simulator.orders.has(orderNumber)).toBe(false);
    });

    it('refuses an order under another customer code as PostalRefusedError', async () => {
      const attempt = adapter({ customerCode: 'TTPVHCC-KHAC' }).order(order('HS-O5'));
      await expect(attempt).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(attempt).rejects.toMatchObject({ postalCode: '202' });
      expect(simulator.orders.has('HS-O5')).toBe(false);
    });
  });

  describe('token', () => {
    it('a wrong client secret is UpstreamError, not PostalRefusedError, and no order is placed', async () => {
      const recorder = recording();
      const attempt = adapter({ clientSecret: 'not-the-secret-of-the-centre', recorder }).order(order('HS-T1'));
      await expect(attempt).rejects.toBeInstanceOf(UpstreamError);
      await expect(attempt).rejects.not.toBeInstanceOf(PostalRefusedError);
      expect(simulator.orders.has('HS-T1')).toBe(false);
      // Only the token request went out, refused; no order call.
      expect(recorder.exchanges.map((e) => [e.operation, e.response?.httpStatus])).toEqual([['TOKEN', 401]]);
    });

    it('fetches the token once for several calls, concurrent ones included', async () => {
      const recorder = recording();
      const postal = adapter({ recorder });
      const [a, b, c] = await Promise.all([postal.order(order('HS-T2-A')), postal.order(order('HS-T2-B')), postal.order(order('HS-T2-C'))]);
      await postal.track(a.itemCode);
      await postal.track(b.itemCode);
      await postal.cancel('HS-T2-C');
      expect(c.itemCode).toMatch(/^EL\d{9}VN$/);
      expect(recorder.count('TOKEN')).toBe(1);
      expect(recorder.exchanges).toHaveLength(7);
    });

    it('renews its token once when the gateway has forgotten it, and the call succeeds', async () => {
      const recorder = recording();
      const postal = adapter({ recorder });
      const placed = await postal.order(order('HS-T3'));
      simulator.expireTokens();
      expect(kinds(await postal.track(placed.itemCode))).toEqual(['ACCEPTED']);
      expect(recorder.count('TOKEN')).toBe(2);
      expect(recorder.exchanges.filter((e) => e.operation === 'TRACKING').map((e) => e.response?.httpStatus)).toEqual([401, 200]);
      // The renewed token serves the calls after it.
      await postal.track(placed.itemCode);
      expect(recorder.count('TOKEN')).toBe(2);
    });

    it('a gateway that refuses the renewed token too is UpstreamError after exactly one renewal', async () => {
      let tokens = 0;
      let calls = 0;
      const gateway = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.url === '/token') {
            tokens += 1;
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `t${tokens}`, token_type: 'Bearer', expires_in: 3600 }));
          } else {
            calls += 1;
            res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token"}');
          }
        });
      });
      const url = await listen(gateway);
      try {
        await expect(adapter({ url }).track('EL123456789VN')).rejects.toBeInstanceOf(UpstreamError);
        expect([tokens, calls]).toEqual([2, 2]);
      } finally {
        await close(gateway);
      }
    });
  });

  describe('track', () => {
    it('follows a delivered parcel ACCEPTED, PICKED_UP, IN_TRANSIT, DELIVERED, with the COD amount collected', async () => {
      simulator.deliveryMs = 200;
      const postal = adapter();
      const placed = await postal.order(order('HS-K1', { codAmount: 135_000 }));
      const seen: PostalEventKind[][] = [];
      const events = await trackUntil(postal, placed.itemCode, 'DELIVERED', seen);
      expect(kinds(events)).toEqual(['ACCEPTED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED']);
      // Each answer on the way was the start of the same story.
      for (const partial of seen) expect(kinds(events).slice(0, partial.length)).toEqual(partial);
      expect(events.map((e) => e.codCollected)).toEqual([null, null, null, 135_000]);
      expect(events.map((e) => e.code)).toEqual(['1', '2', '3', '5']);
      expect(events[3]?.note).toContain('Nguyễn Văn An');
      const times = events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(Math.abs((events[0]?.at.getTime() ?? 0) - (simulator.orders.get('HS-K1')?.placedAt ?? 0))).toBeLessThan(1_000);
    });

    it.each([
      ['FAILED', ['FAILED', 'RETURNED_TO_SENDER']],
      ['LOST', ['LOST']],
    ] as const)('a parcel whose outcome is %s ends with %j', async (outcome: ParcelOutcome, ending) => {
      simulator.deliveryMs = 200;
      simulator.outcomes.set(`HS-K2-${outcome}`, outcome);
      const postal = adapter();
      const placed = await postal.order(order(`HS-K2-${outcome}`, { codAmount: 50_000 }));
      const events = await trackUntil(postal, placed.itemCode, ending[ending.length - 1]);
      expect(kinds(events)).toEqual(['ACCEPTED', 'PICKED_UP', 'IN_TRANSIT', ...ending]);
      expect(events.every((e) => e.codCollected === null)).toBe(true);
    });

    it('a silent parcel stops at IN_TRANSIT, past the time it should have arrived', async () => {
      simulator.deliveryMs = 200;
      simulator.outcome = 'SILENT';
      const postal = adapter();
      const placed = await postal.order(order('HS-K3'));
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(kinds(await postal.track(placed.itemCode))).toEqual(['ACCEPTED', 'PICKED_UP', 'IN_TRANSIT']);
    });

    it('an unknown item code is PostalRefusedError', async () => {
      const attempt = adapter().track('EL000000000VN');
      await expect(attempt).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(attempt).rejects.toMatchObject({ postalCode: '204' });
    });
  });

  describe('cancel', () => {
    it('cancels an order before pickup, twice is fine, and tracking then ends with CANCELLED and goes no further', async () => {
      simulator.deliveryMs = 600;
      const postal = adapter();
      // The token in hand first, so that the order is cancelled well before its pickup (150 ms).
      await expect(postal.track('EL000000000VN')).rejects.toBeInstanceOf(PostalRefusedError);
      const placed = await postal.order(order('HS-C1'));
      await postal.cancel('HS-C1');
      await postal.cancel('HS-C1');
      expect(simulator.orders.get('HS-C1')?.cancelledAt).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const events = await postal.track(placed.itemCode);
      expect(events.at(-1)).toMatchObject({ kind: 'CANCELLED', code: '9' });
      expect(kinds(events).filter((k) => k !== 'ACCEPTED' && k !== 'CANCELLED')).toEqual([]);
    });

    it('refuses to cancel a parcel already picked up, as PostalRefusedError (too late)', async () => {
      simulator.deliveryMs = 200;
      const postal = adapter();
      const placed = await postal.order(order('HS-C2'));
      await vi.waitFor(async () => expect(kinds(await postal.track(placed.itemCode))).toContain('PICKED_UP'), { timeout: 1_000, interval: 20 });
      const attempt = postal.cancel('HS-C2');
      await expect(attempt).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(attempt).rejects.toMatchObject({ postalCode: '203' });
      expect(simulator.orders.get('HS-C2')?.cancelledAt).toBeNull();
    });

    it('refuses to cancel an order the post does not know, as PostalRefusedError', async () => {
      const attempt = adapter().cancel('HS-C3-NEVER-PLACED');
      await expect(attempt).rejects.toBeInstanceOf(PostalRefusedError);
      await expect(attempt).rejects.toMatchObject({ postalCode: '204' });
    });
  });

  describe('callbacks.read', () => {
    const message = (overrides: Partial<CallbackMessage> = {}): CallbackMessage => ({
      CustomerCode: CUSTOMER,
      OrderNumber: 'HS-B9',
      ItemCode: 'EL123456789VN',
      StatusCode: '5',
      StatusName: 'Phát thành công',
      EventTime: centreTime(new Date('2026-12-02T03:00:00Z')),
      Note: 'Người nhận: Nguyễn Văn An',
      CODAmount: '135000',
      ...overrides,
    });
    const signed = (overrides: Partial<CallbackMessage> = {}, secret = SECRET) => {
      const body = JSON.stringify(message(overrides));
      return { body, signature: signCallback(body, secret) };
    };

    it('reads each callback the simulator sent as valid, with its order number, item code and event', async () => {
      simulator.deliveryMs = 200;
      simulator.callbackUrl = receiver.url;
      const postal = adapter();
      const placed = await postal.order(order('HS-B1', { codAmount: 135_000 }));
      // Parcels of earlier tests may still be reporting: only this one's callbacks count.
      const ours = () => receiver.received.filter(({ body }) => (JSON.parse(body) as CallbackMessage).OrderNumber === 'HS-B1');
      await vi.waitFor(() => expect(ours()).toHaveLength(4), { timeout: 1_500, interval: 20 });
      await simulator.idle();
      const read = ours().map(({ body, signature }) => postal.callbacks.read(body, signature));
      expect(read.map((r) => r.valid)).toEqual([true, true, true, true]);
      expect(read[3]).toMatchObject({ valid: true, orderNumber: 'HS-B1', itemCode: placed.itemCode, event: { kind: 'DELIVERED', code: '5', codCollected: 135_000 } });
      expect(read.map((r) => (r.valid ? r.event.kind : null))).toEqual(['ACCEPTED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED']);
    });

    it('reads a callback it signed the same way as valid (the cases below differ from it by one thing)', () => {
      const { body, signature } = signed();
      expect(adapter().callbacks.read(body, signature)).toEqual({
        valid: true,
        orderNumber: 'HS-B9',
        itemCode: 'EL123456789VN',
        event: { kind: 'DELIVERED', code: '5', label: 'Phát thành công', at: new Date('2026-12-02T03:00:00Z'), note: 'Người nhận: Nguyễn Văn An', codCollected: 135_000 },
      });
    });

    it.each([
      ['a body altered by one character', () => ({ ...signed(), body: signed().body.replace('135000', '135001') }), 'signature does not match'],
      ['a missing signature', () => ({ body: signed().body, signature: undefined }), 'signature does not match'],
      ['a signature that is not hex', () => ({ body: signed().body, signature: 'z'.repeat(64) }), 'signature does not match'],
      ['a signature made with another secret', () => signed({}, 'another-secret-of-someone-else'), 'signature does not match'],
      ['another CustomerCode, signed correctly', () => signed({ CustomerCode: 'TTPVHCC-KHAC' }), 'another customer'],
      ['no ItemCode, signed correctly', () => signed({ ItemCode: undefined as unknown as string }), 'order or item missing'],
      ['an unknown status code, signed correctly', () => signed({ StatusCode: '42' }), 'unknown status code or time'],
      ['a malformed EventTime, signed correctly', () => signed({ EventTime: '2026-12-02 10:00:00' }), 'unknown status code or time'],
      ['an EventTime on 31 February, signed correctly', () => signed({ EventTime: '20260231100000' }), 'unknown status code or time'],
      ['a body that is not JSON, signed correctly', () => ({ body: 'Status=5', signature: signCallback('Status=5', SECRET) }), 'not JSON'],
    ])('refuses a callback with %s', (_what, build, reason) => {
      const { body, signature } = build();
      expect(adapter().callbacks.read(body, signature)).toEqual({ valid: false, reason });
    });
  });

  describe('the exchange log', () => {
    it('receives one record per HTTP call, OK for each answer, as digests with the dossier code of the order', async () => {
      const recorder = recording();
      const postal = adapter({ recorder });
      const placed = await postal.order(order('HS-E1'));
      await postal.track(placed.itemCode);
      await postal.cancel('HS-E1');
      await expect(postal.track('EL000000000VN')).rejects.toBeInstanceOf(PostalRefusedError);
      expect(recorder.exchanges.map((e) => [e.operation, e.outcome, e.response?.httpStatus])).toEqual([
        ['TOKEN', 'OK', 200],
        ['ORDER', 'OK', 200],
        ['TRACKING', 'OK', 200],
        ['CANCEL', 'OK', 200],
        ['TRACKING', 'OK', 200],
      ]);
      expect(recorder.exchanges.map((e) => e.endpoint)).toEqual([
        `${simulator.url}/token`,
        `${simulator.url}/apiVNPostNGSP/p1.0/order/post`,
        `${simulator.url}/apiVNPostNGSP/p1.0/order/tracking`,
        `${simulator.url}/apiVNPostNGSP/p1.0/order/cancel`,
        `${simulator.url}/apiVNPostNGSP/p1.0/order/tracking`,
      ]);
      expect(recorder.exchanges.map((e) => e.dossierCode)).toEqual([null, '000.00.91.H56-261202-0001', null, null, null]);
      expect(recorder.exchanges.every((e) => e.system === 'postal' && e.request.sha256.length === 64 && !('body' in e.request))).toBe(true);
    });

    it('a stopped gateway is UpstreamError, recorded UNAVAILABLE with no answer', async () => {
      const doomed = await startPostalSimulator({ clientId: CLIENT_ID, clientSecret: SECRET, customerCode: CUSTOMER, deliveryMs: SLOW_MS });
      const recorder = recording();
      const postal = adapter({ url: doomed.url, recorder });
      const placed = await postal.order(order('HS-E2'));
      await doomed.stop();
      await expect(postal.track(placed.itemCode)).rejects.toBeInstanceOf(UpstreamError);
      expect(recorder.exchanges.map((e) => [e.operation, e.outcome])).toEqual([
        ['TOKEN', 'OK'],
        ['ORDER', 'OK'],
        ['TRACKING', 'UNAVAILABLE'],
      ]);
      expect(recorder.exchanges[2]?.response).toBeNull();
    });

    it('a gateway on a closed port is UpstreamError, the token request recorded UNAVAILABLE', async () => {
      const recorder = recording();
      await expect(adapter({ url: 'http://127.0.0.1:9', recorder }).order(order('HS-E3'))).rejects.toBeInstanceOf(UpstreamError);
      expect(recorder.exchanges.map((e) => [e.operation, e.outcome])).toEqual([['TOKEN', 'UNAVAILABLE']]);
    });

    it('a gateway that does not answer before the signal is UpstreamError, recorded TIMEOUT', async () => {
      const silent = createServer(() => undefined);
      const url = await listen(silent);
      try {
        const recorder = recording();
        await expect(adapter({ url, recorder }).track('EL123456789VN', { signal: AbortSignal.timeout(100) })).rejects.toBeInstanceOf(UpstreamError);
        expect(recorder.exchanges.map((e) => [e.operation, e.outcome])).toEqual([['TOKEN', 'TIMEOUT']]);
      } finally {
        await close(silent);
      }
    });
  });
});
