import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, officer, supervisor } from '../support/tokens';

const DUE = 'query Due($code: String!) { dossier(code: $code) { status version dueAt } }';

/**
 * What a real centre needs of the lifecycle (issue 13), each situation
 * recorded through GraphQL on the bundled catalogue and calendar.
 */
describe('situations of a dossier a counter officer meets', () => {
  const clock = new TestClock('2026-11-16T16:00:00+07:00');
  let t: TestHub;
  const h: Record<string, Record<string, string>> = {};
  const due = async (code: string) => (await t.gql<{ dossier: { status: string; version: number; dueAt: string } }>(DUE, { code }, h.supervisor)).data!.dossier;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    h.police = await officer(PROCEDURES.drivingLicence.agency);
    h.supervisor = await supervisor();
    h.citizen = await citizen();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('resuming a dossier already overdue moves its due time across the holidays between the old due time and the pause', async () => {
    // Received Monday 16/11 at 16:00: 5 working days, due Monday 23/11 at 16:00.
    clock.set('2026-11-16T16:00:00+07:00');
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    await transition(t, h.police, code, 'FORWARD', 1);
    expect(new Date((await due(code)).dueAt).toISOString()).toBe(new Date('2026-11-23T16:00:00+07:00').toISOString());
    // Overdue, a supplement is asked on Wednesday 25/11 at 09:00 and brought at 11:00: the clock stood still for two working hours.
    clock.set('2026-11-25T09:00:00+07:00');
    await transition(t, h.police, code, 'REQUEST_SUPPLEMENT', 2, { reason: 'Thiếu ảnh chân dung' });
    clock.set('2026-11-25T11:00:00+07:00');
    const back = await transition(t, h.police, code, 'SUPPLEMENT', 3, { components: [{ code: PROCEDURES.drivingLicence.components[1] }] });
    expect(back.data?.transitionDossier.userErrors).toEqual([]);
    // One hour is left on Monday 23/11 (until 17:00); Tuesday 24/11 is the Day of Vietnamese Culture, a day off; the second hour is Wednesday's first.
    expect(new Date((await due(code)).dueAt).toISOString()).toBe(new Date('2026-11-25T08:00:00+07:00').toISOString());
  });

  it('an apology gives a new due time that is a working time later than the old one, and none once the result is ready', async () => {
    clock.set('2026-11-26T09:00:00+07:00');
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    await transition(t, h.police, code, 'FORWARD', 1);
    const old = await due(code);
    const extend = (newDueAt: string, version = old.version) => transition(t, h.police, code, 'EXTEND', version, { reason: 'Cần xác minh thêm với Công an cấp xã', newDueAt });
    const refusals: Array<[string, string]> = [
      ['a Sunday', '2026-12-06T09:00:00+07:00'],
      ['the lunch break', '2026-12-07T12:00:00+07:00'],
      ['the evening', '2026-12-07T19:00:00+07:00'],
      ['before the old due time', '2026-11-27T09:00:00+07:00'],
    ];
    for (const [label, newDueAt] of refusals) {
      expect((await extend(newDueAt)).data?.transitionDossier.userErrors[0], label).toMatchObject({ code: 'INVALID_INPUT', field: 'input.newDueAt' });
    }
    expect(await due(code)).toEqual(old);
    const extended = await extend('2026-12-07T17:00:00+07:00');
    expect(extended.data?.transitionDossier.userErrors).toEqual([]);
    expect(new Date((await due(code)).dueAt).toISOString()).toBe(new Date('2026-12-07T17:00:00+07:00').toISOString());
    const done = await transition(t, h.police, code, 'COMPLETE_STEP', (await due(code)).version);
    expect(done.data?.transitionDossier.dossier?.status).toBe('RESULT_READY');
    const late = await transition(t, h.supervisor, code, 'EXTEND', (await due(code)).version, { reason: 'Muộn', newDueAt: '2026-12-08T09:00:00+07:00' });
    expect(late.data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('messages name actions and statuses in Vietnamese, never by their enum names', async () => {
    clock.set('2026-11-26T09:00:00+07:00');
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    const early = await transition(t, h.police, code, 'COMPLETE_STEP', 1);
    const late = await transition(t, h.police, code, 'ACCEPT', 1);
    const forbidden = await transition(t, h.citizen, code, 'FORWARD', 1);
    const messages = [early.data?.transitionDossier.userErrors[0]?.message, late.data?.transitionDossier.userErrors[0]?.message, forbidden.errors?.[0]?.message];
    expect(messages[0]).toBe('Không thể "Hoàn thành bước xử lý" khi hồ sơ đang ở trạng thái "Đã tiếp nhận".');
    expect(messages[1]).toBe('Không thể "Tiếp nhận hồ sơ" khi hồ sơ đang ở trạng thái "Đã tiếp nhận".');
    expect(messages[2]).toBe('Vai trò của bạn không được thực hiện thao tác "Chuyển xử lý".');
    for (const message of messages) expect(message).not.toMatch(/\b[A-Z]{2,}(_[A-Z]+)*\b/);
  });

  it('a code typed in lowercase at a kiosk is found', async () => {
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    const tracked = await t.gql<{ trackDossier: { code: string; status: string } | null }>(contractOperation('TrackDossier'), { code: ` ${code.toLowerCase()} ` });
    expect(tracked.data?.trackDossier).toMatchObject({ code, status: 'RECEIVED' });
  });
});
