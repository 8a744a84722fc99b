import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';
import { TestClock } from '../support/clock';
import { PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

const CitizenLookup = contractOperation('CitizenLookup');
const SubmitDossier = contractOperation('SubmitDossier');
const ReceiveDossier = contractOperation('ReceiveDossier');
const POLICE = PROCEDURES.drivingLicence.agency;

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF`).toString('base64');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');

interface Submitted {
  submitDossier: {
    dossier: {
      code: string;
      status: string;
      channel: string;
      applicant: { personalId: string; fullName: string; dateOfBirth: string; permanentAddress: string };
      components: Array<{ code: string; name: string; documentId: string | null; reused: boolean }>;
      fees: Array<{ code: string; amount: number; paid: boolean }>;
      returnMethod: string;
    } | null;
    userErrors: Array<{ field: string | null; code: string; message: string }>;
  };
}

describe('paperless intake with the population simulator', () => {
  const clock = new TestClock('2026-11-25T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let person: Record<string, string>;
  let other: Record<string, string>;
  let sup: Record<string, string>;
  const record = syntheticCitizen(CITIZEN_ID)!;

  beforeAll(async () => {
    t = await startTestHub({ clock, env: { DOCUMENT_MAX_BYTES: '2048' } });
    police = await officer(POLICE, 'Nguyễn Văn Công An');
    person = await citizen();
    other = await citizen(OTHER_CITIZEN_ID);
    sup = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
  });

  const countDossiers = async () => (await t.gql<{ dossiers: { totalCount: number } }>(contractOperation('Worklist'), {}, sup)).data!.dossiers.totalCount;

  describe('CitizenLookup', () => {
    it('answers an officer with the citizen the population database holds', async () => {
      const res = await t.gql<{ citizen: Record<string, unknown> }>(CitizenLookup, { personalId: CITIZEN_ID, purpose: 'Tiếp nhận hồ sơ đổi giấy phép lái xe' }, police);
      expect(res.errors).toBeUndefined();
      expect(res.data?.citizen).toEqual({
        personalId: CITIZEN_ID,
        fullName: record.name.full,
        dateOfBirth: record.dateOfBirth,
        gender: record.gender,
        permanentAddress: record.permanentAddress.text,
        currentAddress: record.currentAddress.text,
      });
    });

    it('answers null for an id the database does not hold', async () => {
      const res = await t.gql(CitizenLookup, { personalId: '038095001000', purpose: 'Tiếp nhận hồ sơ' }, police);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ citizen: null });
    });

    it.each([
      [{ personalId: '12345', purpose: 'Tiếp nhận hồ sơ' }, 'INVALID_INPUT'],
      [{ personalId: CITIZEN_ID, purpose: '  ' }, 'INVALID_INPUT'],
    ])('refuses %j with %s', async (variables, code) => {
      expect((await t.gql(CitizenLookup, variables, police)).errors?.[0]?.extensions?.code).toBe(code);
    });

    it('a wrong one-time code is CONSENT_REQUIRED', async () => {
      const res = await t.gql('query($id: String!) { citizen(personalId: $id, purpose: "Tiếp nhận hồ sơ", consentToken: "12ab") { fullName } }', { id: CITIZEN_ID }, police);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
    });

    it('every call, answered or not, is in the access log, which supervisors read and no one rewrites', async () => {
      const log = await t.gql<{ citizenAccessLog: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
        'query { citizenAccessLog(first: 50) { totalCount edges { node { requestId actorId actorName agencyCode personalId purpose dossierCode basis outcome at answeredAt } } } }',
        {},
        sup,
      );
      expect(log.errors).toBeUndefined();
      const outcomes = log.data!.citizenAccessLog.edges.map((e) => [e.node.personalId, e.node.outcome, e.node.basis]);
      expect(outcomes).toEqual(
        expect.arrayContaining([
          [CITIZEN_ID, 'FOUND', 'LEGAL_BASIS'],
          ['038095001000', 'NOT_FOUND', 'LEGAL_BASIS'],
          [CITIZEN_ID, 'CONSENT_REFUSED', 'OTP'],
        ]),
      );
      const first = log.data!.citizenAccessLog.edges.find((e) => e.node.outcome === 'FOUND')!.node;
      expect(first).toMatchObject({ actorName: 'Nguyễn Văn Công An', agencyCode: POLICE, purpose: 'Tiếp nhận hồ sơ đổi giấy phép lái xe' });
      // Refused lookups for bad input never reached the database, and are not in the log.
      expect(log.data!.citizenAccessLog.totalCount).toBe(3);
      const em = t.hub.database.fork();
      await expect(em.execute(`update citizen_access_log set purpose = 'sửa' where personal_id = '${CITIZEN_ID}'`)).rejects.toThrow(/append-only/);
      await expect(em.execute('delete from citizen_access_log')).rejects.toThrow(/append-only/);
      await expect(em.execute('truncate citizen_access_log')).rejects.toThrow(/append-only/);
      expect((await t.gql('query { citizenAccessLog { totalCount } }', {}, police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('SubmitDossier', () => {
    let firstDocument: string;

    it('takes the applicant from the population database, uploads documents, copies fees', async () => {
      const res = await t.gql<Submitted>(
        SubmitDossier,
        {
          input: {
            procedureCode: PROCEDURES.drivingLicence.code,
            components: [
              { code: '3.000347.TP01', fileName: 'to-khai.pdf', contentType: 'application/pdf', contentBase64: pdf('tờ khai') },
              { code: '3.000347.TP03', fileName: 'anh.png', contentType: 'image/png', contentBase64: png },
            ],
            email: 'hoa@example.vn',
            idempotencyKey: 'web-1',
          },
        },
        person,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.submitDossier.userErrors).toEqual([]);
      const dossier = res.data!.submitDossier.dossier!;
      expect(dossier).toMatchObject({
        status: 'SUBMITTED',
        channel: 'ONLINE',
        returnMethod: 'COUNTER',
        applicant: { personalId: CITIZEN_ID, fullName: record.name.full, dateOfBirth: record.dateOfBirth, permanentAddress: record.permanentAddress.text },
        fees: [{ code: 'LP01', amount: 115000, paid: false }],
      });
      expect(dossier.components.every((c) => c.documentId !== null && !c.reused)).toBe(true);
      firstDocument = dossier.components[0].documentId!;
    });

    it('the same idempotency key again gives the same dossier', async () => {
      const again = await t.gql<Submitted>(
        SubmitDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [{ code: '3.000347.TP01' }, { code: '3.000347.TP03' }], idempotencyKey: 'web-1' } },
        person,
      );
      const mine = await t.gql<{ myDossiers: { totalCount: number } }>(contractOperation('MyDossiers'), {}, person);
      expect(again.data?.submitDossier.dossier?.code).toBeDefined();
      expect(mine.data?.myDossiers.totalCount).toBe(1);
    });

    it('a second dossier of the same citizen reuses a document of the first instead of uploading it again', async () => {
      const offered = await t.gql<{ myDocuments: Array<{ id: string; fileName: string; sha256: string }> }>('{ myDocuments { id fileName contentType size sha256 } }', {}, person);
      expect(offered.data?.myDocuments.map((d) => d.id)).toContain(firstDocument);
      const res = await t.gql<Submitted>(
        SubmitDossier,
        {
          input: {
            procedureCode: PROCEDURES.drivingLicence.code,
            components: [{ code: '3.000347.TP01', reuseDocumentId: firstDocument }, { code: '3.000347.TP03', contentType: 'image/png', contentBase64: png }],
          },
        },
        person,
      );
      expect(res.data?.submitDossier.userErrors).toEqual([]);
      const components = res.data!.submitDossier.dossier!.components;
      expect(components[0]).toMatchObject({ documentId: firstDocument, reused: true });
      // The same picture again is stored once: it points at the document already held.
      expect(components[1]?.documentId).not.toBeNull();
      const blobs = await t.hub.database.fork().execute<Array<{ n: string }>>('select count(*) as n from document_blob');
      expect(Number(blobs[0]?.n)).toBe(2);
    });

    it('never reuses another citizen\'s document, and saves nothing then', async () => {
      const before = (await t.gql<{ myDossiers: { totalCount: number } }>(contractOperation('MyDossiers'), {}, other)).data!.myDossiers.totalCount;
      const res = await t.gql<Submitted>(
        SubmitDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [{ code: '3.000347.TP01', reuseDocumentId: firstDocument }, { code: '3.000347.TP03' }] } },
        other,
      );
      expect(res.data?.submitDossier.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'components[0].reuseDocumentId' });
      expect((await t.gql<{ myDossiers: { totalCount: number } }>(contractOperation('MyDossiers'), {}, other)).data!.myDossiers.totalCount).toBe(before);
    });

    it.each([
      ['bad base64', { contentType: 'application/pdf', contentBase64: '%%%not-base64' }, 'components[0].contentBase64'],
      ['a type not allowed', { contentType: 'application/zip', contentBase64: Buffer.from('PK\u0003\u0004').toString('base64') }, 'components[0].contentType'],
      ['content that is not what it claims', { contentType: 'application/pdf', contentBase64: png }, 'components[0].contentBase64'],
      ['a file over the size limit', { contentType: 'application/pdf', contentBase64: pdf('x'.repeat(4096)) }, 'components[0].contentBase64'],
      ['both an upload and a reuse', { contentType: 'application/pdf', contentBase64: pdf('a'), reuseDocumentId: '00000000-0000-4000-8000-000000000000' }, 'components[0]'],
    ])('%s is INVALID_INPUT and saves nothing', async (_label, component, field) => {
      const before = await countDossiers();
      const blobs = async () => Number((await t.hub.database.fork().execute<Array<{ n: string }>>('select count(*) as n from document_blob'))[0]?.n);
      const blobsBefore = await blobs();
      const res = await t.gql<Submitted>(
        SubmitDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [{ code: '3.000347.TP01', ...component }, { code: '3.000347.TP03' }] } },
        person,
      );
      expect(res.data?.submitDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field });
      expect(await countDossiers()).toBe(before);
      expect(await blobs()).toBe(blobsBefore);
    });
  });

  describe('ReceiveDossier', () => {
    it('reads the applicant with the one-time code the citizen gave; the log names the dossier', async () => {
      const res = await t.gql<{ receiveDossier: { dossier: { code: string }; userErrors: unknown[] } }>(
        ReceiveDossier,
        {
          input: {
            procedureCode: PROCEDURES.drivingLicence.code,
            channel: 'COUNTER',
            applicant: { personalId: OTHER_CITIZEN_ID, consentToken: '654321', fullName: 'Tên gõ nhầm' },
            components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
          },
        },
        police,
      );
      expect(res.data?.receiveDossier.userErrors).toEqual([]);
      const code = res.data!.receiveDossier.dossier.code;
      const view = await t.gql<{ dossier: { applicant: { fullName: string; identityStatus: string; identityVerified: boolean } } }>(
        'query($code: String!) { dossier(code: $code) { applicant { fullName identityStatus identityVerified } } }',
        { code },
        police,
      );
      // While the database answers, what the officer typed is ignored.
      expect(view.data?.dossier.applicant).toEqual({ fullName: syntheticCitizen(OTHER_CITIZEN_ID)!.name.full, identityStatus: 'VERIFIED', identityVerified: true });
      const log = await t.gql<{ citizenAccessLog: { edges: Array<{ node: { dossierCode: string | null; basis: string } }> } }>(
        `query { citizenAccessLog(filter: { personalId: "${OTHER_CITIZEN_ID}" }) { edges { node { dossierCode basis } } } }`,
        {},
        sup,
      );
      expect(log.data?.citizenAccessLog.edges.map((e) => e.node)).toContainEqual({ dossierCode: code, basis: 'OTP' });
    });

    it('without the citizen\'s one-time code it is CONSENT_REQUIRED and saves nothing', async () => {
      const before = await countDossiers();
      const res = await t.gql<{ receiveDossier: { dossier: null; userErrors: Array<{ code: string; field: string }> } }>(
        ReceiveDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, channel: 'COUNTER', applicant: { personalId: CITIZEN_ID }, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
        police,
      );
      expect(res.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'CONSENT_REQUIRED', field: 'input.applicant.consentToken' });
      expect(await countDossiers()).toBe(before);
    });

    it('a reception the officer may not make (another agency\'s procedure) opens nobody\'s record (audit: it was looked up and logged)', async () => {
      const before = await countDossiers();
      const landOfficer = await officer(PROCEDURES.landTransfer.agency);
      const res = await t.gql<{ receiveDossier: { dossier: null } | null }>(
        ReceiveDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, channel: 'COUNTER', applicant: { personalId: '001190007777', consentToken: '123456' }, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
        landOfficer,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await countDossiers()).toBe(before);
      const log = await t.gql<{ citizenAccessLog: { totalCount: number } }>('{ citizenAccessLog(filter: { personalId: "001190007777" }) { totalCount } }', {}, sup);
      expect(log.data?.citizenAccessLog.totalCount).toBe(0);
    });

    it('an id the database does not hold is NOT_FOUND', async () => {
      const res = await t.gql<{ receiveDossier: { userErrors: Array<{ code: string }> } }>(
        ReceiveDossier,
        { input: { procedureCode: PROCEDURES.drivingLicence.code, channel: 'COUNTER', applicant: { personalId: '038095001000', consentToken: '111111' }, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
        police,
      );
      expect(res.data?.receiveDossier.userErrors[0]?.code).toBe('NOT_FOUND');
    });
  });

  describe('digitizedRate and connectors', () => {
    it('ServiceStats counts digitised and reused components', async () => {
      // Accept the online ones so that they count as received.
      const list = await t.gql<{ dossiers: { edges: Array<{ node: { code: string; status: string; version: number } }> } }>(contractOperation('Worklist'), { filter: { status: ['SUBMITTED'] } }, sup);
      for (const edge of list.data!.dossiers.edges) {
        await t.gql(contractOperation('TransitionDossier'), { code: edge.node.code, action: 'ACCEPT', expectedVersion: edge.node.version }, police);
      }
      const stats = await t.gql<{ serviceStats: { received: number; digitizedRate: number } }>(contractOperation('ServiceStats'), { from: '2026-11-01', to: '2026-11-30' }, sup);
      // Two online dossiers with 2 documents each, one counter dossier with 2 components and no file: 4 of 6.
      expect(stats.data?.serviceStats.received).toBe(3);
      expect(stats.data?.serviceStats.digitizedRate).toBeCloseTo(4 / 6);
    });

    it('supervisors see the population connector\'s health; /readyz shows it', async () => {
      const res = await t.gql<{ connectors: Array<{ name: string; mode: string; ok: boolean; breaker: string; protocol: string }> }>(
        '{ connectors { name system protocol mode url ok latencyMs breaker error checkedAt } }',
        {},
        sup,
      );
      expect(res.data?.connectors).toEqual([
        expect.objectContaining({ name: 'population', protocol: 'SOAP', mode: 'simulator', ok: true, breaker: 'closed' }),
        expect.objectContaining({ name: 'payment', protocol: 'HTTP', mode: 'simulator', ok: true, breaker: 'closed' }),
        expect.objectContaining({ name: 'postal', protocol: 'HTTP', mode: 'simulator', ok: true, breaker: 'closed' }),
        expect.objectContaining({ name: 'portal', system: 'Cổng Dịch vụ công quốc gia', protocol: 'HTTP', mode: 'simulator', ok: true, breaker: 'closed' }),
      ]);
      expect((await t.gql('{ connectors { name } }', {}, police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const ready = (await (await fetch(`${t.url}/readyz`)).json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(ready).toMatchObject({ status: 'ready', checks: { database: { ok: true }, population: { ok: true }, payment: { ok: true }, postal: { ok: true }, portal: { ok: true } } });
    });
  });
});
