import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, officer, supervisor } from '../support/tokens';

const ServiceStats = contractOperation('ServiceStats');
const POLICE = PROCEDURES.drivingLicence.agency;

/**
 * Five driving-licence dossiers (5 working days) in November 2026: one
 * finished on time, one late, one left open past its due time, one filed
 * online and paused for a supplement before its due time, one withdrawn;
 * two ratings. The figures follow Decision 766's definitions.
 */
describe('ServiceStats', () => {
  const clock = new TestClock('2026-11-02T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let sup: Record<string, string>;
  let person: Record<string, string>;

  async function move(code: string, steps: Array<[string, string, Record<string, unknown>?]>, version = 1): Promise<number> {
    for (const [action, at, input] of steps) {
      clock.set(at);
      const res = await transition(t, police, code, action, version, input ?? null);
      if (!res.data?.transitionDossier.dossier) throw new Error(`${action} failed: ${JSON.stringify(res.errors ?? res.data?.transitionDossier.userErrors)}`);
      version = res.data.transitionDossier.dossier.version;
    }
    return version;
  }

  beforeAll(async () => {
    t = await startTestHub({ clock });
    police = await officer(POLICE);
    sup = await supervisor();
    person = await citizen();
    const onTime = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    clock.set('2026-11-02T09:05:00+07:00');
    const late = await receive(t, police, PROCEDURES.drivingLicence);
    clock.set('2026-11-02T09:10:00+07:00');
    const open = await receive(t, police, PROCEDURES.drivingLicence);
    const withdrawn = await receive(t, police, PROCEDURES.drivingLicence);
    await move(onTime.code, [['FORWARD', '2026-11-02T10:00:00+07:00'], ['COMPLETE_STEP', '2026-11-05T10:00:00+07:00'], ['RETURN', '2026-11-06T09:00:00+07:00']]);
    await move(late.code, [['FORWARD', '2026-11-02T10:00:00+07:00'], ['COMPLETE_STEP', '2026-11-11T10:00:00+07:00']]);
    await move(open.code, [['FORWARD', '2026-11-02T10:00:00+07:00']]);
    clock.set('2026-11-04T09:00:00+07:00');
    await transition(t, person, withdrawn.code, 'WITHDRAW', 1);

    clock.set('2026-11-03T09:00:00+07:00');
    const submitted = await t.gql<{ submitDossier: { dossier: { code: string } } }>(
      contractOperation('SubmitDossier'),
      { input: { procedureCode: PROCEDURES.drivingLicence.code, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
      person,
    );
    const online = submitted.data!.submitDossier.dossier.code;
    await move(online, [['ACCEPT', '2026-11-03T10:00:00+07:00'], ['FORWARD', '2026-11-03T11:00:00+07:00'], ['REQUEST_SUPPLEMENT', '2026-11-09T09:00:00+07:00', { reason: 'Ảnh chưa đúng quy cách' }]]);

    clock.set('2026-11-12T09:00:00+07:00');
    await t.gql(contractOperation('RateDossier'), { dossierCode: onTime.code, rating: 'VERY_SATISFIED' }, person);
    await t.gql(contractOperation('RateDossier'), { dossierCode: late.code, rating: 'UNSATISFIED', comment: 'Trễ hẹn' }, person);
    clock.set('2026-12-05T09:00:00+07:00');
  });
  afterAll(async () => {
    await t.stop();
  });

  const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
  const EXPECTED = {
    received: 5,
    finished: 2,
    finishedOnTime: 1,
    overdueOpen: 1,
    onTimeRate: 0.5,
    onlineRate: 0.2,
    digitizedRate: 0,
    satisfactionRate: 0.5,
  };

  it('counts November for the whole centre', async () => {
    const res = await t.gql<{ serviceStats: typeof EXPECTED }>(ServiceStats, NOVEMBER, sup);
    expect(res.errors).toBeUndefined();
    expect(res.data?.serviceStats).toEqual(EXPECTED);
  });

  it('an agency filter, and an officer\'s own agency by default', async () => {
    expect((await t.gql<{ serviceStats: typeof EXPECTED }>(ServiceStats, { ...NOVEMBER, agencyCode: POLICE }, sup)).data?.serviceStats).toEqual(EXPECTED);
    expect((await t.gql<{ serviceStats: typeof EXPECTED }>(ServiceStats, NOVEMBER, police)).data?.serviceStats).toEqual(EXPECTED);
    const land = await t.gql<{ serviceStats: typeof EXPECTED }>(ServiceStats, NOVEMBER, await officer('000.00.84.H56'));
    expect(land.data?.serviceStats).toEqual({ received: 0, finished: 0, finishedOnTime: 0, overdueOpen: 0, onTimeRate: null, onlineRate: null, digitizedRate: null, satisfactionRate: null });
  });

  it('an empty period has nothing to rate: rates are null, never a made-up 0 or 1', async () => {
    const res = await t.gql<{ serviceStats: typeof EXPECTED }>(ServiceStats, { from: '2026-01-01', to: '2026-01-31' }, sup);
    expect(res.data?.serviceStats).toMatchObject({ received: 0, onTimeRate: null, satisfactionRate: null });
  });

  it('refuses another agency to an officer, and a period that ends before it starts', async () => {
    expect((await t.gql(ServiceStats, { ...NOVEMBER, agencyCode: '000.00.84.H56' }, police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ServiceStats, { from: '2026-12-01', to: '2026-11-01' }, sup)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect((await t.gql(ServiceStats, { ...NOVEMBER, agencyCode: '000.00.77.H56' }, sup)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
