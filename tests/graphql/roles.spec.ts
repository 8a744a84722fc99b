import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { contractVariables, everyCaller, WHO, type Who } from '../support/contract-variables';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type GraphqlResponse, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { CITIZEN_ID, registryName } from '../support/tokens';

/** ok: answered with data (and, for mutations, no userErrors); otherwise the GraphQL error code. */
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_IMPLEMENTED';


/**
 * Every operation of the contract as every kind of caller (contract README,
 * "Who calls"). The dossier belongs to `citizen` and was received by the
 * police; `otherOfficer` is of the land department.
 */
const EXPECTED: Record<string, Record<Who, Outcome>> = {
  ProcedureCatalog: { anonymous: 'ok', citizen: 'ok', otherCitizen: 'ok', officer: 'ok', otherOfficer: 'ok', supervisor: 'ok' },
  TrackDossier: { anonymous: 'ok', citizen: 'ok', otherCitizen: 'ok', officer: 'ok', otherOfficer: 'ok', supervisor: 'ok' },
  SubmitDossier: { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'ok', officer: 'FORBIDDEN', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  MyDossiers: { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'ok', officer: 'FORBIDDEN', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  // The applicant pays their own dossier (the tracked one owes its catalogue fee); no one else.
  PayFees: { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'FORBIDDEN', officer: 'FORBIDDEN', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  RateDossier: { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'FORBIDDEN', officer: 'FORBIDDEN', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  Worklist: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer: 'ok', otherOfficer: 'ok', supervisor: 'ok' },
  ReceiveDossier: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer: 'ok', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  TransitionDossier: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer: 'ok', otherOfficer: 'FORBIDDEN', supervisor: 'FORBIDDEN' },
  CitizenLookup: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer: 'ok', otherOfficer: 'ok', supervisor: 'FORBIDDEN' },
  ServiceStats: { anonymous: 'UNAUTHENTICATED', citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer: 'ok', otherOfficer: 'ok', supervisor: 'ok' },
};

function outcome(res: GraphqlResponse<Record<string, unknown>>): string {
  if (res.errors && res.errors.length > 0) return res.errors[0]?.extensions?.code ?? 'NO_CODE';
  const root = Object.values(res.data ?? {})[0] as { userErrors?: Array<{ code: string }> } | null;
  if (root && Array.isArray(root.userErrors) && root.userErrors.length > 0) return `userError:${root.userErrors[0]?.code}`;
  return 'ok';
}

describe('who may do what: every contract operation as every role', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let t: TestHub;
  const headers = {} as Record<Who, Record<string, string>>;
  let rateable: string;
  let tracked: string;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    Object.assign(headers, await everyCaller());
    // A returned dossier of `citizen`, to rate (its fee paid at the counter as it was received).
    const done = await receive(t, headers.officer, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    let version = done.version;
    for (const action of ['FORWARD', 'COMPLETE_STEP', 'RETURN']) {
      const res = await transition(t, headers.officer, done.code, action, version);
      version = res.data!.transitionDossier.dossier!.version;
    }
    rateable = done.code;
    tracked = (await receive(t, headers.officer, PROCEDURES.drivingLicence)).code;
  });
  afterAll(async () => {
    await t.stop();
  });

  const variables = (operation: string) => contractVariables(operation, { t, officer: headers.officer, tracked, rateable });

  const cases = Object.keys(EXPECTED).flatMap((operation) => WHO.map((who) => [operation, who] as const));
  it.each(cases)('%s as %s', async (operation, who) => {
    const res = await t.gql(contractOperation(operation), await variables(operation), headers[who]);
    expect(outcome(res)).toBe(EXPECTED[operation][who]);
    if (EXPECTED[operation][who] !== 'ok') expect(res.data === null || Object.values(res.data ?? {})[0] === null).toBe(true);
  });

  it('refused mutations changed nothing: only the allowed ones created dossiers', async () => {
    // Every dossier, closed ones included (the default worklist holds open ones only).
    const list = await t.gql<{ dossiers: { totalCount: number } }>(contractOperation('Worklist'), { filter: { includeClosed: true } }, headers.supervisor);
    // 2 set up + 1 ReceiveDossier by the officer + 6 fresh for TransitionDossier + 2 submissions (citizen, other citizen).
    expect(list.data?.dossiers.totalCount).toBe(11);
  });

  it('the worklist shows an officer only their agency\'s dossiers; a supervisor all', async () => {
    const worklist = contractOperation('Worklist');
    const mine = await t.gql<{ dossiers: { edges: Array<{ node: { code: string; applicant: { fullName: string } } }> } }>(worklist, {}, headers.officer);
    expect(mine.data?.dossiers.edges.map((e) => e.node.code)).toContain(tracked);
    const other = await t.gql<{ dossiers: { edges: unknown[] } }>(worklist, {}, headers.otherOfficer);
    expect(other.data?.dossiers.edges).toEqual([]);
  });

  it('a dossier node is guarded wherever it is reached: another agency\'s officer gets FORBIDDEN and no data', async () => {
    const query = 'query($code: String!) { dossier(code: $code) { code applicant { fullName personalId } } }';
    const refused = await t.gql(query, { code: tracked }, headers.otherOfficer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.data)).not.toContain(registryName(CITIZEN_ID));
    const allowed = await t.gql<{ dossier: { applicant: { fullName: string } } }>(query, { code: tracked }, headers.citizen);
    expect(allowed.data?.dossier.applicant.fullName).toBe(registryName(CITIZEN_ID));
    const stranger = await t.gql(query, { code: tracked }, headers.otherCitizen);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('MyDossiers shows a citizen only their own', async () => {
    const mine = contractOperation('MyDossiers');
    const own = await t.gql<{ myDossiers: { edges: Array<{ node: { code: string } }> } }>(mine, {}, headers.citizen);
    expect(own.data?.myDossiers.edges.map((e) => e.node.code)).toEqual(expect.arrayContaining([rateable, tracked]));
    const other = await t.gql<{ myDossiers: { edges: Array<{ node: { code: string } }> } }>(mine, {}, headers.otherCitizen);
    expect(other.data?.myDossiers.edges.map((e) => e.node.code)).not.toContain(tracked);
  });
});
