import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { postalConnector } from '../../connectors';
import { centreTime } from '../../connectors/shared/centre-time';
import { signCallback, type CallbackMessage } from '../../connectors/postal/postal.protocol';
import type { PostalSimulator } from '../../connectors/postal/postal.simulator';
import { OutboxMessage, OutboxStatus } from '../../src/outbox';
import { PostalShipment } from '../../src/postal';
import { TestClock } from '../support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

const LP01 = 135_000;
const ADDRESS = '12 Lê Lợi, phường Hạc Thành, Thanh Hóa';
const PHONE = '0912345678';

const STATE = `query State($code: String!) {
  dossier(code: $code) {
    status version channel returnMethod deliveryAddress amountOutstanding
    fees { code paid paymentMethod receiptNumber }
    shipments { kind orderNumber status itemCode fee codAmount codCollected toAddress fromAddress error flag stalled events { code label } }
    history { action actor toStatus note externalStatus }
  }
}`;

interface Shipment {
  kind: string;
  orderNumber: string;
  status: string;
  itemCode: string | null;
  fee: number | null;
  codAmount: number;
  codCollected: number | null;
  toAddress: string;
  fromAddress: string;
  error: string | null;
  flag: string | null;
  stalled: boolean;
  events: Array<{ code: string; label: string }>;
}

interface State {
  status: string;
  version: number;
  channel: string;
  returnMethod: string;
  deliveryAddress: string | null;
  amountOutstanding: number;
  fees: Array<{ code: string; paid: boolean; paymentMethod: string | null; receiptNumber: string | null }>;
  shipments: Shipment[];
  history: Array<{ action: string; actor: string; toStatus: string; note: string | null; externalStatus: string | null }>;
}

const CHANGE = `mutation Change($code: String!, $expectedVersion: Int!, $input: ReturnMethodInput!) {
  changeReturnMethod(code: $code, expectedVersion: $expectedVersion, input: $input) {
    dossier { returnMethod deliveryAddress version }
    userErrors { code field message }
  }
}`;

/** A parcel the post took: ordered, or further along once the simulator's first events came. */
const TAKEN = /^(ORDERED|PICKED_UP|IN_TRANSIT|DELIVERED)$/;

interface ChangeAnswer {
  changeReturnMethod: { dossier: { returnMethod: string; deliveryAddress: string | null; version: number } | null; userErrors: Array<{ code: string; field: string | null; message: string }> };
}

/**
 * Results and dossiers by post (issue 12): a result ready for a dossier
 * whose result goes by post is ordered from the post (its simulator here, a
 * real HTTP server with OAuth2, orders and tracking) through the outbox;
 * the post's signed callbacks or the tracking job bring the delivery, which
 * collects what is owed and RETURNs the dossier; a failed delivery comes
 * back to the counter; the applicant may change the return method until
 * the result leaves; a dossier filed by post gets a pickup order.
 */
