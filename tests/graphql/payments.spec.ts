import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentConnector } from '../../connectors';
import { signConfirm, type ConfirmMessage } from '../../connectors/payment/payment.protocol';
import type { PaymentSimulator } from '../../connectors/payment/payment.simulator';
import { PaymentRecord } from '../../src/payments/payment.entity';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

const LP01 = 135_000;
const STATE = `query State($code: String!) {
  dossier(code: $code) { status version amountOutstanding amountPaid fees { code paid paymentMethod receiptNumber } history { action actor toStatus } }
}`;

interface State {
  status: string;
  version: number;
  amountOutstanding: number;
  amountPaid: number;
  fees: Array<{ code: string; paid: boolean; paymentMethod: string | null; receiptNumber: string | null }>;
  history: Array<{ action: string; actor: string; toStatus: string }>;
}

/**
 * Paying online (issue 12): PayFees starts a payment of what is owed on the
 * national payment platform (its simulator here, a real HTTP server), the
 * payer pays on its checkout page, and its signed CONFIRM settles the
 * dossier by itself; forged, replayed or mismatched confirmations change
 * nothing (the last flagged for supervisors).
 */
describe('paying a dossier through the national payment platform', () => {
  // A Monday in office hours (the hub's clock; the platform simulator keeps real time).
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let simulator: PaymentSimulator;
  let secret: string;
  const h: Record<string, Record<string, string>> = {};

  const state = async (code: string) => (await t.gql<{ dossier: State }>(STATE, { code }, h.supervisor)).data!.dossier;
  const payFees = (code: string, who = h.citizen) =>
    t.gql<{ payFees: { payment: { reference: string; amount: number; status: string; checkoutUrl: string } | null; userErrors: Array<{ code: string; field: string }> } }>(
      contractOperation('PayFees'),
      { dossierCode: code },
      who,
    );
  const checkout = async (url: string, action: 'pay' | 'cancel') => {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });
    await simulator.idle();
  };
  /** A dossier of CITIZEN_ID waiting for its catalogue fee. */
  const awaitingPayment = async () => {
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    await transition(t, h.police, code, 'FORWARD', 1);
    const { version } = await state(code);
    await transition(t, h.police, code, 'REQUEST_PAYMENT', version);
    return code;
  };

  beforeAll(async () => {
    t = await startTestHub({ clock });
    const instance = t.hub.connectors.get(paymentConnector, 'payment');
    simulator = instance.simulator as unknown as PaymentSimulator;
    secret = instance.config.secret;
    h.police = await officer(PROCEDURES.drivingLicence.agency);
    h.supervisor = await supervisor();
    h.citizen = await citizen(CITIZEN_ID);
    h.other = await citizen(OTHER_CITIZEN_ID, 'Hoàng Văn Nam');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('the applicant pays on the checkout page and the dossier moves on by itself, paid online', async () => {
    const code = await awaitingPayment();
    expect((await state(code)).status).toBe('AWAITING_PAYMENT');
    const started = await payFees(code);
    expect(started.data?.payFees.userErrors).toEqual([]);
    const payment = started.data!.payFees.payment!;
    expect(payment).toMatchObject({ reference: `${code}-TT1`, amount: LP01, status: 'PENDING' });
    expect(payment.checkoutUrl.startsWith(`${simulator.url}/checkout/`)).toBe(true);
    expect(await (await fetch(payment.checkoutUrl)).text()).toContain('135.000 đồng');

    await checkout(payment.checkoutUrl, 'pay');
    const after = await state(code);
    expect(after).toMatchObject({ status: 'PROCESSING', amountOutstanding: 0, amountPaid: LP01 });
    expect(after.fees[0]).toMatchObject({ paid: true, paymentMethod: 'ONLINE', receiptNumber: expect.stringMatching(/^SIM\d+$/) as unknown });
    expect(after.history.at(-1)).toEqual({ action: 'RECORD_PAYMENT', actor: 'Nền tảng thanh toán', toStatus: 'PROCESSING' });
    // Decision 766's online payment: the only dossier received so far, with a fee, paid online.
    const day = clock.now().toISOString().slice(0, 10);
    const stats = await t.gql<{ serviceStats: { received: number; onlinePaymentRate: number | null } }>(
      'query($d: Date!) { serviceStats(from: $d, to: $d) { received onlinePaymentRate } }',
      { d: day },
      h.supervisor,
    );
    expect(stats.data?.serviceStats).toEqual({ received: 1, onlinePaymentRate: 1 });

    // Nothing left: ALREADY_PAID, and no new payment.
    expect((await payFees(code)).data?.payFees).toEqual({ payment: null, userErrors: [expect.objectContaining({ code: 'ALREADY_PAID' })] });
    expect(await t.hub.database.fork().count(PaymentRecord, { reference: { $like: `${code}-%` } })).toBe(1);
  });

  it('two payments started at once for one dossier make one', async () => {
    const code = await awaitingPayment();
    const [a, b] = await Promise.all([payFees(code), payFees(code)]);
    expect(a.data?.payFees.payment?.reference).toBe(b.data?.payFees.payment?.reference);
    expect(a.data?.payFees.payment?.checkoutUrl).toBe(b.data?.payFees.payment?.checkoutUrl);
    expect(await t.hub.database.fork().count(PaymentRecord, { reference: { $like: `${code}-%` } })).toBe(1);
  });

  it('only the applicant pays, and only a dossier that owes something', async () => {
    const code = await awaitingPayment();
    expect((await payFees(code, h.other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await payFees(code, h.police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await payFees(code, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await payFees('khong-phai-ma')).data?.payFees.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'dossierCode' });
  });

  it('a cancelled payment leaves the dossier waiting; paying again starts a new one', async () => {
    const code = await awaitingPayment();
    const first = (await payFees(code)).data!.payFees.payment!;
    await checkout(first.checkoutUrl, 'cancel');
    expect((await state(code)).status).toBe('AWAITING_PAYMENT');
    expect((await t.hub.database.fork().findOneOrFail(PaymentRecord, { reference: first.reference })).status).toBe('FAILED');
    const second = (await payFees(code)).data!.payFees.payment!;
    expect(second.reference).toBe(`${code}-TT2`);
    await checkout(second.checkoutUrl, 'pay');
    expect((await state(code)).status).toBe('PROCESSING');
  });

  it('a forged, altered or replayed confirmation changes nothing; a mismatched amount is flagged, not paid', async () => {
    const code = await awaitingPayment();
    const payment = (await payFees(code)).data!.payFees.payment!;
    const before = await state(code);
    const message = (amount: string): Omit<ConfirmMessage, 'MaXacThuc'> => ({
      LoaiBanTin: 'CONFIRM',
      MaLoi: '00',
      MaDoiTac: 'TTPVHCC-H56',
      MaThamChieu: payment.reference,
      SoTien: amount,
      MaTienTe: 'VND',
      MaGiaoDich: 'FORGED-1',
      MaNganHang: 'X',
      ThoiGianGD: '20261202100000',
      ThongTinGiaoDich: 'x',
    });
    const send = (body: unknown) => fetch(`${t.url}/payments/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const forged = await send({ ...message(String(LP01)), MaXacThuc: signConfirm(message(String(LP01)), 'a-guessed-secret-value') });
    expect(forged.status).toBe(400);
    const altered = await send({ ...message('1'), MaXacThuc: signConfirm(message(String(LP01)), secret) });
    expect(altered.status).toBe(400);
    expect((await send('not json at all')).status).toBe(400);
    expect(await state(code)).toEqual(before);

    // Signed by the platform, but for another amount than was asked: taken, flagged for supervisors, nothing paid.
    const mismatch = await send({ ...message('1000'), MaXacThuc: signConfirm(message('1000'), secret) });
    expect(mismatch.status).toBe(200);
    expect(await state(code)).toEqual(before);
    expect((await t.hub.database.fork().findOneOrFail(PaymentRecord, { reference: payment.reference })).flag).toMatch(/không khớp/);
    const FLAGGED = 'query { flaggedPayments { reference dossierCode amount status flag } }';
    const flagged = await t.gql<{ flaggedPayments: Array<{ reference: string; dossierCode: string; amount: number; status: string; flag: string }> }>(FLAGGED, {}, h.supervisor);
    expect(flagged.data?.flaggedPayments).toContainEqual({ reference: payment.reference, dossierCode: code, amount: LP01, status: 'PENDING', flag: expect.stringMatching(/không khớp/) as unknown });
    expect((await t.gql<{ flaggedPayments: Array<{ reference: string }> }>(FLAGGED, {}, h.police)).data?.flaggedPayments.map((p) => p.reference)).toContain(payment.reference);
    expect((await t.gql<{ flaggedPayments: unknown[] }>(FLAGGED, {}, await officer('000.00.84.H56'))).data?.flaggedPayments).toEqual([]);
    expect((await t.gql(FLAGGED, {}, h.citizen)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The genuine one, then repeated by the platform: applied once.
    simulator.callbackMode = 'repeat';
    try {
      await checkout(payment.checkoutUrl, 'pay');
    } finally {
      simulator.callbackMode = 'normal';
    }
    const after = await state(code);
    expect(after.status).toBe('PROCESSING');
    expect(after.history.filter((e) => e.action === 'RECORD_PAYMENT')).toHaveLength(1);
    expect(simulator.callbacks.filter((c) => c.reference === payment.reference && c.code === '00').map((c) => c.httpStatus)).toEqual([200, 200]);
  });

  it('a lost callback is settled by the reconciliation job, once the payment has been pending long enough', async () => {
    const code = await awaitingPayment();
    const payment = (await payFees(code)).data!.payFees.payment!;
    simulator.callbackMode = 'drop';
    try {
      await checkout(payment.checkoutUrl, 'pay');
    } finally {
      simulator.callbackMode = 'normal';
    }
    expect((await state(code)).status).toBe('AWAITING_PAYMENT');
    // Too recent: not asked yet (PAYMENT_RECONCILE_AFTER_MINUTES, 15 by default).
    expect(await t.hub.payments.reconcile()).toBe(0);
    expect((await state(code)).status).toBe('AWAITING_PAYMENT');

    clock.set('2026-12-07T09:20:00+07:00');
    try {
      expect(await t.hub.payments.reconcile()).toBeGreaterThanOrEqual(1);
      const after = await state(code);
      expect(after).toMatchObject({ status: 'PROCESSING', amountOutstanding: 0 });
      expect(after.history.at(-1)).toMatchObject({ action: 'RECORD_PAYMENT', actor: 'Nền tảng thanh toán' });
      expect((await t.hub.database.fork().findOneOrFail(PaymentRecord, { reference: payment.reference })).status).toBe('PAID');
      // Run again: nothing more to settle for it.
      await t.hub.payments.reconcile();
      expect((await state(code)).history.filter((e) => e.action === 'RECORD_PAYMENT')).toHaveLength(1);
    } finally {
      clock.set('2026-12-07T09:00:00+07:00');
    }
  });

  it('the day\'s reconciliation per agency: paid online, at the counter, still owed; officers see their own', async () => {
    // A fresh agency's day would be cleaner; the police agency's figures here are what this file did today, counted from the database.
    const db = t.hub.database.fork().getConnection();
    const [expected] = await db.execute<Array<{ online: string; counter: string; owed: string }>>(
      `select coalesce(sum(f.amount) filter (where f.paid and f.payment_method = 'ONLINE'), 0) online,
              coalesce(sum(f.amount) filter (where f.paid and f.payment_method in ('CASH', 'CARD')), 0) counter,
              coalesce(sum(f.amount) filter (where not f.paid and not f.waived and d.status not in ('REJECTED', 'WITHDRAWN', 'STOPPED', 'RETURNED')), 0) owed
       from dossier_fee f join dossier d on d.id = f.dossier_id join agency a on a.id = d.receiving_agency_id where a.code = ?`,
      [PROCEDURES.drivingLicence.agency],
    );
    // One more paid at the counter as it is received.
    await receive(t, h.police, PROCEDURES.drivingLicence, {}, { payment: { method: 'CARD', receiptNumber: 'BL-POS-1' } });
    const REPORT = 'query Report($day: Date!, $agencyCode: String) { paymentDayReport(day: $day, agencyCode: $agencyCode) { agencyCode day paidOnline paidAtCounter outstanding flaggedPayments } }';
    const bySupervisor = await t.gql<{ paymentDayReport: Array<Record<string, unknown>> }>(REPORT, { day: '2026-12-07' }, h.supervisor);
    expect(bySupervisor.errors).toBeUndefined();
    const police = bySupervisor.data!.paymentDayReport.find((r) => r.agencyCode === PROCEDURES.drivingLicence.agency);
    expect(police).toEqual({
      agencyCode: PROCEDURES.drivingLicence.agency,
      day: '2026-12-07',
      paidOnline: Number(expected.online),
      paidAtCounter: Number(expected.counter) + LP01,
      outstanding: Number(expected.owed),
      flaggedPayments: 1,
    });
    expect(Number(expected.online)).toBeGreaterThanOrEqual(3 * LP01);
    // Another day: nothing paid.
    const before = await t.gql<{ paymentDayReport: Array<Record<string, unknown>> }>(REPORT, { day: '2026-12-06', agencyCode: PROCEDURES.drivingLicence.agency }, h.supervisor);
    expect(before.data?.paymentDayReport[0]).toMatchObject({ paidOnline: 0, paidAtCounter: 0 });
    // Officers: their own agency by default; another agency is FORBIDDEN; citizens never.
    const own = await t.gql<{ paymentDayReport: Array<Record<string, unknown>> }>(REPORT, { day: '2026-12-07' }, h.police);
    expect(own.data?.paymentDayReport).toEqual([police]);
    expect((await t.gql(REPORT, { day: '2026-12-07', agencyCode: PROCEDURES.landTransfer.agency }, h.police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(REPORT, { day: '2026-12-07' }, h.citizen)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(REPORT, { day: '2026-12-07', agencyCode: '999.99.99.H56' }, h.supervisor)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
