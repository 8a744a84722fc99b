import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, officer, supervisor } from '../support/tokens';

const DUE = 'query Due($code: String!) { dossier(code: $code) { status version dueAt } }';
const DETAIL = `query Detail($code: String!) {
  dossier(code: $code) {
    status version receivedAt finishedAt returnedAt
    steps { order status }
    supplementRequests { reason items { componentCode description } dueAt status suppliedCodes }
    history { action toStatus note }
  }
}`;

interface Detail {
  status: string;
  version: number;
  receivedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  steps: Array<{ order: number; status: string }>;
  supplementRequests: Array<{ reason: string; items: Array<{ componentCode: string | null; description: string }>; dueAt: string | null; status: string; suppliedCodes: string[] }>;
  history: Array<{ action: string; toStatus: string; note: string | null }>;
}

/**
 * What a real centre needs of the lifecycle (issue 13), each situation
 * recorded through GraphQL on the bundled catalogue and calendar.
 */
describe('situations of a dossier a counter officer meets', () => {
  const clock = new TestClock('2026-11-16T16:00:00+07:00');
  let t: TestHub;
  const h: Record<string, Record<string, string>> = {};
  const detail = async (code: string) => (await t.gql<{ dossier: Detail }>(DETAIL, { code }, h.supervisor)).data!.dossier;
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

  it('a due time after the last day of the loaded official calendar is flagged provisional, with a word in the history', async () => {
    // 20 working days from 15/12/2026 end on 12/01/2027, a year whose days off are not loaded yet (1/1/2027 counted as a working day).
    clock.set('2026-12-15T09:00:00+07:00');
    const land = await officer(PROCEDURES.landTransfer.agency);
    const { code: late } = await receive(t, land, PROCEDURES.landTransfer);
    const { code: soon } = await receive(t, h.police, PROCEDURES.drivingLicence);
    const FLAG = 'query Flag($code: String!) { dossier(code: $code) { dueAt dueAtProvisional history { action note } } }';
    type Flag = { dossier: { dueAt: string; dueAtProvisional: boolean; history: Array<{ action: string; note: string | null }> } };
    const lateOne = (await t.gql<Flag>(FLAG, { code: late }, h.supervisor)).data!.dossier;
    expect(new Date(lateOne.dueAt).toISOString()).toBe(new Date('2027-01-12T09:00:00+07:00').toISOString());
    expect(lateOne).toMatchObject({
      dueAtProvisional: true,
      history: [{ action: 'RECEIVE', note: 'Ngày hẹn trả tính theo lịch nghỉ đã nạp đến 31/12/2026: có thể thay đổi khi nạp lịch nghỉ năm 2027.' }],
    });
    const soonOne = (await t.gql<Flag>(FLAG, { code: soon }, h.supervisor)).data!.dossier;
    expect(soonOne).toMatchObject({ dueAtProvisional: false, history: [{ action: 'RECEIVE', note: null }] });
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

  describe('online dossiers at the one-stop door', () => {
    const CENTRE = '000.00.80.H56';
    const WHO = `query Who($code: String!) { dossier(code: $code) { code submittedCode status receivingAgency { code } currentAgency { code } history { action note } } }`;
    type Who = { dossier: { code: string; submittedCode: string | null; status: string; receivingAgency: { code: string }; currentAgency: { code: string }; history: Array<{ action: string; note: string | null }> } | null };
    const submit = async () => {
      const res = await t.gql<{ submitDossier: { dossier: { code: string } | null } }>(
        contractOperation('SubmitDossier'),
        { input: { procedureCode: PROCEDURES.drivingLicence.code, components: PROCEDURES.drivingLicence.components.map((c) => ({ code: c })) } },
        h.citizen,
      );
      return res.data!.submitDossier.dossier!.code;
    };

    it("the centre's counter receives an online dossier of a department's procedure; the code is given at reception", async () => {
      clock.set('2026-11-30T20:00:00+07:00');
      const submitted = await submit();
      expect(submitted.startsWith(`${PROCEDURES.drivingLicence.agency}-261130-`)).toBe(true);
      const centre = await officer(CENTRE);
      // The counter sees what waits to be received; another department does not.
      expect((await t.gql<Who>(WHO, { code: submitted }, centre)).data?.dossier?.status).toBe('SUBMITTED');
      expect((await t.gql<Who>(WHO, { code: submitted }, await officer('000.00.84.H56'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      clock.set('2026-12-01T08:00:00+07:00');
      const accepted = await transition(t, centre, submitted, 'ACCEPT', 1);
      expect(accepted.data?.transitionDossier.userErrors).toEqual([]);
      const received = accepted.data!.transitionDossier.dossier!;
      const dossier = (await t.gql<Who>(WHO, { code: submitted }, centre)).data!.dossier!;
      expect(dossier).toMatchObject({ submittedCode: submitted, status: 'RECEIVED', receivingAgency: { code: CENTRE }, currentAgency: { code: CENTRE } });
      expect(dossier.code).toMatch(/^000\.00\.80\.H56-261201-\d{4}$/);
      expect(dossier.history.at(-1)).toMatchObject({ action: 'ACCEPT', note: `Mã hồ sơ khi tiếp nhận: ${dossier.code} (mã khi nộp trực tuyến: ${submitted}).` });
      expect(received.status).toBe('RECEIVED');
      // Both codes find it, at a kiosk too.
      for (const code of [dossier.code, submitted]) {
        expect((await t.gql<{ trackDossier: { code: string } | null }>(contractOperation('TrackDossier'), { code })).data?.trackDossier?.code).toBe(dossier.code);
      }
      // The counter sends it on to the police's step.
      const forwarded = await transition(t, centre, dossier.code, 'FORWARD', received.version);
      expect(forwarded.data?.transitionDossier.dossier?.status).toBe('PROCESSING');
      expect((await t.gql<Who>(WHO, { code: dossier.code }, h.police)).data?.dossier?.currentAgency.code).toBe(PROCEDURES.drivingLicence.agency);
    });

    it("the centre's counter asks an online dossier to be completed before receiving it, and no longer once it is received", async () => {
      clock.set('2026-12-02T09:00:00+07:00');
      const submitted = await submit();
      const centre = await officer(CENTRE);
      const asked = await transition(t, centre, submitted, 'REQUEST_SUPPLEMENT', 1, { reason: 'Ảnh chưa đúng quy cách' });
      expect(asked.data?.transitionDossier.dossier?.status).toBe('SUPPLEMENT_REQUESTED');
      await transition(t, h.citizen, submitted, 'SUPPLEMENT', 2, { components: [{ code: PROCEDURES.drivingLicence.components[1] }] });
      expect((await transition(t, h.police, submitted, 'ACCEPT', 3)).data?.transitionDossier.dossier?.status).toBe('RECEIVED');
      const code = (await t.gql<Who>(WHO, { code: submitted }, h.police)).data!.dossier!.code;
      await transition(t, h.police, code, 'FORWARD', 4);
      // Received by the police and at work there: the counter neither sees it nor asks anything of it.
      expect((await transition(t, centre, code, 'REQUEST_SUPPLEMENT', 5, { reason: 'Thiếu' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('a department receiving its own online dossier gives it the code of the day of reception', async () => {
      clock.set('2026-11-30T09:00:00+07:00');
      const submitted = await submit();
      clock.set('2026-12-01T09:00:00+07:00');
      await transition(t, h.police, submitted, 'ACCEPT', 1);
      const dossier = (await t.gql<Who>(WHO, { code: submitted }, h.police)).data!.dossier!;
      expect(dossier.code).toMatch(new RegExp(`^${PROCEDURES.drivingLicence.agency.replaceAll('.', '\\.')}-261201-\\d{4}$`));
      expect(dossier.submittedCode).toBe(submitted);
    });
  });

  describe('a counter refusal (Mẫu 03)', () => {
    const REFUSE = `mutation Refuse($input: RefuseDossierInput!) {
      refuseDossier(input: $input) { dossier { code status receivedAt finishedAt fees { code } steps { order } components { code } history { action toStatus note } } userErrors { code field message } }
    }`;
    type Refused = {
      refuseDossier: {
        dossier: { code: string; status: string; receivedAt: string | null; finishedAt: string | null; fees: unknown[]; steps: unknown[]; components: Array<{ code: string }>; history: Array<{ action: string; toStatus: string; note: string | null }> } | null;
        userErrors: Array<{ code: string; field: string }>;
      };
    };
    const refuse = (input: Record<string, unknown>, who = h.police) =>
      t.gql<Refused>(
        REFUSE,
        {
          input: {
            procedureCode: PROCEDURES.drivingLicence.code,
            channel: 'COUNTER',
            applicant: { personalId: '038095001234', consentToken: '123456' },
            components: [{ code: PROCEDURES.drivingLicence.components[0] }],
            reasons: ['Thiếu ảnh chân dung', 'Giấy phép lái xe cũ đã hết hạn quá 12 tháng'],
            ...input,
          },
        },
        who,
      );

    it('records the dossier brought, never received, nothing owed, with its reasons', async () => {
      clock.set('2026-12-01T10:00:00+07:00');
      const res = await refuse({});
      expect(res.data?.refuseDossier.userErrors).toEqual([]);
      const dossier = res.data!.refuseDossier.dossier!;
      expect(dossier).toMatchObject({ status: 'REJECTED', receivedAt: null, fees: [], steps: [], components: [{ code: PROCEDURES.drivingLicence.components[0] }] });
      expect(dossier.finishedAt).not.toBeNull();
      expect(dossier.history).toEqual([{ action: 'REJECT', toStatus: 'REJECTED', note: 'Từ chối tiếp nhận tại quầy: 1) Thiếu ảnh chân dung; 2) Giấy phép lái xe cũ đã hết hạn quá 12 tháng' }]);
      // A refused dossier can go nowhere.
      expect((await transition(t, h.police, dossier.code, 'ACCEPT', 1)).data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    });

    it('needs reasons, an officer of an agency that receives the procedure, and the citizen\'s code', async () => {
      expect((await refuse({ reasons: [] })).data?.refuseDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.reasons' });
      expect((await refuse({ reasons: ['  '] })).data?.refuseDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.reasons' });
      expect((await refuse({ applicant: { personalId: '038095001234' } })).data?.refuseDossier.userErrors[0]).toMatchObject({ code: 'CONSENT_REQUIRED' });
      expect((await refuse({}, await officer('000.00.84.H56'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await refuse({}, h.citizen)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('supplements', () => {
    const [form, photo] = PROCEDURES.drivingLicence.components;

    it('an online dossier is asked to be completed before acceptance, supplied in part, then in full, then accepted', async () => {
      clock.set('2026-11-30T09:00:00+07:00');
      const submitted = await t.gql<{ submitDossier: { dossier: { code: string } | null; userErrors: unknown[] } }>(
        contractOperation('SubmitDossier'),
        { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [{ code: form }, { code: photo }] } },
        h.citizen,
      );
      const code = submitted.data!.submitDossier.dossier!.code;
      const asked = await transition(t, h.police, code, 'REQUEST_SUPPLEMENT', 1, {
        reason: 'Ảnh không đúng quy cách, tờ khai thiếu chữ ký',
        requestedItems: [{ componentCode: photo }, { componentCode: form, description: 'Tờ khai có chữ ký của người đề nghị' }],
        supplementDueAt: '2026-12-04T17:00:00+07:00',
      });
      expect(asked.data?.transitionDossier.dossier?.status).toBe('SUPPLEMENT_REQUESTED');
      const request = (await detail(code)).supplementRequests[0];
      expect(request).toMatchObject({ status: 'OPEN', items: [{ componentCode: photo, description: expect.any(String) as unknown }, { componentCode: form, description: 'Tờ khai có chữ ký của người đề nghị' }] });
      expect(new Date(request.dueAt!).toISOString()).toBe(new Date('2026-12-04T17:00:00+07:00').toISOString());

      clock.set('2026-12-01T09:00:00+07:00');
      const partial = await transition(t, h.citizen, code, 'SUPPLEMENT_PARTIAL', 2, { components: [{ code: photo }] });
      expect(partial.data?.transitionDossier.dossier?.status).toBe('SUPPLEMENT_REQUESTED');
      expect((await detail(code)).supplementRequests[0]).toMatchObject({ status: 'PARTIAL', suppliedCodes: [photo] });

      const full = await transition(t, h.citizen, code, 'SUPPLEMENT', 3, { components: [{ code: form }] });
      // Never received: back to waiting for reception, with no due time yet.
      expect(full.data?.transitionDossier.dossier?.status).toBe('SUBMITTED');
      const complete = await detail(code);
      expect(complete).toMatchObject({ receivedAt: null, supplementRequests: [{ status: 'COMPLETE', suppliedCodes: [photo, form] }] });
      expect(complete.history.map((e) => e.action)).toEqual(['SUBMIT', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_PARTIAL', 'SUPPLEMENT']);
      const accepted = await transition(t, h.police, code, 'ACCEPT', 4);
      expect(accepted.data?.transitionDossier.dossier?.status).toBe('RECEIVED');
    });

    it('refuses a request naming a component the procedure lacks, or a deadline already past, changing nothing', async () => {
      clock.set('2026-11-30T09:00:00+07:00');
      const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ reason: 'Thiếu', requestedItems: [{ componentCode: 'KHONG-CO' }] }, 'input.requestedItems.0.componentCode'],
        [{ reason: 'Thiếu', requestedItems: [{ description: '  ' }] }, 'input.requestedItems.0.description'],
        [{ reason: 'Thiếu', supplementDueAt: '2026-11-30T08:00:00+07:00' }, 'input.supplementDueAt'],
      ];
      for (const [input, field] of cases) {
        expect((await transition(t, h.police, code, 'REQUEST_SUPPLEMENT', 1, input)).data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field });
      }
      expect(await detail(code)).toMatchObject({ status: 'RECEIVED', version: 1, supplementRequests: [] });
    });

    it('a dossier whose supplement never came is stopped once its deadline passed; its notice is returned with the reason', async () => {
      clock.set('2026-11-30T09:00:00+07:00');
      const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
      await transition(t, h.police, code, 'FORWARD', 1);
      await transition(t, h.police, code, 'REQUEST_SUPPLEMENT', 2, { reason: 'Thiếu giấy khám sức khỏe', supplementDueAt: '2026-12-02T17:00:00+07:00' });
      clock.set('2026-12-02T10:00:00+07:00');
      const early = await transition(t, h.police, code, 'STOP', 3, { reason: 'Không bổ sung' });
      expect(early.data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
      clock.set('2026-12-03T09:00:00+07:00');
      const stopped = await transition(t, h.police, code, 'STOP', 3, { reason: 'Quá hạn bổ sung mà công dân không bổ sung' });
      expect(stopped.data?.transitionDossier.dossier?.status).toBe('STOPPED');
      const after = await detail(code);
      expect(after.steps).toEqual([{ order: 1, status: 'CANCELLED' }]);
      expect(after.supplementRequests[0]?.status).toBe('ABANDONED');
      expect(after.finishedAt).not.toBeNull();

      const returned = await transition(t, h.police, code, 'RETURN', 4);
      expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
      const end = await detail(code);
      expect(end.returnedAt).not.toBeNull();
      expect(end.history.at(-1)).toMatchObject({ action: 'RETURN', toStatus: 'RETURNED', note: 'Trả thông báo dừng xử lý: Quá hạn bổ sung mà công dân không bổ sung' });
    });
  });

  describe('between agencies', () => {
    const LAND = PROCEDURES.landTransfer.agency;
    const PROVINCE = '000.00.93.H56';
    const TAX = '000.00.95.H56';
    const CONSTRUCTION = '000.00.83.H56';
    const STEPS = `query Steps($code: String!) {
      dossier(code: $code) { status version currentAgency { code } steps { order status agency { code } } consultations { agency { code } question answer answeredBy } history { action } }
    }`;
    type Steps = {
      dossier: {
        status: string;
        version: number;
        currentAgency: { code: string };
        steps: Array<{ order: number; status: string; agency: { code: string } }>;
        consultations: Array<{ agency: { code: string }; question: string; answer: string | null; answeredBy: string | null }>;
        history: Array<{ action: string }>;
      } | null;
    };
    const steps = async (code: string, who = h.supervisor) => (await t.gql<Steps>(STEPS, { code }, who)).data?.dossier ?? null;

    /** A land dossier at its second step, the Chairman of UBND tỉnh. */
    const atProvince = async () => {
      clock.set('2026-12-01T09:00:00+07:00');
      const land = await officer(LAND);
      const { code } = await receive(t, land, PROCEDURES.landTransfer);
      await transition(t, land, code, 'FORWARD', 1);
      await transition(t, land, code, 'COMPLETE_STEP', 2);
      return code;
    };

    it('a step is sent back to the agency before it, which works on it again', async () => {
      const code = await atProvince();
      const province = await officer(PROVINCE);
      const back = await transition(t, province, code, 'SEND_BACK', 3, { reason: 'Thiếu trích đo địa chính thửa đất' });
      expect(back.data?.transitionDossier.userErrors).toEqual([]);
      expect(await steps(code)).toMatchObject({
        status: 'PROCESSING',
        currentAgency: { code: LAND },
        steps: [
          { order: 1, status: 'IN_PROGRESS', agency: { code: LAND } },
          { order: 2, status: 'PENDING', agency: { code: PROVINCE } },
        ],
      });
      const land = await officer(LAND);
      // The first step has nothing before it.
      expect((await transition(t, land, code, 'SEND_BACK', 4, { reason: 'x' })).data?.transitionDossier.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
      const again = await transition(t, land, code, 'COMPLETE_STEP', 4);
      expect(again.data?.transitionDossier.dossier?.status).toBe('PROCESSING');
      expect((await steps(code))?.steps.map((s) => s.status)).toEqual(['DONE', 'IN_PROGRESS']);
    });

    it('opinions asked of several agencies in parallel: the step waits for all, each agency answers its own', async () => {
      const code = await atProvince();
      const province = await officer(PROVINCE);
      const tax = await officer(TAX);
      const construction = await officer(CONSTRUCTION);
      expect((await t.gql(STEPS, { code }, tax)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const asked = await transition(t, province, code, 'CONSULT', 3, { reason: 'Cho ý kiến về nghĩa vụ tài chính và quy hoạch', consultAgencyCodes: [TAX, CONSTRUCTION] });
      expect(asked.data?.transitionDossier.userErrors).toEqual([]);
      expect((await transition(t, province, code, 'COMPLETE_STEP', 4)).data?.transitionDossier.userErrors[0]).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: expect.stringContaining('Đang chờ ý kiến của 2 cơ quan') as unknown,
      });
      // Each agency asked sees the dossier and finds it among the opinions it owes.
      expect((await steps(code, tax))?.consultations).toHaveLength(2);
      const owed = await t.gql<{ opinionsToGive: Array<{ dossierCode: string; question: string }> }>('query { opinionsToGive { dossierCode question } }', {}, tax);
      expect(owed.data?.opinionsToGive).toContainEqual({ dossierCode: code, question: 'Cho ý kiến về nghĩa vụ tài chính và quy hoạch' });

      const land = await officer(LAND);
      expect((await transition(t, land, code, 'ANSWER_CONSULTATION', 4, { reason: 'Đồng ý' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await transition(t, tax, code, 'ANSWER_CONSULTATION', 4)).data?.transitionDossier.userErrors[0]).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Thao tác "Trả lời xin ý kiến" cần nêu ý kiến của cơ quan.',
      });
      expect((await transition(t, tax, code, 'ANSWER_CONSULTATION', 4, { reason: 'Đã xác định nghĩa vụ tài chính' })).data?.transitionDossier.userErrors).toEqual([]);
      expect((await transition(t, province, code, 'COMPLETE_STEP', 5)).data?.transitionDossier.userErrors[0]?.message).toContain('Đang chờ ý kiến của 1 cơ quan');
      expect((await transition(t, construction, code, 'ANSWER_CONSULTATION', 5, { reason: 'Phù hợp quy hoạch' })).data?.transitionDossier.userErrors).toEqual([]);
      // Answered, an agency cannot answer twice.
      expect((await transition(t, tax, code, 'ANSWER_CONSULTATION', 6, { reason: 'Lần nữa' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const done = await transition(t, province, code, 'COMPLETE_STEP', 6);
      expect(done.data?.transitionDossier.dossier?.status).toBe('RESULT_READY');
      const end = await steps(code);
      expect(end?.consultations.map((c) => [c.agency.code, c.answer])).toEqual([
        [TAX, 'Đã xác định nghĩa vụ tài chính'],
        [CONSTRUCTION, 'Phù hợp quy hoạch'],
      ]);
      expect(end?.history.map((e) => e.action).slice(-4)).toEqual(['CONSULT', 'ANSWER_CONSULTATION', 'ANSWER_CONSULTATION', 'COMPLETE_STEP']);
    });

    it('refuses to consult nobody, an unknown agency or the agency at work, changing nothing', async () => {
      const code = await atProvince();
      const province = await officer(PROVINCE);
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ reason: 'Ý kiến', consultAgencyCodes: [] }, 'INVALID_INPUT', 'input.consultAgencyCodes'],
        [{ reason: 'Ý kiến', consultAgencyCodes: ['000.00.00.H99'] }, 'NOT_FOUND', 'input.consultAgencyCodes.0'],
        [{ reason: 'Ý kiến', consultAgencyCodes: [TAX, PROVINCE] }, 'INVALID_INPUT', 'input.consultAgencyCodes.1'],
        [{ reason: 'Ý kiến', consultAgencyCodes: [TAX], consultDueAt: '2026-11-30T09:00:00+07:00' }, 'INVALID_INPUT', 'input.consultDueAt'],
      ];
      for (const [input, errorCode, field] of cases) {
        expect((await transition(t, province, code, 'CONSULT', 3, input)).data?.transitionDossier.userErrors[0], JSON.stringify(input)).toMatchObject({ code: errorCode, field });
      }
      expect(await steps(code)).toMatchObject({ version: 3, consultations: [] });
    });
  });

  describe('components as the catalogue lists them', () => {
    const CENTRE = '000.00.80.H56';
    const at = async (procedureCode: string, components: string[]) => {
      const res = await t.gql<{ receiveDossier: { dossier: { code: string } | null; userErrors: Array<{ code: string; message: string }> } }>(
        contractOperation('ReceiveDossier'),
        { input: { procedureCode, channel: 'COUNTER', applicant: { personalId: '038095001234', consentToken: '123456' }, components: components.map((code) => ({ code })) } },
        await officer(CENTRE),
      );
      return res.data!.receiveDossier;
    };

    it('one of alternative forms is enough; documents only shown at the counter and notes are never required uploads', async () => {
      clock.set('2026-12-01T09:00:00+07:00');
      // Land allocation: form 9a alone of forms 9, 9a, 9b, with the investment paper; the note of the list is no document.
      expect((await at('1.115499', ['TP-H56.0000022', 'TP-H56.0000235'])).userErrors).toEqual([]);
      // A copy of a civil-status extract: the e-form alone (the paper form is its alternative); the identity paper is shown, not filed.
      expect((await at('2.000635', ['000.00.00.G15-KQ003984'])).userErrors).toEqual([]);
      // A private enterprise: the request alone when the owner's personal ID number is declared (Decree 168/2025, art. 11).
      expect((await at('2.001610', ['000.00.00.G05-KQ3233'])).userErrors).toEqual([]);
    });

    it('refuses a dossier with none of the alternatives, naming them', async () => {
      const refused = await at('1.115499', ['TP-H56.0000235']);
      expect(refused.dossier).toBeNull();
      expect(refused.userErrors[0]?.code).toBe('MISSING_COMPONENT');
      expect(refused.userErrors[0]?.message).toMatch(/một trong: Mẫu số 9 .* \/ Mẫu 9a .* \/ Mẫu 9b/);
    });
  });

  it('statistics count a department that processed dossiers the centre received; on time by exact times', async () => {
    const CENTRE = '000.00.80.H56';
    const centre = await officer(CENTRE);
    const STATS = `query Stats($from: Date!, $to: Date!, $agencyCode: String, $agencyRole: StatsAgencyRole!) {
      serviceStats(from: $from, to: $to, agencyCode: $agencyCode, agencyRole: $agencyRole) { received finished finishedOnTime onTimeRate progressRate resultsDigitizedRate reuseRate digitizedRate onlinePaymentRate }
    }`;
    type Stats = { serviceStats: Record<string, number | null> };
    const stats = async (agencyCode: string, agencyRole: string) =>
      (await t.gql<Stats>(STATS, { from: '2026-12-22', to: '2026-12-31', agencyCode, agencyRole }, h.supervisor)).data!.serviceStats;
    // Received at the centre's counter on 22/12 (due 29/12 09:00): one finished in time with a digital result, one on its due day but after the due time.
    clock.set('2026-12-22T09:00:00+07:00');
    const { code: early } = await receive(t, centre, PROCEDURES.drivingLicence);
    const { code: late } = await receive(t, centre, PROCEDURES.drivingLicence);
    for (const code of [early, late]) await transition(t, centre, code, 'FORWARD', 1);
    clock.set('2026-12-28T10:00:00+07:00');
    const pdf = Buffer.from('%PDF-1.7 giấy phép lái xe\n%%EOF').toString('base64');
    const finished = await transition(t, h.police, early, 'COMPLETE_STEP', 2, { components: [{ code: 'KQ', fileName: 'giay-phep.pdf', contentType: 'application/pdf', contentBase64: pdf }] });
    expect(finished.data?.transitionDossier.userErrors).toEqual([]);
    clock.set('2026-12-29T10:00:00+07:00');
    await transition(t, h.police, late, 'COMPLETE_STEP', 2);
    clock.set('2027-01-05T09:00:00+07:00');
    expect(await stats(PROCEDURES.drivingLicence.agency, 'RECEIVING')).toMatchObject({ received: 0, finished: 0 });
    expect(await stats(PROCEDURES.drivingLicence.agency, 'RESPONSIBLE')).toEqual({
      received: 2,
      finished: 2,
      finishedOnTime: 1,
      onTimeRate: 0.5,
      progressRate: 0.5,
      resultsDigitizedRate: 0.5,
      reuseRate: 0,
      digitizedRate: 0,
      // Both owe the licence fee; neither paid it through the payment platform.
      onlinePaymentRate: 0,
    });
    expect(await stats(CENTRE, 'RECEIVING')).toMatchObject({ received: 2, finished: 2, finishedOnTime: 1 });
  });

  it('each day off and make-up day names its notice and says whether it was read in the notice itself', async () => {
    const DAYS = 'query Days($from: Date!, $to: Date!) { calendar(from: $from, to: $to) { date kind notice verified } }';
    type Days = { calendar: Array<{ date: string; kind: string; notice: string | null; verified: boolean }> };
    const days = (await t.gql<Days>(DAYS, { from: '2026-01-01', to: '2026-12-31' })).data!.calendar;
    expect(days.length).toBeGreaterThan(20);
    for (const day of days) expect(day.notice, day.date).toMatch(/\S/);
    // Tết Dương lịch 2026 was read in the Government Office's letter itself.
    expect(days.find((d) => d.date === '2026-01-01')).toMatchObject({ verified: true, notice: expect.stringContaining('12729/VPCP-KGVX') as unknown });
    // The National Day swap (31/8 off, made up on Saturday 22/8) is only reported by the press citing the ministry's notice: unverified.
    expect(days.filter((d) => ['2026-08-22', '2026-08-31'].includes(d.date))).toEqual([
      { date: '2026-08-22', kind: 'WORKING_DAY', notice: expect.stringContaining('9441/TB-BNV') as unknown, verified: false },
      { date: '2026-08-31', kind: 'HOLIDAY', notice: expect.stringContaining('9441/TB-BNV') as unknown, verified: false },
    ]);
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
