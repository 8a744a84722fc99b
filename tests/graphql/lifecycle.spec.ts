import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, registryName, supervisor } from '../support/tokens';

const LAND = '000.00.84.H56';
const PROVINCE = '000.00.93.H56';
const POLICE = '000.00.91.H56';

const ReceiveDossier = contractOperation('ReceiveDossier');
const TransitionDossier = contractOperation('TransitionDossier');
const Worklist = contractOperation('Worklist');
const TrackDossier = contractOperation('TrackDossier');
const RateDossier = contractOperation('RateDossier');
const MyDossiers = contractOperation('MyDossiers');

interface Transitioned {
  transitionDossier: {
    dossier: {
      code: string;
      status: string;
      nationalStatusCode: number;
      version: number;
      dueAt: string;
      currentAgency: { code: string };
      apologies: Array<{ previousDueAt: string; newDueAt: string; reason: string; issuedAt: string }>;
      history: Array<{ action: string; fromStatus: string | null; toStatus: string; actor: string; agency: { code: string } | null; at: string; note: string | null }>;
    } | null;
    userErrors: Array<{ field: string | null; message: string; code: string }>;
  };
}

/**
 * A dossier of 1.115505 (an economic organisation taking over land use
 * rights; Sở NN&MT checks it, then the Chairman of UBND tỉnh approves within
 * 5 working days) goes from reception through two agencies to RETURNED,
 * over HTTP with the contract's operations, on the bundled catalogue.
 */
