import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';
import { OutboxMessage } from '../../src/outbox/outbox-message.entity';
import { PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { ControlledSimulator, eventually } from '../support/population';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

const POLICE = PROCEDURES.drivingLicence.agency;
const ReceiveDossier = contractOperation('ReceiveDossier');
/** A citizen whose reception carries a code the population database refuses. */
const REFUSED_ID = '040190004321';

interface Applicant {
  fullName: string;
  typedFullName: string | null;
  identityStatus: string;
  dateOfBirth: string | null;
}

/**
 * The population database goes down in the middle of the day and comes back:
 * nothing is lost. Counter receptions go on with typed names and are
 * checked when it is back; online submissions wait; the hub stays ready.
 */
describe('the population database stops and comes back', () => {
  const simulator = new ControlledSimulator();
  let t: TestHub;
  let police: Record<string, string>;
  let sup: Record<string, string>;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    await simulator.start();
    t = await startTestHub({
      env: {
        ...simulator.env(),
        POPULATION_TIMEOUT_MS: '1000',
        POPULATION_RETRIES: '0',
        POPULATION_BREAKER_THRESHOLD: '1000',
        OUTBOX_RETRY_DELAY_SECONDS: '1',
        OUTBOX_POLL_SECONDS: '1',
        OUTBOX_RETRY_LIMIT: '30',
      },
    });
    police = await officer(POLICE);
    sup = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
    await simulator.stop();
  });

  const receive = (personalId: string, fullName?: string, consentToken = '246810') =>
    t.gql<{ receiveDossier: { dossier: { code: string } | null; userErrors: Array<{ code: string; field: string; message: string }> } }>(
      ReceiveDossier,
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          channel: 'COUNTER',
          applicant: { personalId, consentToken, ...(fullName ? { fullName } : {}) },
          components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
        },
      },
      police,
    );
  const applicant = async (code: string) =>
    (await t.gql<{ dossier: { applicant: Applicant } }>('query($code: String!) { dossier(code: $code) { applicant { fullName typedFullName identityStatus dateOfBirth } } }', { code }, sup)).data!.dossier.applicant;
  const count = async () => (await t.gql<{ dossiers: { totalCount: number } }>(contractOperation('Worklist'), {}, sup)).data!.dossiers.totalCount;

  it('while it answers, reception reads the applicant from it', async () => {
    const res = await receive(CITIZEN_ID);
    expect(res.data?.receiveDossier.userErrors).toEqual([]);
    expect(await applicant(res.data!.receiveDossier.dossier!.code)).toMatchObject({ identityStatus: 'VERIFIED' });
  });

  it('when it stops, a counter reception goes on with the typed name, unverified, and its check waits in the outbox', async () => {
    await simulator.stop();
    const sameName = syntheticCitizen(CITIZEN_ID)!.name.full;
    const matching = await receive(CITIZEN_ID, sameName.toUpperCase());
    const mistyped = await receive(OTHER_CITIZEN_ID, 'Hoàng Văn Nam');
    expect(matching.data?.receiveDossier.userErrors).toEqual([]);
    expect(mistyped.data?.receiveDossier.userErrors).toEqual([]);
    codes.matching = matching.data!.receiveDossier.dossier!.code;
    codes.mistyped = mistyped.data!.receiveDossier.dossier!.code;
    // A code the database would refuse cannot be checked now: the reception is saved, unverified (audit finding 3).
    const badConsent = await receive(REFUSED_ID, 'Đỗ Thị Mai', 'sai-ma');
    expect(badConsent.data?.receiveDossier.userErrors).toEqual([]);
    codes.badConsent = badConsent.data!.receiveDossier.dossier!.code;
    expect(await applicant(codes.mistyped)).toEqual({ fullName: 'Hoàng Văn Nam', typedFullName: 'Hoàng Văn Nam', identityStatus: 'PENDING', dateOfBirth: null });
    const pending = await t.gql<{ outboxMessages: { totalCount: number; edges: Array<{ node: { topic: string; status: string; payload: { dossierCode: string } } }> } }>(
      '{ outboxMessages(status: PENDING) { totalCount edges { node { topic status payload } } } }',
      {},
      sup,
    );
    expect(pending.data?.outboxMessages.edges.map((e) => e.node.payload.dossierCode).sort()).toEqual([codes.matching, codes.mistyped, codes.badConsent].sort());
    // The check keeps the reception's consent code, and supervisors never read it.
    expect(JSON.stringify(pending.data)).not.toMatch(/246810|sai-ma/);
    expect(pending.data?.outboxMessages.edges[0]?.node.payload).toMatchObject({ consentToken: '[masked]' });
  });

  it('without a typed name the officer is told to type one; nothing is saved', async () => {
    const before = await count();
    const res = await receive(CITIZEN_ID);
    expect(res.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.applicant.fullName' });
    expect(await count()).toBe(before);
  });

  it('an online submission cannot go on: UPSTREAM_UNAVAILABLE, nothing saved', async () => {
    const before = await count();
    const res = await t.gql(
      contractOperation('SubmitDossier'),
      { input: { procedureCode: PROCEDURES.drivingLicence.code, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
      await citizen(),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.data).toBeNull();
    expect(await count()).toBe(before);
  });

  it('a CitizenLookup is UPSTREAM_UNAVAILABLE; the hub stays ready, reported degraded', async () => {
    const res = await t.gql(contractOperation('CitizenLookup'), { personalId: CITIZEN_ID, purpose: 'Tiếp nhận hồ sơ' }, police);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { database: { ok: true }, population: { ok: false } } });
  });

  it('when it is back, the waiting checks are delivered: verified, or flagged when the typed name differs', async () => {
    await simulator.start();
    await eventually(
      async () => (await Promise.all([codes.mistyped, codes.matching, codes.badConsent].map(applicant))).every((a) => a.identityStatus !== 'PENDING'),
      30_000,
      'verification',
    );
    expect(await applicant(codes.matching)).toMatchObject({ identityStatus: 'VERIFIED', fullName: syntheticCitizen(CITIZEN_ID)!.name.full });
    const other = syntheticCitizen(OTHER_CITIZEN_ID)!;
    expect(await applicant(codes.mistyped)).toEqual({ fullName: other.name.full, typedFullName: 'Hoàng Văn Nam', identityStatus: 'MISMATCH', dateOfBirth: other.dateOfBirth });
    const history = await t.gql<{ dossier: { history: Array<{ action: string; actor: string; note: string }> } }>(
      'query($code: String!) { dossier(code: $code) { history { action actor note } } }',
      { code: codes.mistyped },
      sup,
    );
    expect(history.data?.dossier.history.filter((h) => h.action === 'VERIFY_IDENTITY')).toHaveLength(1);
    const messages = await t.hub.database.fork().find(OutboxMessage, {});
    expect(messages.map((m) => String(m.status))).toEqual(messages.map(() => 'DELIVERED'));
    // The checks rest on the consent each reception carried (never on another basis), and are in the access log.
    const checks = simulator.seen().filter((r) => r.consentKind === 'OTP' && r.answer === 'FOUND');
    expect(checks.map((r) => r.personalId)).toEqual(expect.arrayContaining([CITIZEN_ID, OTHER_CITIZEN_ID]));
    expect(simulator.seen().filter((r) => r.consentKind === 'CO_SO_PHAP_LY')).toEqual([]);
    const log = await t.gql<{ citizenAccessLog: { edges: Array<{ node: { dossierCode: string; basis: string; outcome: string; actorId: string } }> } }>(
      `query { citizenAccessLog(filter: { personalId: "${OTHER_CITIZEN_ID}" }) { edges { node { dossierCode basis outcome actorId } } } }`,
      {},
      sup,
    );
    expect(log.data?.citizenAccessLog.edges.map((e) => e.node)).toContainEqual({ dossierCode: codes.mistyped, basis: 'OTP', outcome: 'FOUND', actorId: 'lienthong-hub' });
  });

  it('a reception whose consent the database refuses is never read on another basis (audit finding 3)', async () => {
    expect(await applicant(codes.badConsent)).toEqual({ fullName: 'Đỗ Thị Mai', typedFullName: 'Đỗ Thị Mai', identityStatus: 'CONSENT_REFUSED', dateOfBirth: null });
    const asked = simulator.seen().filter((r) => r.personalId === REFUSED_ID);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.consentKind === 'OTP' && r.answer === 'CONSENT_REFUSED')).toBe(true);
    const dossier = await t.gql<{ dossier: { applicant: Record<string, unknown>; history: Array<{ action: string; note: string }> } }>(
      'query($code: String!) { dossier(code: $code) { applicant { permanentAddress currentAddress gender } history { action note } } }',
      { code: codes.badConsent },
      sup,
    );
    expect(dossier.data?.dossier.applicant).toEqual({ permanentAddress: null, currentAddress: null, gender: null });
    expect(dossier.data?.dossier.history.find((h) => h.action === 'VERIFY_IDENTITY')?.note).toMatch(/không chấp nhận mã xác nhận/);
    const log = await t.gql<{ citizenAccessLog: { edges: Array<{ node: { basis: string; outcome: string } }> } }>(
      `query { citizenAccessLog(filter: { personalId: "${REFUSED_ID}" }) { edges { node { basis outcome } } } }`,
      {},
      sup,
    );
    expect(log.data?.citizenAccessLog.edges.map((e) => e.node)).toContainEqual({ basis: 'OTP', outcome: 'CONSENT_REFUSED' });
    expect(log.data?.citizenAccessLog.edges.map((e) => e.node.basis)).not.toContain('LEGAL_BASIS');
  });
});
