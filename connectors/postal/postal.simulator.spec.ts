import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCallbackReceiver, type CallbackReceiver } from '../../tests/support/callback-receiver';
import { centreTime } from '../shared/centre-time';
import { SERVICE_DELIVERY, SERVICE_PICKUP, validCallbackSignature, type CallbackMessage, type OrderRequest } from './postal.protocol';
import { parcelEvents, postalFee, startPostalSimulator, type ParcelOutcome, type PostalSimulator, type SimulatedOrder } from './postal.simulator';

const CLIENT_ID = 'ttpvhcc-h56';
const SECRET = 'client-secret-of-the-centre';
const CUSTOMER = 'TTPVHCC-H56';
const ORDER_PATH = '/apiVNPostNGSP/p1.0/order';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

const orderRequest = (orderNumber: string, overrides: Partial<OrderRequest> = {}): OrderRequest => ({
  CustomerCode: CUSTOMER,
  OrderNumber: orderNumber,
  ServiceCode: SERVICE_DELIVERY,
  CODAmount: '135000',
  SenderName: 'Trung tâm Phục vụ hành chính công tỉnh',
  SenderAddress: '1 Trần Hưng Đạo, Phường Tân Định',
  SenderTel: '02363822222',
  SenderEmail: '',
  SenderProvince: '',
  SenderDistrict: '',
  SenderDesc: '',
  Description: `Kết quả hồ sơ ${orderNumber}`,
  ReceiverName: 'Nguyễn Văn An',
  ReceiverAddress: '12 Lê Lợi, Phường Hải Châu',
  ReceiverTel: '0905123456',
  ReceiverEmail: '',
  ReceiverProvince: '',
  ReceiverDistrict: '',
  ...overrides,
});

const PLACED_AT = Date.parse('2026-12-02T03:00:00Z');
const simulated = (outcome: ParcelOutcome, overrides: Partial<SimulatedOrder> = {}): SimulatedOrder => ({
  request: orderRequest('HS-P1'),
  itemCode: 'EL123456789VN',
  fee: 32_000,
  placedAt: PLACED_AT,
  outcome,
  deliveryMs: 1_000,
  cancelledAt: null,
  ...overrides,
});
const codes = (order: SimulatedOrder, afterMs: number) => parcelEvents(order, PLACED_AT + afterMs).map((e) => e.StatusCode);

