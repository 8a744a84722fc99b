import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { officer, supervisor } from '../support/tokens';

const Worklist = contractOperation('Worklist');
const POLICE = PROCEDURES.drivingLicence.agency;
const LAND = PROCEDURES.landTransfer.agency;

interface Page {
  dossiers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { code: string; status: string; channel: string; dueAt: string | null; overdue: boolean; version: number; procedure: { code: string }; currentAgency: { code: string }; steps: unknown[] } }>;
  };
}

describe('Worklist', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  const statements: string[] = [];
  let t: TestHub;
  let police: Record<string, string>;
  let land: Record<string, string>;
  let sup: Record<string, string>;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestHub({ clock, queryListeners: [(sql) => statements.push(sql)] });
    police = await officer(POLICE);
    land = await officer(LAND);
    sup = await supervisor();
    // Monday 23/11: 50 driving-licence dossiers at the counter (due Tue 1/12 09:00), a criminal-record request by post.
    for (let i = 0; i < 50; i += 1) await receive(t, police, PROCEDURES.drivingLicence);
    codes.postal = (await receive(t, await officer(PROCEDURES.criminalRecord.agency), PROCEDURES.criminalRecord, {}, { channel: 'POSTAL' })).code;
    // Tuesday 1/12: a land dossier (due 20 working days later), moved into processing.
    clock.set('2026-12-01T08:00:00+07:00');
    const landDossier = await receive(t, land, PROCEDURES.landTransfer);
    codes.land = landDossier.code;
    await transition(t, land, landDossier.code, 'FORWARD', 1);
    clock.set('2026-12-02T10:00:00+07:00');
  });
  afterAll(async () => {
    await t.stop();
  });

  const page = (variables: Record<string, unknown>, headers: Record<string, string> = sup) => t.gql<Page>(Worklist, variables, headers);

  it('lists most urgent first, with Relay cursors over all pages', async () => {
    const seen: string[] = [];
    const dues: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const res: Awaited<ReturnType<typeof page>> = await page({ first: 20, after });
      expect(res.errors).toBeUndefined();
      for (const edge of res.data!.dossiers.edges) {
        seen.push(edge.node.code);
        dues.push(edge.node.dueAt ?? '9999');
      }
      if (!res.data!.dossiers.pageInfo.hasNextPage) break;
      after = res.data!.dossiers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(52);
    expect(new Set(seen).size).toBe(52);
    expect([...dues].sort()).toEqual(dues);
    expect(seen.at(-1)).toBe(codes.land);
  });

  it('filters by status, channel, procedure, agency and receipt time', async () => {
    expect((await page({ filter: { status: ['PROCESSING'] } })).data?.dossiers.edges.map((e) => e.node.code)).toEqual([codes.land]);
    expect((await page({ filter: { channel: 'POSTAL' } })).data?.dossiers.edges.map((e) => e.node.code)).toEqual([codes.postal]);
    expect((await page({ filter: { procedureCode: PROCEDURES.landTransfer.code } })).data?.dossiers.totalCount).toBe(1);
    expect((await page({ filter: { agencyCode: POLICE } })).data?.dossiers.totalCount).toBe(50);
    expect((await page({ filter: { receivedFrom: '2026-12-01T00:00:00+07:00' } })).data?.dossiers.totalCount).toBe(1);
    expect((await page({ filter: { receivedTo: '2026-11-30T23:59:59+07:00' } })).data?.dossiers.totalCount).toBe(51);
  });

  it('filters overdue: computed from due times, the same as the overdue field', async () => {
    const overdue = await page({ filter: { overdue: true }, first: 100 });
    // The driving licences were due Tue 1/12 09:00; the postal request (10 calendar days) Thu 3/12; the land one late December.
    expect(overdue.data?.dossiers.totalCount).toBe(50);
    expect(overdue.data?.dossiers.edges.every((e) => e.node.overdue)).toBe(true);
    const notOverdue = await page({ filter: { overdue: false }, first: 100 });
    expect(notOverdue.data?.dossiers.edges.map((e) => [e.node.code, e.node.overdue])).toEqual([
      [codes.postal, false],
      [codes.land, false],
    ]);
  });

  it('an officer\'s worklist is their agency\'s', async () => {
    expect((await page({}, land)).data?.dossiers.edges.map((e) => e.node.code)).toEqual([codes.land]);
    expect((await page({}, police)).data?.dossiers.totalCount).toBe(50);
  });

  it.each([
    [{ first: 0 }, 'INVALID_INPUT'],
    [{ after: 'bm9wZQ' }, 'INVALID_INPUT'],
    [{ filter: { agencyCode: '000.00.77.H56' } }, 'NOT_FOUND'],
    [{ filter: { procedureCode: '9.999999' } }, 'NOT_FOUND'],
    [{ filter: { receivedFrom: '2026-12-02T00:00:00+07:00', receivedTo: '2026-12-01T00:00:00+07:00' } }, 'INVALID_INPUT'],
  ])('refuses %j with %s', async (variables, code) => {
    const res = await page(variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('costs the same number of statements for 5 and 50 dossiers with procedure, agency, applicant and steps', async () => {
    const count = async (first: number) => {
      statements.length = 0;
      const res = await page({ first, filter: { agencyCode: POLICE } }, police);
      expect(res.data?.dossiers.edges).toHaveLength(first);
      return statements.length;
    };
    const five = await count(5);
    expect(await count(50)).toBe(five);
  });
});
