import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, TimeUnit } from '../../src/catalog/catalog.enums';
import { loadCatalog } from '../../src/catalog/catalog.loader';
import { testProcedure } from '../support/catalog-fixture';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer, supervisor } from '../support/tokens';

const LOAD = `mutation Load($days: [CalendarDayInput!]!) {
  loadCalendar(days: $days) {
    days { date kind name notice verified }
    dueTimesMoved { dossierCode from to }
    userErrors { code field message }
  }
}`;
const DUE = `query Due($code: String!) {
  dossier(code: $code) { status dueAt dueAtProvisional version history { action note actor } }
  calendar(from: "2027-01-01", to: "2027-12-31") { date kind notice verified }
}`;

interface LoadResult {
  loadCalendar: {
    days: Array<{ date: string; kind: string; name: string; notice: string | null; verified: boolean }>;
    dueTimesMoved: Array<{ dossierCode: string; from: string; to: string }>;
    userErrors: Array<{ code: string; field: string | null; message: string }>;
  };
}
interface DueResult {
  dossier: { status: string; dueAt: string; dueAtProvisional: boolean; version: number; history: Array<{ action: string; note: string | null; actor: string }> };
  calendar: Array<{ date: string; kind: string; notice: string | null; verified: boolean }>;
}

const NOTICE_2027 = 'Thông báo lịch nghỉ năm 2027 (giả định cho kiểm thử)';
const NEW_YEAR_2027 = { date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch', notice: NOTICE_2027, verified: true };
const MAKE_UP_2027 = { date: '2027-01-09', kind: 'WORKING_DAY', name: 'Làm bù (kiểm thử)', notice: NOTICE_2027 };
const iso = (local: string): string => new Date(local).toISOString();

/**
 * Issue 13, item 8: processing times of half days and months, and the yearly
 * calendar loaded by a supervisor moving the due times of open dossiers.
 */
describe('the official calendar and the due times it moves', () => {
  const clock = new TestClock('2026-12-15T09:00:00+07:00');
  let t: TestHub;
  const h: Record<string, Record<string, string>> = {};
  const due = async (code: string) => (await t.gql<DueResult>(DUE, { code }, h.supervisor)).data!;
  const load = (days: unknown[], headers = h.supervisor) => t.gql<LoadResult>(LOAD, { days }, headers);

  beforeAll(async () => {
    t = await startTestHub({ clock });
    h.supervisor = await supervisor();
    h.land = await officer(PROCEDURES.landTransfer.agency);
    h.police = await officer(PROCEDURES.drivingLicence.agency);
    // Real shapes of the national catalogue: 1.115607 takes 7.5 working days (Sở NN&MT); 1.115403 "không quá 02 tháng".
    await loadCatalog(t.hub.database.fork(), {
      procedures: [
        testProcedure({
          code: '1.115607',
          name: 'Sử dụng đất kết hợp đa mục đích; gia hạn sử dụng đất kết hợp đa mục đích',
          field: { code: 'G13-TN02', name: 'Đất đai' },
          agencyCode: PROCEDURES.landTransfer.agency,
          channels: [{ channel: Channel.COUNTER, processingTime: { amount: 7.5, unit: TimeUnit.WORKING_DAYS }, fees: [], feeText: 'Không' }],
        }),
        testProcedure({
          code: '1.115403',
          name: 'Xét cho thôi quốc tịch (kiểm thử: thời hạn theo tháng)',
          agencyCode: PROCEDURES.drivingLicence.agency,
          channels: [{ channel: Channel.COUNTER, processingTime: { amount: 2, unit: TimeUnit.MONTHS }, fees: [], feeText: 'Không' }],
        }),
      ],
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('counts 7.5 working days as seven and a half, and shows the amount as the catalogue gives it', async () => {
    clock.set('2026-12-07T07:00:00+07:00'); // a Monday
    const { code } = await receive(t, h.land, { code: '1.115607', components: ['TK'] });
    // Mon 7/12 … Tue 15/12 are seven working days; half of Wednesday 16/12 ends at 11:00.
    expect(iso((await due(code)).dossier.dueAt)).toBe(iso('2026-12-16T11:00:00+07:00'));
    const res = await t.gql<{ procedure: { channels: Array<{ processingTime: { amount: number; unit: string } }> } }>(
      'query P($code: String!) { procedure(code: $code) { channels { processingTime { amount unit } } } }',
      { code: '1.115607' },
    );
    expect(res.data?.procedure.channels).toEqual([{ processingTime: { amount: 7.5, unit: 'WORKING_DAYS' } }]);
  });

  it('counts months as calendar months ending on a working day', async () => {
    clock.set('2026-12-31T10:00:00+07:00');
    const { code } = await receive(t, h.police, { code: '1.115403', components: ['TK'] });
    // 28/2/2027 is a Sunday: the period ends on Monday 1/3/2027, at the time of reception.
    expect(iso((await due(code)).dossier.dueAt)).toBe(iso('2027-03-01T10:00:00+07:00'));
  });

  it('loading the next year moves an open dossier whose due time crosses a new day off, with history, and a make-up day pulls it back', async () => {
    clock.set('2026-12-15T09:00:00+07:00');
    const { code: late } = await receive(t, h.land, PROCEDURES.landTransfer); // 20 working days: 12/01/2027 09:00, provisional
    const { code: soon } = await receive(t, h.police, PROCEDURES.drivingLicence); // 5 working days: 22/12/2026, before any change
    const before = await due(late);
    expect(before.dossier).toMatchObject({ dueAtProvisional: true });
    expect(iso(before.dossier.dueAt)).toBe(iso('2027-01-12T09:00:00+07:00'));

    clock.set('2026-12-20T10:00:00+07:00');
    const res = await load([NEW_YEAR_2027]);
    expect(res.data?.loadCalendar.userErrors).toEqual([]);
    expect(res.data?.loadCalendar.days).toEqual([{ date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch', notice: NOTICE_2027, verified: true }]);
    const moved = res.data!.loadCalendar.dueTimesMoved.filter((m) => m.dossierCode === late);
    expect(moved.map((m) => [iso(m.from), iso(m.to)])).toEqual([[iso('2027-01-12T09:00:00+07:00'), iso('2027-01-13T09:00:00+07:00')]]);
    expect(res.data!.loadCalendar.dueTimesMoved.map((m) => m.dossierCode)).not.toContain(soon);

    const after = await due(late);
    expect(iso(after.dossier.dueAt)).toBe(iso('2027-01-13T09:00:00+07:00'));
    expect(after.dossier.dueAtProvisional).toBe(false);
    expect(after.dossier.version).toBe(before.dossier.version + 1);
    expect(after.dossier.history.at(-1)).toEqual({
      action: 'RECALCULATE_DUE',
      actor: 'Giám đốc Trung tâm',
      note: 'Lịch ngày nghỉ, ngày làm bù được cập nhật (01/01/2027): ngày hẹn trả chuyển từ 09:00 12/01/2027 sang 09:00 13/01/2027.',
    });
    expect(iso((await due(soon)).dossier.dueAt)).toBe(iso('2026-12-22T09:00:00+07:00'));

    // The notice is corrected: Saturday 9/1/2027 is worked. The year is replaced whole and the due time comes back a day.
    const again = await load([NEW_YEAR_2027, MAKE_UP_2027]);
    expect(again.data?.loadCalendar.dueTimesMoved.filter((m) => m.dossierCode === late).map((m) => iso(m.to))).toEqual([iso('2027-01-12T09:00:00+07:00')]);
    const last = await due(late);
    expect(last.dossier.history.filter((e) => e.action === 'RECALCULATE_DUE')).toHaveLength(2);
    expect(last.calendar).toEqual([
      { date: '2027-01-01', kind: 'HOLIDAY', notice: NOTICE_2027, verified: true },
      { date: '2027-01-09', kind: 'WORKING_DAY', notice: NOTICE_2027, verified: false },
    ]);

    // Loading the same days again changes nothing and moves nothing.
    const same = await load([NEW_YEAR_2027, MAKE_UP_2027]);
    expect(same.data?.loadCalendar.dueTimesMoved).toEqual([]);
    expect((await due(late)).dossier.version).toBe(last.dossier.version);
  });

  it('leaves a finished dossier its due time: it was judged by it', async () => {
    clock.set('2026-12-28T09:00:00+07:00');
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence); // 5 working days: 04/01/2027 09:00 without 1/1 off
    const rejected = await transition(t, h.police, code, 'WITHDRAW', 1, { reason: 'Người nộp rút hồ sơ (kiểm thử)' });
    expect(rejected.data?.transitionDossier.userErrors).toEqual([]);
    const before = await due(code);
    await load([{ ...NEW_YEAR_2027, date: '2027-01-04', name: 'Ngày nghỉ thêm (kiểm thử)' }, NEW_YEAR_2027, MAKE_UP_2027]);
    const after = await due(code);
    expect(after.dossier.dueAt).toBe(before.dossier.dueAt);
    expect(after.dossier.history.map((e) => e.action)).not.toContain('RECALCULATE_DUE');
  });

  it('refuses a day without its notice, a date twice, a date that does not exist and an empty list, and changes nothing', async () => {
    const cases: Array<[unknown[], string]> = [
      [[{ ...NEW_YEAR_2027, date: '2027-05-03', notice: ' ' }], 'days.0.notice'],
      [[NEW_YEAR_2027, { ...NEW_YEAR_2027, kind: 'WORKING_DAY' }], 'days.1.date'],
      [[{ ...NEW_YEAR_2027, date: '2027-02-30' }], 'days.0.date'],
      [[], 'days'],
    ];
    const before = (await due((await receive(t, h.police, PROCEDURES.drivingLicence)).code)).calendar;
    for (const [days, field] of cases) {
      const res = await load(days);
      expect(res.data?.loadCalendar).toMatchObject({ days: [], dueTimesMoved: [], userErrors: [{ code: 'INVALID_INPUT', field }] });
    }
    const { calendar } = await due((await receive(t, h.police, PROCEDURES.drivingLicence)).code);
    expect(calendar).toEqual(before);
  });

  it('lets only supervisors load the calendar', async () => {
    const res = await load([NEW_YEAR_2027], h.police);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await load([NEW_YEAR_2027], {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