describe('results and dossiers by public postal service', () => {
  // A Monday in office hours (the hub's clock; the post's simulator keeps real time).
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let simulator: PostalSimulator;
  let secret: string;
  let hubCallback: string;
  const h: Record<string, Record<string, string>> = {};

  const state = async (code: string) => {
    const res = await t.gql<{ dossier: State }>(STATE, { code }, h.supervisor);
    if (!res.data?.dossier) throw new Error(JSON.stringify(res.errors));
    return res.data.dossier;
  };
  const change = (code: string, expectedVersion: number, input: Record<string, unknown>, who = h.citizen) => t.gql<ChangeAnswer>(CHANGE, { code, expectedVersion, input }, who);
  /** Delivers every pending message of `topic` (the outbox's workers are off in this suite: each delivery is the test's step). */
  const deliver = async (topic: string) => {
    const pending = await t.hub.database.fork().find(OutboxMessage, { topic, status: OutboxStatus.PENDING }, { orderBy: { createdAt: 'asc' } });
    for (const message of pending) await t.hub.delivery.deliver(message.id);
    return pending.length;
  };
  /** A dossier of CITIZEN_ID whose result goes by post, received at the police counter, its fee owed. */
  const byPost = async (extra: Record<string, unknown> = {}) => {
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence, {}, { returnMethod: 'POST', deliveryAddress: ADDRESS, ...extra });
    return code;
  };
  /** Takes a received dossier (version 1) to RESULT_READY. */
  const resultReady = async (code: string) => {
    await transition(t, h.police, code, 'FORWARD', 1);
    const done = await transition(t, h.police, code, 'COMPLETE_STEP', 2);
    expect(done.data?.transitionDossier.dossier?.status).toBe('RESULT_READY');
  };
  const waitForStatus = (code: string, status: string) =>
    vi.waitFor(
      async () => {
        await simulator.idle();
        expect((await state(code)).status).toBe(status);
      },
      { timeout: 5_000, interval: 100 },
    );

  beforeAll(async () => {
    t = await startTestHub({ clock, env: { OUTBOX_ENABLED: 'false', SIM_POSTAL_DELIVERY_MS: '400' } });
    const instance = t.hub.connectors.get(postalConnector, 'postal');
    simulator = instance.simulator as unknown as PostalSimulator;
    secret = instance.config.clientSecret;
    hubCallback = simulator.callbackUrl ?? '';
    h.police = await officer(PROCEDURES.drivingLicence.agency);
    h.supervisor = await supervisor();
    h.citizen = await citizen(CITIZEN_ID);
    h.other = await citizen(OTHER_CITIZEN_ID, 'Hoàng Văn Nam');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a result by post is ordered when ready and RETURNED when the post delivers it, collecting what was owed', async () => {
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE } });
    await resultReady(code);
    const ready = await state(code);
    expect(ready.shipments).toEqual([expect.objectContaining({ kind: 'DELIVERY', orderNumber: `${code}-BC1`, status: 'REQUESTED', itemCode: null, codAmount: LP01, toAddress: ADDRESS })]);

    expect(await deliver('postal.order')).toBe(1);
    const ordered = (await state(code)).shipments[0];
    // The post's fee: 22,000 for a result and 1 % of what it collects, 10,000 at least.
    // Taken by the post: the simulator's first tracking events may already have come (400 ms, real time).
    expect(ordered).toMatchObject({ status: expect.stringMatching(TAKEN) as unknown, itemCode: expect.stringMatching(/^EL\d{9}VN$/) as unknown, fee: 32_000 });
    const order = (await state(code)).history.find((e) => e.action === 'POSTAL_ORDER');
    expect(order).toMatchObject({ actor: 'Bưu điện (dịch vụ bưu chính công ích)', toStatus: 'RESULT_READY' });
    expect(order?.note).toContain(ordered.itemCode!);

    await waitForStatus(code, 'RETURNED');
    const returned = await state(code);
    expect(returned.shipments[0]).toMatchObject({ status: 'DELIVERED', codCollected: LP01, flag: null });
    expect(returned.shipments[0].events.map((e) => e.code)).toEqual(['1', '2', '3', '5']);
    expect(returned.fees[0]).toMatchObject({ paid: true, paymentMethod: 'COD', receiptNumber: ordered.itemCode });
    expect(returned.amountOutstanding).toBe(0);
    expect(returned.history.slice(-3).map((e) => [e.action, e.toStatus])).toEqual([
      ['POSTAL_EVENT', 'RESULT_READY'],
      ['RECORD_PAYMENT', 'RESULT_READY'],
      ['RETURN', 'RETURNED'],
    ]);
    expect(returned.history.at(-1)).toMatchObject({ actor: 'Bưu điện (dịch vụ bưu chính công ích)', externalStatus: '5' });
    // The accountants' day shows it as collected by the post, not at the counter.
    const report = await t.gql<{ paymentDayReport: Array<{ paidByPost: number; paidAtCounter: number }> }>(
      'query Report($day: Date!, $agencyCode: String) { paymentDayReport(day: $day, agencyCode: $agencyCode) { paidByPost paidAtCounter } }',
      { day: '2026-12-07', agencyCode: PROCEDURES.drivingLicence.agency },
      h.supervisor,
    );
    expect(report.data?.paymentDayReport[0]).toEqual({ paidByPost: LP01, paidAtCounter: 0 });
  });

  it('the counter cannot RETURN a result that goes by post; a phone is required to send it', async () => {
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
    await resultReady(code);
    const refused = await transition(t, h.police, code, 'RETURN', 3);
    expect(refused.data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(byPost()).rejects.toThrow(/số điện thoại/);
  });

  it('a lost callback: the tracking job asks the post and RETURNs the dossier', async () => {
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
    await resultReady(code);
    simulator.callbackUrl = null;
    try {
      await deliver('postal.order');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await state(code)).status).toBe('RESULT_READY');
      expect(await t.hub.postal.track()).toBeGreaterThanOrEqual(1);
    } finally {
      simulator.callbackUrl = hubCallback;
    }
    const after = await state(code);
    expect(after.status).toBe('RETURNED');
    // Nothing was owed: no collection, nothing flagged.
    expect(after.shipments[0]).toMatchObject({ status: 'DELIVERED', codAmount: 0, codCollected: 0, flag: null });
    // Tracking again changes nothing.
    const history = after.history.length;
    await t.hub.postal.track();
    expect((await state(code)).history).toHaveLength(history);
  });

  it('a failed delivery comes back to the counter, where the result is handed over', async () => {
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE } });
    await resultReady(code);
    simulator.outcomes.set(`${code}-BC1`, 'FAILED');
    await deliver('postal.order');
    await vi.waitFor(async () => expect((await state(code)).returnMethod).toBe('COUNTER'), { timeout: 5_000, interval: 100 });
    await simulator.idle();
    const back = await state(code);
    expect(back).toMatchObject({ status: 'RESULT_READY', amountOutstanding: LP01 });
    expect(back.shipments[0]).toMatchObject({ status: 'RETURNED', codCollected: null });
    expect(back.history.map((e) => e.externalStatus).filter(Boolean)).toEqual(expect.arrayContaining(['6', '7']));
    expect(back.history.at(-1)?.note).toMatch(/trả tại quầy/);
    // At the counter: the fee is paid, then the result handed over.
    const paid = await transition(t, h.police, code, 'RECORD_PAYMENT', back.version, { payment: PAID_AT_COUNTER });
    expect(paid.data?.transitionDossier.userErrors).toEqual([]);
    const returned = await transition(t, h.police, code, 'RETURN', paid.data!.transitionDossier.dossier!.version);
    expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
  });

  it('a lost parcel is flagged and the result goes back to the counter', async () => {
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
    await resultReady(code);
    simulator.outcomes.set(`${code}-BC1`, 'LOST');
    await deliver('postal.order');
    await vi.waitFor(async () => expect((await state(code)).shipments[0]?.status).toBe('LOST'), { timeout: 5_000, interval: 100 });
    const lost = await state(code);
    expect(lost).toMatchObject({ status: 'RESULT_READY', returnMethod: 'COUNTER' });
    expect(lost.shipments[0].flag).toMatch(/thất lạc/);
    const attention = await t.gql<{ shipmentsNeedingAttention: Array<{ orderNumber: string; status: string; dossierCode: string }> }>(
      'query { shipmentsNeedingAttention { orderNumber status dossierCode } }',
      {},
      h.supervisor,
    );
    expect(attention.data?.shipmentsNeedingAttention).toContainEqual({ orderNumber: `${code}-BC1`, status: 'LOST', dossierCode: code });
    expect((await t.gql('query { shipmentsNeedingAttention { orderNumber } }', {}, h.citizen)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an order the post refuses is marked with its message; a new phone orders again', async () => {
    // Eight digits: a phone the hub accepts, too short for the post.
    const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: '12345678' }, payment: PAID_AT_COUNTER });
    await resultReady(code);
    await deliver('postal.order');
    const refused = await state(code);
    expect(refused.shipments[0]).toMatchObject({ status: 'REFUSED', itemCode: null, error: expect.stringContaining('ReceiverTel') as unknown });
    expect(refused.history.at(-1)).toMatchObject({ action: 'POSTAL_ORDER', externalStatus: '201' });
    expect(await t.hub.database.fork().count(OutboxMessage, { topic: 'postal.order', status: OutboxStatus.DEAD })).toBe(0);

    const changed = await change(code, refused.version, { returnMethod: 'POST', deliveryAddress: ADDRESS, phone: PHONE });
    expect(changed.data?.changeReturnMethod.userErrors).toEqual([]);
    await deliver('postal.order');
    const again = await state(code);
    expect(again.shipments.map((s) => [s.orderNumber, s.status])).toEqual([
      [`${code}-BC1`, 'REFUSED'],
      [`${code}-BC2`, 'ORDERED'],
    ]);
    await waitForStatus(code, 'RETURNED');
  });

  describe('changing the return method', () => {
    it('before the result is ready: by post from then on, ordered when it is', async () => {
      const { code } = await receive(t, h.police, PROCEDURES.drivingLicence, { personalId: CITIZEN_ID }, { payment: PAID_AT_COUNTER });
      const changed = await change(code, 1, { returnMethod: 'POST', deliveryAddress: ` ${ADDRESS} `, phone: PHONE });
      expect(changed.data?.changeReturnMethod).toEqual({ dossier: { returnMethod: 'POST', deliveryAddress: ADDRESS, version: 2 }, userErrors: [] });
      const after = await state(code);
      expect(after.shipments).toEqual([]);
      expect(after.history.at(-1)).toMatchObject({ action: 'CHANGE_RETURN_METHOD', toStatus: 'RECEIVED', note: expect.stringContaining('qua bưu chính') as unknown });
      await transition(t, h.police, code, 'FORWARD', 2);
      await transition(t, h.police, code, 'COMPLETE_STEP', 3);
      expect((await state(code)).shipments).toEqual([expect.objectContaining({ kind: 'DELIVERY', status: 'REQUESTED', toAddress: ADDRESS })]);
      await deliver('postal.order');
      await waitForStatus(code, 'RETURNED');
    });

    it('after ordering, before pickup: the order is cancelled at the post and the result waits at the counter', async () => {
      const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
      await resultReady(code);
      simulator.deliveryMs = 60_000;
      try {
        await deliver('postal.order');
      } finally {
        simulator.deliveryMs = 400;
      }
      const ordered = await state(code);
      const changed = await change(code, ordered.version, { returnMethod: 'COUNTER' });
      expect(changed.data?.changeReturnMethod.dossier).toMatchObject({ returnMethod: 'COUNTER', deliveryAddress: null });
      expect((await state(code)).shipments[0]?.status).toBe('CANCELLED');
      expect(await deliver('postal.cancel')).toBe(1);
      expect(simulator.orders.get(`${code}-BC1`)?.cancelledAt).not.toBeNull();
      const after = await state(code);
      expect(after.history.at(-1)?.note).toMatch(/đã hủy đơn/);
      const returned = await transition(t, h.police, code, 'RETURN', after.version);
      expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
    });

    it('a cancellation the post refuses (picked up meanwhile) reinstates the parcel and delivery by post', async () => {
      const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
      await resultReady(code);
      simulator.callbackUrl = null;
      try {
        await deliver('postal.order');
        const ordered = await state(code);
        // The hub has not heard of the pickup yet: the change is taken, the cancellation reaches the post too late.
        expect((await change(code, ordered.version, { returnMethod: 'COUNTER' })).data?.changeReturnMethod.userErrors).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await deliver('postal.cancel');
      } finally {
        simulator.callbackUrl = hubCallback;
      }
      const reinstated = await state(code);
      expect(reinstated).toMatchObject({ status: 'RESULT_READY', returnMethod: 'POST', deliveryAddress: ADDRESS });
      expect(reinstated.shipments[0]).toMatchObject({ status: 'ORDERED', error: expect.stringContaining('203') as unknown });
      expect(reinstated.history.at(-1)).toMatchObject({ action: 'CHANGE_RETURN_METHOD', actor: 'Bưu điện (dịch vụ bưu chính công ích)', externalStatus: '203' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await t.hub.postal.track();
      expect((await state(code)).status).toBe('RETURNED');
    });

    it('once the post has picked the result up, it cannot change', async () => {
      const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
      await resultReady(code);
      simulator.outcomes.set(`${code}-BC1`, 'SILENT');
      simulator.callbackUrl = null;
      try {
        await deliver('postal.order');
        await new Promise((resolve) => setTimeout(resolve, 300));
        await t.hub.postal.track();
      } finally {
        simulator.callbackUrl = hubCallback;
      }
      const moving = await state(code);
      expect(moving.shipments[0]?.status).toBe('IN_TRANSIT');
      const refused = await change(code, moving.version, { returnMethod: 'COUNTER' });
      expect(refused.data?.changeReturnMethod).toMatchObject({ dossier: null, userErrors: [{ code: 'INVALID_TRANSITION', field: 'code' }] });
      expect((await state(code)).returnMethod).toBe('POST');

      // No news from the post for longer than POSTAL_STALLED_AFTER_HOURS: shown as stalled, for supervisors.
      expect(moving.shipments[0]?.stalled).toBe(false);
      clock.set('2026-12-10T10:00:00+07:00');
      try {
        expect((await state(code)).shipments[0]?.stalled).toBe(true);
        const attention = await t.gql<{ shipmentsNeedingAttention: Array<{ orderNumber: string; stalled: boolean }> }>('query { shipmentsNeedingAttention { orderNumber stalled } }', {}, h.police);
        expect(attention.data?.shipmentsNeedingAttention).toContainEqual({ orderNumber: `${code}-BC1`, stalled: true });
      } finally {
        clock.set('2026-12-07T09:00:00+07:00');
      }
    });

    it('refuses who may not, a stale version, a missing address, a closed dossier and no change, changing nothing', async () => {
      const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE } });
      expect((await change(code, 1, { returnMethod: 'COUNTER' }, h.other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await change(code, 1, { returnMethod: 'COUNTER' }, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const cases: Array<[number, Record<string, unknown>, string, string]> = [
        [7, { returnMethod: 'COUNTER' }, 'STALE_VERSION', 'expectedVersion'],
        [1, { returnMethod: 'POST' }, 'INVALID_INPUT', 'input.deliveryAddress'],
        [1, { returnMethod: 'POST', deliveryAddress: 'x'.repeat(501) }, 'INVALID_INPUT', 'input.deliveryAddress'],
        [1, { returnMethod: 'POST', deliveryAddress: ADDRESS }, 'INVALID_INPUT', 'input'],
        [1, { returnMethod: 'COUNTER', phone: 'không phải số' }, 'INVALID_INPUT', 'input.phone'],
      ];
      for (const [version, input, errorCode, field] of cases) {
        expect((await change(code, version, input)).data?.changeReturnMethod.userErrors[0], JSON.stringify(input)).toMatchObject({ code: errorCode, field });
      }
      const unchanged = await state(code);
      expect(unchanged).toMatchObject({ version: 1, returnMethod: 'POST', deliveryAddress: ADDRESS });
      // The receiving counter may change it too; a returned dossier no longer.
      const byCounter = await change(code, 1, { returnMethod: 'COUNTER' }, h.police);
      expect(byCounter.data?.changeReturnMethod.userErrors).toEqual([]);
      const withdrawn = await transition(t, h.citizen, code, 'WITHDRAW', 2);
      expect(withdrawn.data?.transitionDossier.dossier?.status).toBe('WITHDRAWN');
      expect((await change(code, 3, { returnMethod: 'POST', deliveryAddress: ADDRESS })).data?.changeReturnMethod.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    });
  });

  describe('a dossier filed by post', () => {
    const submit = (input: Record<string, unknown>) =>
      t.gql<{ submitDossier: { dossier: { code: string; status: string; channel: string } | null; userErrors: Array<{ code: string; field: string }> } }>(
        contractOperation('SubmitDossier'),
        { input: { procedureCode: PROCEDURES.criminalRecord.code, components: PROCEDURES.criminalRecord.components.map((c) => ({ code: c })), ...input } },
        h.citizen,
      );

    it('gets a pickup order; the post brings the papers to the counter, which receives them', async () => {
      const res = await submit({ pickupAddress: ADDRESS, phone: PHONE });
      expect(res.data?.submitDossier.userErrors).toEqual([]);
      const { code } = res.data!.submitDossier.dossier!;
      const submitted = await state(code);
      expect(submitted).toMatchObject({ status: 'SUBMITTED', channel: 'POSTAL' });
      expect(submitted.shipments).toEqual([expect.objectContaining({ kind: 'PICKUP', orderNumber: `${code}-TG1`, status: 'REQUESTED', fromAddress: ADDRESS, codAmount: 0 })]);
      await deliver('postal.order');
      expect((await state(code)).shipments[0]).toMatchObject({ status: expect.stringMatching(TAKEN) as unknown, itemCode: expect.stringMatching(/^RR\d{9}VN$/) as unknown, fee: 18_000 });
      await vi.waitFor(async () => expect((await state(code)).shipments[0]?.status).toBe('DELIVERED'), { timeout: 5_000, interval: 100 });
      const arrived = await state(code);
      expect(arrived.status).toBe('SUBMITTED');
      expect(arrived.history.at(-1)?.note).toMatch(/đã giao hồ sơ giấy tới bộ phận một cửa/);
      const accepted = await transition(t, await officer(PROCEDURES.criminalRecord.agency), code, 'ACCEPT', arrived.version);
      expect(accepted.data?.transitionDossier.dossier?.status).toBe('RECEIVED');
    });

    it('needs a phone and an address; withdrawn before pickup, the pickup is cancelled', async () => {
      expect((await submit({ pickupAddress: ADDRESS })).data?.submitDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.phone' });
      expect((await submit({ pickupAddress: '  ', phone: PHONE })).data?.submitDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.pickupAddress' });
      simulator.deliveryMs = 60_000;
      let code: string;
      try {
        code = (await submit({ pickupAddress: ADDRESS, phone: PHONE })).data!.submitDossier.dossier!.code;
        await deliver('postal.order');
      } finally {
        simulator.deliveryMs = 400;
      }
      const withdrawn = await transition(t, h.citizen, code, 'WITHDRAW', (await state(code)).version);
      expect(withdrawn.data?.transitionDossier.dossier?.status).toBe('WITHDRAWN');
      expect(await deliver('postal.cancel')).toBe(1);
      expect(simulator.orders.get(`${code}-TG1`)?.cancelledAt).not.toBeNull();
      expect((await state(code)).shipments[0]?.status).toBe('CANCELLED');
    });
  });

  describe('the postal callback endpoint', () => {
    const post = (body: string, signature: string | null) =>
      fetch(`${t.url}/postal/callback`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-signature': signature }) }, body });

    it('a forged, altered, unknown or replayed callback changes nothing', async () => {
      const code = await byPost({ applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: PHONE }, payment: PAID_AT_COUNTER });
      await resultReady(code);
      // The post's own callbacks stay off: this test sends them.
      simulator.callbackUrl = null;
      onTestFinished(() => {
        simulator.callbackUrl = hubCallback;
      });
      simulator.outcomes.set(`${code}-BC1`, 'SILENT');
      await deliver('postal.order');
      const shipment = await t.hub.database.fork().findOneOrFail(PostalShipment, { orderNumber: `${code}-BC1` });
      const delivered: CallbackMessage = {
        CustomerCode: simulator.orders.get(`${code}-BC1`)!.request.CustomerCode,
        OrderNumber: `${code}-BC1`,
        ItemCode: shipment.itemCode!,
        StatusCode: '5',
        StatusName: 'Phát thành công',
        EventTime: centreTime(new Date()),
        Note: '',
        CODAmount: '0',
      };
      const body = JSON.stringify(delivered);
      const before = await state(code);

      expect((await post(body, null)).status).toBe(400);
      expect((await post(body, signCallback(body, 'not-the-secret-of-the-post'))).status).toBe(400);
      expect((await post(body.replace('"5"', '"7"'), signCallback(body, secret))).status).toBe(400);
      const unknown = JSON.stringify({ ...delivered, OrderNumber: 'KHONG-CO-BC1' });
      expect((await post(unknown, signCallback(unknown, secret))).status).toBe(400);
      const otherItem = JSON.stringify({ ...delivered, ItemCode: 'EL000000000VN' });
      expect((await post(otherItem, signCallback(otherItem, secret))).status).toBe(400);
      const untouched = await state(code);
      expect(untouched.status).toBe(before.status);
      expect(untouched.history).toHaveLength(before.history.length);

      const first = await post(body, signCallback(body, secret));
      expect(first.status).toBe(200);
      expect((await state(code)).status).toBe('RETURNED');
      const history = (await state(code)).history.length;
      const replay = await post(body, signCallback(body, secret));
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ Status: '100' });
      expect((await state(code)).history).toHaveLength(history);
    });
  });
});
