import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, officer, supervisor } from '../support/tokens';

const POLICE = PROCEDURES.drivingLicence.agency;
const LAND = PROCEDURES.landTransfer.agency;
/** The driving licence's catalogue fee at the counter. */
const LP01 = 135_000;

const OWED = `query Owed($code: String!) {
  dossier(code: $code) {
    status version dueAt amountOwed amountPaid amountOutstanding
    fees { code name kind amount paid waived waivedReason paymentMethod receiptNumber legalBasis collectingAgency }
    history { action toStatus note }
  }
}`;

interface Owed {
  status: string;
  version: number;
  dueAt: string | null;
  amountOwed: number;
  amountPaid: number;
  amountOutstanding: number;
  fees: Array<Record<string, unknown>>;
  history: Array<{ action: string; toStatus: string; note: string | null }>;
}

const TAX = { name: 'Thuế thu nhập cá nhân từ chuyển nhượng', amount: 12_500_000, legalBasis: 'Thông báo nộp thuế số 1234/TB-CCT ngày 02/12/2026', collectingAgency: 'Chi cục Thuế khu vực Thanh Hóa' };

/**
 * Financial obligations (issue 12, part 1): what a dossier owes (catalogue
 * fees, amounts an agency sets with their legal basis), paid at the counter
 * or waived by a supervisor, and no hand-over of a result while anything is
 * owed. Every refusal changes nothing.
 */