describe('a dossier from reception through two agencies to RETURNED', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let t: TestHub;
  let code: string;
  let version: number;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestHub({ clock });
    headers.land = await officer(LAND, 'Trần Văn Đất');
    headers.province = await officer(PROVINCE, 'Phạm Thị Tỉnh');
    headers.police = await officer(POLICE);
    headers.citizen = await citizen();
    headers.supervisor = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function act(who: string, action: string, at: string, input: Record<string, unknown> | null = null): Promise<NonNullable<Transitioned['transitionDossier']['dossier']>> {
    clock.set(at);
    const res = await t.gql<Transitioned>(TransitionDossier, { code, action, input, expectedVersion: version }, headers[who]);
    expect(res.errors, `${action}: ${JSON.stringify(res.errors)}`).toBeUndefined();
    expect(res.data?.transitionDossier.userErrors, action).toEqual([]);
    const dossier = res.data!.transitionDossier.dossier!;
    expect(dossier.version).toBeGreaterThan(version);
    version = dossier.version;
    return dossier;
  }

  it('is received at the land department counter with a receipt and a due time 20 working days on', async () => {
    const res = await t.gql<{ receiveDossier: { dossier: { code: string; status: string; receivedAt: string; dueAt: string; receipt: { number: string; issuedAt: string; dueAt: string } }; userErrors: unknown[] } }>(
      ReceiveDossier,
      {
        input: {
          procedureCode: '1.115505',
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '482913', phone: '0912345678' },
          components: ['TP-H56.0000067', 'TP-H56.0000225', 'TP-H56.0000227', 'TP-H56.0000228'].map((c) => ({ code: c, fileName: `${c}.pdf` })),
        },
      },
      headers.land,
    );
    expect(res.errors).toBeUndefined();
    const dossier = res.data!.receiveDossier.dossier;
    code = dossier.code;
    version = 1;
    expect(code).toBe('000.00.84.H56-261123-0001');
    expect(dossier).toMatchObject({
      status: 'RECEIVED',
      receivedAt: '2026-11-23T09:00:00+07:00',
      // 20 working days, Tue 24/11/2026 a holiday: Tue 22/12 09:00.
      dueAt: '2026-12-22T09:00:00+07:00',
      receipt: { number: code, issuedAt: '2026-11-23T09:00:00+07:00', dueAt: '2026-12-22T09:00:00+07:00' },
    });
  });

  it('FORWARD starts the first step at the land department', async () => {
    const dossier = await act('land', 'FORWARD', '2026-11-23T10:00:00+07:00');
    expect(dossier).toMatchObject({ status: 'PROCESSING', nationalStatusCode: 4, currentAgency: { code: LAND } });
  });

  it('a supplement request stops the clock; the supplement moves the due time by the working time it stood still', async () => {
    const asked = await act('land', 'REQUEST_SUPPLEMENT', '2026-11-27T16:00:00+07:00', { reason: 'Thiếu trích lục bản đồ địa chính' });
    expect(asked).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', nationalStatusCode: 5 });
    const supplemented = await act('citizen', 'SUPPLEMENT', '2026-11-30T08:00:00+07:00', {
      components: [{ code: 'TP-H56.0000227', fileName: 'trich-luc-ban-do.pdf' }],
    });
    // Friday 16:00-17:00 and Monday 07:00-08:00: two working hours.
    expect(supplemented).toMatchObject({ status: 'PROCESSING', dueAt: '2026-12-22T11:00:00+07:00' });
  });

  it('a supervisor EXTENDs with an apology letter and a new due time', async () => {
    const extended = await act('supervisor', 'EXTEND', '2026-12-01T10:00:00+07:00', {
      reason: 'Cần lấy thêm ý kiến của Chủ tịch UBND tỉnh',
      newDueAt: '2026-12-29T17:00:00+07:00',
    });
    expect(extended.status).toBe('PROCESSING');
    expect(extended.dueAt).toBe('2026-12-29T17:00:00+07:00');
    expect(extended.apologies).toEqual([
      { previousDueAt: '2026-12-22T11:00:00+07:00', newDueAt: '2026-12-29T17:00:00+07:00', reason: 'Cần lấy thêm ý kiến của Chủ tịch UBND tỉnh', issuedAt: '2026-12-01T10:00:00+07:00' },
    ]);
  });

  it('COMPLETE_STEP hands it to the provincial People\'s Committee, whose step has its own due time', async () => {
    const moved = await act('land', 'COMPLETE_STEP', '2026-12-02T09:00:00+07:00');
    expect(moved).toMatchObject({ status: 'PROCESSING', currentAgency: { code: PROVINCE } });
    const list = await t.gql<{ dossiers: { edges: Array<{ node: { code: string; steps: Array<{ order: number; agency: { code: string }; status: string; startedAt: string | null; dueAt: string | null; finishedAt: string | null; externalReference: string | null }> } }> } }>(
      Worklist,
      { filter: { status: ['PROCESSING'] } },
      headers.province,
    );
    expect(list.errors).toBeUndefined();
    const node = list.data!.dossiers.edges.find((e) => e.node.code === code)!.node;
    expect(node.steps).toEqual([
      { order: 1, agency: { code: LAND }, status: 'DONE', startedAt: '2026-11-23T10:00:00+07:00', dueAt: null, finishedAt: '2026-12-02T09:00:00+07:00', externalReference: null },
      // 5 working days from Wed 2/12 09:00: Wed 9/12 09:00.
      { order: 2, agency: { code: PROVINCE }, status: 'IN_PROGRESS', startedAt: '2026-12-02T09:00:00+07:00', dueAt: '2026-12-09T09:00:00+07:00', finishedAt: null, externalReference: null },
    ]);
  });

  it('an officer of an agency the dossier never reached can neither see nor move it', async () => {
    const res = await t.gql<Transitioned>(TransitionDossier, { code, action: 'COMPLETE_STEP', expectedVersion: version }, headers.police);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await t.gql<{ dossiers: { totalCount: number } }>(Worklist, {}, headers.police);
    expect(list.data?.dossiers.totalCount).toBe(0);
  });

  it('the land department may not complete the step that is now at the People\'s Committee', async () => {
    const res = await t.gql<Transitioned>(TransitionDossier, { code, action: 'COMPLETE_STEP', expectedVersion: version }, headers.land);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('COMPLETE_STEP at the last step makes the result ready, back at the receiving counter', async () => {
    const ready = await act('province', 'COMPLETE_STEP', '2026-12-04T15:00:00+07:00');
    expect(ready).toMatchObject({ status: 'RESULT_READY', nationalStatusCode: 9, currentAgency: { code: LAND } });
  });

  it('RETURN at the counter closes it; the history tells every move with actor, agency and time', async () => {
    const returned = await act('land', 'RETURN', '2026-12-07T08:30:00+07:00');
    expect(returned).toMatchObject({ status: 'RETURNED', nationalStatusCode: 10 });
    expect(returned.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor, h.agency?.code ?? null, h.at])).toEqual([
      ['RECEIVE', null, 'RECEIVED', 'Trần Văn Đất', LAND, '2026-11-23T09:00:00+07:00'],
      ['FORWARD', 'RECEIVED', 'PROCESSING', 'Trần Văn Đất', LAND, '2026-11-23T10:00:00+07:00'],
      ['REQUEST_SUPPLEMENT', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'Trần Văn Đất', LAND, '2026-11-27T16:00:00+07:00'],
      ['SUPPLEMENT', 'SUPPLEMENT_REQUESTED', 'PROCESSING', registryName(CITIZEN_ID), null, '2026-11-30T08:00:00+07:00'],
      ['EXTEND', 'PROCESSING', 'PROCESSING', 'Giám đốc Trung tâm', null, '2026-12-01T10:00:00+07:00'],
      ['COMPLETE_STEP', 'PROCESSING', 'PROCESSING', 'Trần Văn Đất', LAND, '2026-12-02T09:00:00+07:00'],
      ['COMPLETE_STEP', 'PROCESSING', 'RESULT_READY', 'Phạm Thị Tỉnh', PROVINCE, '2026-12-04T15:00:00+07:00'],
      ['RETURN', 'RESULT_READY', 'RETURNED', 'Trần Văn Đất', LAND, '2026-12-07T08:30:00+07:00'],
    ]);
    expect(returned.history[2]?.note).toBe('Thiếu trích lục bản đồ địa chính');
  });

  it('anyone tracks it by code: returned, finished on time, no personal data', async () => {
    const res = await t.gql<{ trackDossier: Record<string, unknown> }>(TrackDossier, { code });
    expect(res.data?.trackDossier).toMatchObject({ status: 'RETURNED', nationalStatusCode: 10, finishedAt: '2026-12-04T15:00:00+07:00', overdue: false, currentAgency: { code: LAND } });
  });

  it('the citizen finds it among their dossiers and rates it once', async () => {
    const mine = await t.gql<{ myDossiers: { totalCount: number; edges: Array<{ node: { code: string; status: string } }> } }>(MyDossiers, {}, headers.citizen);
    expect(mine.data?.myDossiers.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ code, status: 'RETURNED' }));
    const first = await t.gql<{ rateDossier: { userErrors: unknown[] } }>(RateDossier, { dossierCode: code, rating: 'VERY_SATISFIED', comment: 'Nhanh, đúng hẹn' }, headers.citizen);
    expect(first.errors).toBeUndefined();
    expect(first.data?.rateDossier.userErrors).toEqual([]);
    const again = await t.gql<{ rateDossier: { userErrors: Array<{ code: string }> } }>(RateDossier, { dossierCode: code, rating: 'UNSATISFIED' }, headers.citizen);
    expect(again.data?.rateDossier.userErrors[0]?.code).toBe('INVALID_INPUT');
  });

  it('a finished dossier accepts no more moves', async () => {
    const res = await t.gql<Transitioned>(TransitionDossier, { code, action: 'FORWARD', expectedVersion: version }, headers.land);
    expect(res.data?.transitionDossier.userErrors[0]?.code).toBe('INVALID_TRANSITION');
  });
});