describe('the postal simulator', () => {
  describe('postalFee', () => {
    it.each([
      [SERVICE_DELIVERY, 0, 22_000],
      [SERVICE_PICKUP, 0, 18_000],
      // 1 % of what is collected on delivery, 10,000 at least.
      [SERVICE_DELIVERY, 1, 32_000],
      [SERVICE_DELIVERY, 135_000, 32_000],
      [SERVICE_DELIVERY, 1_000_000, 32_000],
      [SERVICE_DELIVERY, 2_000_000, 42_000],
      [SERVICE_PICKUP, 5_000_050, 68_001],
    ])('%s with %d VND collected on delivery costs %d VND', (service, cod, fee) => {
      expect(postalFee(service, cod)).toBe(fee);
    });
  });

  describe('parcelEvents', () => {
    it('gives a delivered parcel\'s events up to a moment, oldest first: picked up at a quarter, in transit at half, delivered at the end with the COD', () => {
      const order = simulated('DELIVERED');
      expect(codes(order, 0)).toEqual(['1']);
      expect(codes(order, 249)).toEqual(['1']);
      expect(codes(order, 250)).toEqual(['1', '2']);
      expect(codes(order, 500)).toEqual(['1', '2', '3']);
      expect(codes(order, 999)).toEqual(['1', '2', '3']);
      const events = parcelEvents(order, PLACED_AT + 1_000);
      expect(events.map((e) => [e.StatusCode, e.EventTime, e.CODAmount])).toEqual([
        ['1', centreTime(new Date(PLACED_AT)), '0'],
        ['2', centreTime(new Date(PLACED_AT + 250)), '0'],
        ['3', centreTime(new Date(PLACED_AT + 500)), '0'],
        ['5', centreTime(new Date(PLACED_AT + 1_000)), '135000'],
      ]);
      expect(events.map((e) => e.StatusName)).toEqual(['Đã nhận đơn hàng', 'Đã nhận bưu gửi', 'Đang vận chuyển', 'Phát thành công']);
      expect(events[3]?.Note).toBe('Người nhận: Nguyễn Văn An');
      expect(parcelEvents(order, PLACED_AT - 1)).toEqual([]);
    });

    it.each([
      ['FAILED', ['1', '2', '3', '6', '7']],
      ['LOST', ['1', '2', '3', '8']],
      ['SILENT', ['1', '2', '3']],
    ] as const)('ends a parcel whose outcome is %s with %j, and adds nothing later', (outcome, expected) => {
      const order = simulated(outcome);
      expect(codes(order, 1_000)).toEqual(expected);
      expect(codes(order, 86_400_000)).toEqual(expected);
      expect(parcelEvents(order, PLACED_AT + 1_000).every((e) => e.CODAmount === '0')).toBe(true);
    });

    it('ends a parcel cancelled before pickup with CANCELLED at that moment, and nothing after', () => {
      const order = simulated('DELIVERED', { cancelledAt: PLACED_AT + 100 });
      expect(codes(order, 50)).toEqual(['1']);
      expect(codes(order, 100)).toEqual(['1', '9']);
      expect(codes(order, 5_000)).toEqual(['1', '9']);
      expect(parcelEvents(order, PLACED_AT + 5_000)[1]).toMatchObject({ StatusName: 'Đã hủy đơn hàng', EventTime: centreTime(new Date(PLACED_AT + 100)) });
    });

    it('describes the pickup of a paper dossier at the sender\'s address', () => {
      const order = simulated('DELIVERED', { request: orderRequest('HS-P2', { ServiceCode: SERVICE_PICKUP }) });
      expect(parcelEvents(order, PLACED_AT + 250)[1]?.Note).toContain('địa chỉ người gửi');
    });
  });

  describe('over HTTP', () => {
    let simulator: PostalSimulator;
    let receiver: CallbackReceiver;

    const tokenRequest = (authorization: string | null, body = 'grant_type=client_credentials') =>
      fetch(`${simulator.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) }, body });
    const token = async () => ((await (await tokenRequest(basic(CLIENT_ID, SECRET))).json()) as { access_token: string }).access_token;
    const call = (operation: string, body: unknown, bearer: string | null) =>
      fetch(`${simulator.url}${ORDER_PATH}/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      });
    const answer = async (response: Promise<Response>) => (await response).json() as Promise<Record<string, unknown>>;

    beforeAll(async () => {
      receiver = await startCallbackReceiver();
      simulator = await startPostalSimulator({ clientId: CLIENT_ID, clientSecret: SECRET, customerCode: CUSTOMER, deliveryMs: 60_000 });
    });
    afterAll(async () => {
      await simulator?.stop();
      await receiver?.stop();
    });
    beforeEach(() => {
      simulator.deliveryMs = 60_000;
      simulator.outcome = 'DELIVERED';
      simulator.callbackUrl = null;
      receiver.received.length = 0;
    });

    it('/token issues a bearer token for the client\'s Basic credentials', async () => {
      const response = await tokenRequest(basic(CLIENT_ID, SECRET));
      expect(response.status).toBe(200);
      const issued = (await response.json()) as Record<string, unknown>;
      expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(issued.access_token).toMatch(/^[\w-]{20,}$/);
    });

    it.each([
      ['a wrong secret', basic(CLIENT_ID, 'not-the-secret')],
      ['a wrong client id', basic('someone-else', SECRET)],
      ['no credentials', null],
      ['a bearer token instead of Basic', 'Bearer abc'],
    ])('/token refuses %s with 401', async (_what, authorization) => {
      const response = await tokenRequest(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client' });
    });

    it.each([
      ['password', 'grant_type=password&username=a&password=b'],
      ['none', ''],
    ])('/token refuses the grant type %s with 400', async (_what, body) => {
      const response = await tokenRequest(basic(CLIENT_ID, SECRET), body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'unsupported_grant_type' });
    });

    it.each(['post', 'cancel', 'tracking'])('/order/%s without a valid bearer token is 401, and places nothing', async (operation) => {
      const body = orderRequest(`HS-H1-${operation}`);
      expect((await call(operation, body, null)).status).toBe(401);
      expect((await call(operation, body, 'made-up-token')).status).toBe(401);
      expect(simulator.orders.has(`HS-H1-${operation}`)).toBe(false);
    });

    it('a token stops working after expireTokens, and a new one works', async () => {
      const old = await token();
      expect((await call('tracking', { CustomerCode: CUSTOMER, ItemCode: 'EL000000000VN' }, old)).status).toBe(200);
      simulator.expireTokens();
      expect((await call('tracking', { CustomerCode: CUSTOMER, ItemCode: 'EL000000000VN' }, old)).status).toBe(401);
      expect(await answer(call('tracking', { CustomerCode: CUSTOMER, ItemCode: 'EL000000000VN' }, await token()))).toMatchObject({ Status: '204' });
    });

    it('a token stops working once its lifetime is over', async () => {
      const shortLived = await startPostalSimulator({ clientId: CLIENT_ID, clientSecret: SECRET, customerCode: CUSTOMER, tokenLifetimeSeconds: 1 });
      try {
        const response = await fetch(`${shortLived.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(CLIENT_ID, SECRET) }, body: 'grant_type=client_credentials' });
        const { access_token: bearer, expires_in: lifetime } = (await response.json()) as { access_token: string; expires_in: number };
        expect(lifetime).toBe(1);
        const track = () => fetch(`${shortLived.url}${ORDER_PATH}/tracking`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: JSON.stringify({ CustomerCode: CUSTOMER, ItemCode: 'X' }) });
        expect((await track()).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1_050));
        expect((await track()).status).toBe(401);
      } finally {
        await shortLived.stop();
      }
    });

    it('places an order with an item code from the pool and the fee, once per order number', async () => {
      const bearer = await token();
      const first = await answer(call('post', orderRequest('HS-H2'), bearer));
      expect(first).toMatchObject({ Status: '100', OrderNumber: 'HS-H2', TotalFee: '32000' });
      expect(first.ItemCode).toMatch(/^EL\d{9}VN$/);
      expect(await answer(call('post', orderRequest('HS-H2'), bearer))).toMatchObject({ Status: '100', ItemCode: first.ItemCode, TotalFee: '32000' });
      expect(await answer(call('post', orderRequest('HS-H2', { CODAmount: '1' }), bearer))).toMatchObject({ Status: '201', Message: 'OrderNumber đã dùng cho đơn hàng khác' });
      const next = await answer(call('post', orderRequest('HS-H3', { ServiceCode: SERVICE_PICKUP, CODAmount: '0' }), bearer));
      expect(next).toMatchObject({ Status: '100', TotalFee: '18000' });
      // The pool hands out the next number.
      expect(Number(String(next.ItemCode).slice(2, 11))).toBe(Number(String(first.ItemCode).slice(2, 11)) + 1);
      expect(next.ItemCode).toMatch(/^RR\d{9}VN$/);
    });

    it.each([
      ['no receiver', { ReceiverName: '' }, 'Thiếu ReceiverName'],
      ['no receiver phone', { ReceiverTel: ' ' }, 'Thiếu ReceiverTel'],
      ['a receiver phone of letters', { ReceiverTel: 'abc' }, 'ReceiverTel không hợp lệ'],
      ['an unknown service', { ServiceCode: 'EMS' }, 'ServiceCode không hợp lệ'],
      ['a COD amount in decimals', { CODAmount: '1000.5' }, 'CODAmount không hợp lệ'],
      ['an order number with spaces', { OrderNumber: 'HS H4' }, 'OrderNumber không hợp lệ'],
    ])('refuses an order with %s (201, naming the field)', async (_what, overrides, message) => {
      expect(await answer(call('post', orderRequest('HS-H4', overrides), await token()))).toEqual({ Status: '201', Message: message });
      expect(simulator.orders.has('HS-H4')).toBe(false);
    });

    it('answers 202 to another customer code, and 400 to a body that is not JSON', async () => {
      const bearer = await token();
      expect(await answer(call('post', orderRequest('HS-H5', { CustomerCode: 'KHAC' }), bearer))).toMatchObject({ Status: '202' });
      const garbled = await fetch(`${simulator.url}${ORDER_PATH}/post`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: '{"OrderNumber":' });
      expect(garbled.status).toBe(400);
      expect(simulator.orders.has('HS-H5')).toBe(false);
    });

    it('sends each event of a parcel to the callback URL in the order they happened, each signed with the client secret', async () => {
      simulator.deliveryMs = 200;
      simulator.callbackUrl = receiver.url;
      simulator.outcomes.set('HS-H6', 'FAILED');
      const placed = await answer(call('post', orderRequest('HS-H6'), await token()));
      const ours = () => receiver.received.filter(({ body }) => (JSON.parse(body) as CallbackMessage).OrderNumber === 'HS-H6');
      await vi.waitFor(() => expect(ours()).toHaveLength(5), { timeout: 1_500, interval: 20 });
      await simulator.idle();
      const messages = ours().map(({ body }) => JSON.parse(body) as CallbackMessage);
      // FAILED and RETURNED_TO_SENDER happen at the same moment, and still arrive in that order.
      expect(messages.map((m) => m.StatusCode)).toEqual(['1', '2', '3', '6', '7']);
      expect(messages.every((m) => m.CustomerCode === CUSTOMER && m.ItemCode === placed.ItemCode)).toBe(true);
      for (const { body, signature } of ours()) {
        expect(validCallbackSignature(body, signature, SECRET)).toBe(true);
        expect(validCallbackSignature(body, signature, 'another-secret')).toBe(false);
        expect(validCallbackSignature(`${body} `, signature, SECRET)).toBe(false);
      }
      expect(simulator.callbacks.filter((c) => c.orderNumber === 'HS-H6').map((c) => [c.statusCode, c.httpStatus, c.error])).toEqual([
        ['1', 200, null],
        ['2', 200, null],
        ['3', 200, null],
        ['6', 200, null],
        ['7', 200, null],
      ]);
    });

    it('a parcel cancelled before pickup reports nothing more, and cannot be cancelled once picked up', async () => {
      simulator.deliveryMs = 400;
      simulator.callbackUrl = receiver.url;
      const bearer = await token();
      await answer(call('post', orderRequest('HS-H7'), bearer));
      const late = await answer(call('post', orderRequest('HS-H8'), bearer));
      expect(await answer(call('cancel', { CustomerCode: CUSTOMER, OrderNumber: 'HS-H7' }, bearer))).toMatchObject({ Status: '100' });
      expect(await answer(call('cancel', { CustomerCode: CUSTOMER, OrderNumber: 'HS-H7' }, bearer))).toMatchObject({ Status: '100' });
      // Picked up (at 100 ms): too late to cancel.
      await vi.waitFor(async () => expect(((await answer(call('tracking', { CustomerCode: CUSTOMER, ItemCode: late.ItemCode }, bearer))).Events as unknown[]).length).toBeGreaterThanOrEqual(2), {
        timeout: 1_500,
        interval: 20,
      });
      expect(await answer(call('cancel', { CustomerCode: CUSTOMER, OrderNumber: 'HS-H8' }, bearer))).toMatchObject({ Status: '203' });
      await new Promise((resolve) => setTimeout(resolve, 450));
      await simulator.idle();
      const codesOf = (orderNumber: string) => simulator.callbacks.filter((c) => c.orderNumber === orderNumber).map((c) => c.statusCode);
      expect(codesOf('HS-H7').filter((code) => code !== '1')).toEqual([]);
      expect(codesOf('HS-H8')).toEqual(['1', '2', '3', '5']);
    });

    it('keeps a callback it could not send on record with the reason', async () => {
      simulator.deliveryMs = 0;
      await answer(call('post', orderRequest('HS-H9'), await token()));
      await vi.waitFor(() => expect(simulator.callbacks.filter((c) => c.orderNumber === 'HS-H9')).toHaveLength(4), { timeout: 1_000, interval: 10 });
      expect(simulator.callbacks.filter((c) => c.orderNumber === 'HS-H9').every((c) => c.httpStatus === null && c.error === 'no callback URL')).toBe(true);
    });

    it('gives each order the outcome set for it, and the others the default', async () => {
      simulator.deliveryMs = 0;
      simulator.outcomes.set('HS-H10-LOST', 'LOST');
      const bearer = await token();
      const lost = await answer(call('post', orderRequest('HS-H10-LOST'), bearer));
      const other = await answer(call('post', orderRequest('HS-H10-OTHER'), bearer));
      const last = async (itemCode: unknown) => ((await answer(call('tracking', { CustomerCode: CUSTOMER, ItemCode: itemCode }, bearer))).Events as Array<{ StatusCode: string }>).at(-1)?.StatusCode;
      expect(await last(lost.ItemCode)).toBe('8');
      expect(await last(other.ItemCode)).toBe('5');
      expect(simulator.orders.get('HS-H10-OTHER')?.outcome).toBe('DELIVERED');
    });
  });
});