describe('financial obligations of a dossier', () => {
  const clock = new TestClock('2026-12-02T09:00:00+07:00');
  let t: TestHub;
  const h: Record<string, Record<string, string>> = {};
  const owed = async (code: string) => (await t.gql<{ dossier: Owed }>(OWED, { code }, h.supervisor)).data!.dossier;
  /** Takes a received driving-licence dossier to PROCESSING (forwarded to its one step). */
  const processing = async (payment?: typeof PAID_AT_COUNTER) => {
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence, {}, payment ? { payment } : {});
    await transition(t, h.police, code, 'FORWARD', 1);
    return code;
  };

  beforeAll(async () => {
    t = await startTestHub({ clock });
    h.police = await officer(POLICE);
    h.land = await officer(LAND);
    h.supervisor = await supervisor();
    h.citizen = await citizen();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a dossier received without payment owes its catalogue fee, and cannot be returned until it is paid', async () => {
    const code = await processing();
    const before = await owed(code);
    expect(before).toMatchObject({ amountOwed: LP01, amountPaid: 0, amountOutstanding: LP01 });
    expect(before.fees).toEqual([expect.objectContaining({ code: 'LP01', kind: 'FEE', amount: LP01, paid: false, waived: false, paymentMethod: null })]);

    const done = await transition(t, h.police, code, 'COMPLETE_STEP', before.version);
    const version = done.data!.transitionDossier.dossier!.version;
    const refused = await transition(t, h.police, code, 'RETURN', version);
    expect(refused.data?.transitionDossier.dossier).toBeNull();
    expect(refused.data?.transitionDossier.userErrors).toEqual([{ code: 'INVALID_TRANSITION', field: 'action', message: expect.stringContaining('135.000 đồng') as unknown }]);
    expect(await owed(code)).toMatchObject({ status: 'RESULT_READY', version });

    // Paid at the counter when the citizen comes for the result, then handed over.
    const paid = await transition(t, h.police, code, 'RECORD_PAYMENT', version, { payment: { method: 'CARD', receiptNumber: 'BL-2026/0042' } });
    expect(paid.data?.transitionDossier.dossier?.status).toBe('RESULT_READY');
    const returned = await transition(t, h.police, code, 'RETURN', paid.data!.transitionDossier.dossier!.version);
    expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
    const after = await owed(code);
    expect(after).toMatchObject({ amountOwed: LP01, amountPaid: LP01, amountOutstanding: 0 });
    expect(after.fees[0]).toMatchObject({ paid: true, paymentMethod: 'CARD', receiptNumber: 'BL-2026/0042' });
    expect(after.history.map((e) => e.action)).toEqual(['RECEIVE', 'FORWARD', 'COMPLETE_STEP', 'RECORD_PAYMENT', 'RETURN']);
  });

  it('fees paid at reception are recorded with the dossier; a bad receipt number receives nothing', async () => {
    const code = await processing(PAID_AT_COUNTER);
    expect(await owed(code)).toMatchObject({ amountPaid: LP01, amountOutstanding: 0 });
    expect((await owed(code)).fees[0]).toMatchObject({ paymentMethod: 'CASH', receiptNumber: PAID_AT_COUNTER.receiptNumber });

    const worklist = async () => (await t.gql<{ dossiers: { totalCount: number } }>('{ dossiers(filter: { includeClosed: true }) { totalCount } }', {}, h.police)).data!.dossiers.totalCount;
    const count = await worklist();
    for (const payment of [{ method: 'CASH', receiptNumber: '<script>' }, { method: 'ONLINE', receiptNumber: 'BL-1' }, { method: 'CASH', receiptNumber: ' ' }]) {
      const res = await t.gql<{ receiveDossier: { dossier: unknown; userErrors: Array<{ field: string; code: string }> } }>(
        contractOperation('ReceiveDossier'),
        { input: { procedureCode: PROCEDURES.drivingLicence.code, channel: 'COUNTER', applicant: { personalId: '001090000001', consentToken: '123456' }, components: PROCEDURES.drivingLicence.components.map((c) => ({ code: c })), payment } },
        h.police,
      );
      expect(res.data?.receiveDossier.dossier ?? null).toBeNull();
      expect(res.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: expect.stringMatching(/^input\.payment\./) as unknown });
    }
    expect(await worklist()).toBe(count);
  });

  it('an officer asks for a tax with its legal basis; the dossier waits, its clock stopped, and goes on once paid at the counter', async () => {
    const code = await processing(PAID_AT_COUNTER);
    const start = await owed(code);
    const requested = await transition(t, h.police, code, 'REQUEST_PAYMENT', start.version, { obligations: [TAX] });
    expect(requested.data?.transitionDossier.userErrors).toEqual([]);
    const waiting = await owed(code);
    expect(waiting).toMatchObject({ status: 'AWAITING_PAYMENT', amountOwed: LP01 + TAX.amount, amountPaid: LP01, amountOutstanding: TAX.amount });
    expect(waiting.fees).toContainEqual(expect.objectContaining({ kind: 'LEVY', name: TAX.name, amount: TAX.amount, legalBasis: TAX.legalBasis, collectingAgency: TAX.collectingAgency, paid: false }));

    // Two working days later the tax is paid at the counter: the due time moves by the two days the clock stood still.
    clock.set('2026-12-04T09:00:00+07:00');
    const paid = await transition(t, h.police, code, 'RECORD_PAYMENT', waiting.version, { payment: { method: 'CASH', receiptNumber: 'BL-THUE-77' } });
    expect(paid.data?.transitionDossier.dossier?.status).toBe('PROCESSING');
    const after = await owed(code);
    expect(after).toMatchObject({ amountOutstanding: 0, amountPaid: LP01 + TAX.amount });
    expect(new Date(after.dueAt!).getTime()).toBeGreaterThan(new Date(waiting.dueAt!).getTime());
    clock.set('2026-12-02T09:00:00+07:00');

    // Nothing left to pay.
    const again = await transition(t, h.police, code, 'RECORD_PAYMENT', after.version, { payment: { method: 'CASH', receiptNumber: 'BL-2' } });
    expect(again.data?.transitionDossier.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_PAID' })]);
  });

  it.each([
    ['an amount of 0', { ...TAX, amount: 0 }, 'input.obligations.0.amount'],
    ['a negative amount', { ...TAX, amount: -5 }, 'input.obligations.0.amount'],
    ['no legal basis', { ...TAX, legalBasis: '  ' }, 'input.obligations.0.legalBasis'],
    ['no collecting agency', { ...TAX, collectingAgency: null }, 'input.obligations.0.collectingAgency'],
    ['a fee the procedure does not have', { feeCode: 'KHONG-CO' }, 'input.obligations.0.feeCode'],
    ['a fee the dossier already owes', { feeCode: 'LP01' }, 'input.obligations.0.feeCode'],
  ])('REQUEST_PAYMENT with %s is refused, naming the field, and changes nothing', async (_what, obligation, field) => {
    const code = await processing();
    const before = await owed(code);
    const res = await transition(t, h.police, code, 'REQUEST_PAYMENT', before.version, { obligations: [TAX, obligation] });
    expect(res.data?.transitionDossier.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: field.replace('.0.', '.1.') })]);
    expect(await owed(code)).toEqual(before);
  });

  it('asking for payment when nothing is owed and none is stated is refused', async () => {
    const code = await processing(PAID_AT_COUNTER);
    const before = await owed(code);
    const res = await transition(t, h.police, code, 'REQUEST_PAYMENT', before.version);
    expect(res.data?.transitionDossier.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: 'input.obligations' })]);
    expect(await owed(code)).toEqual(before);
  });

  it('only the receiving agency\'s officer records a counter payment, with its method and receipt number', async () => {
    const code = await processing();
    const { version } = await owed(code);
    const cases: Array<[Record<string, string>, Record<string, unknown> | null, string]> = [
      [h.land, { payment: { method: 'CASH', receiptNumber: 'BL-1' } }, 'FORBIDDEN'],
      [h.citizen, { payment: { method: 'CASH', receiptNumber: 'BL-1' } }, 'FORBIDDEN'],
      [h.police, null, 'INVALID_INPUT'],
      [h.police, { payment: { method: 'ONLINE', receiptNumber: 'BL-1' } }, 'INVALID_INPUT'],
    ];
    for (const [who, input, code_] of cases) {
      const res = await transition(t, who, code, 'RECORD_PAYMENT', version, input);
      const got = res.errors?.[0]?.extensions?.code ?? res.data?.transitionDossier.userErrors[0]?.code;
      expect(got, JSON.stringify(input)).toBe(code_);
    }
    expect(await owed(code)).toMatchObject({ version, amountPaid: 0, amountOutstanding: LP01 });
  });

  it('a supervisor waives what is owed, with a reason; an officer cannot; the dossier may then be returned', async () => {
    const code = await processing();
    const done = await transition(t, h.police, code, 'COMPLETE_STEP', (await owed(code)).version);
    const version = done.data!.transitionDossier.dossier!.version;
    const byOfficer = await transition(t, h.police, code, 'WAIVE_OBLIGATIONS', version, { reason: 'Miễn' });
    expect(byOfficer.errors?.[0]?.extensions?.code ?? byOfficer.data?.transitionDossier.userErrors[0]?.code).toBe('FORBIDDEN');
    const noReason = await transition(t, h.supervisor, code, 'WAIVE_OBLIGATIONS', version);
    expect(noReason.data?.transitionDossier.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: 'input.reason' })]);
    expect(await owed(code)).toMatchObject({ version, amountOutstanding: LP01 });

    const waived = await transition(t, h.supervisor, code, 'WAIVE_OBLIGATIONS', version, { reason: 'Người có công với cách mạng: miễn lệ phí theo quy định' });
    expect(waived.data?.transitionDossier.dossier?.status).toBe('RESULT_READY');
    const after = await owed(code);
    expect(after).toMatchObject({ amountOwed: 0, amountPaid: 0, amountOutstanding: 0 });
    expect(after.fees[0]).toMatchObject({ waived: true, waivedReason: 'Người có công với cách mạng: miễn lệ phí theo quy định', paid: false });
    const returned = await transition(t, h.police, code, 'RETURN', after.version);
    expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
    expect(after.history.at(-1)).toMatchObject({ action: 'WAIVE_OBLIGATIONS', toStatus: 'RESULT_READY', note: expect.stringContaining('Người có công') as unknown });
  });
});
