import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, supervisor } from '../support/tokens';

const ReceiveDossier = contractOperation('ReceiveDossier');
const SubmitDossier = contractOperation('SubmitDossier');
const POLICE = PROCEDURES.drivingLicence.agency;

type Payload = { dossier: { code: string } | null; userErrors: Array<{ field: string | null; code: string; message: string }> };

/** What a client sees of bad input, over HTTP: INVALID_INPUT with a Vietnamese message, never INTERNAL_SERVER_ERROR, and nothing saved. */
describe('bad input is INVALID_INPUT over HTTP', () => {
  const clock = new TestClock('2026-11-25T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let person: Record<string, string>;
  let sup: Record<string, string>;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    police = await officer(POLICE);
    person = await citizen();
    sup = await supervisor();
    await receive(t, police, PROCEDURES.drivingLicence);
  });
  afterAll(async () => {
    await t.stop();
  });

  const countDossiers = async () => (await t.gql<{ dossiers: { totalCount: number } }>(contractOperation('Worklist'), {}, sup)).data!.dossiers.totalCount;
  const reception = (extra: Record<string, unknown>, applicant: Record<string, unknown> = {}) => ({
    input: {
      procedureCode: PROCEDURES.drivingLicence.code,
      channel: 'COUNTER',
      applicant: { personalId: CITIZEN_ID, consentToken: '123456', ...applicant },
      components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
      ...extra,
    },
  });

  describe('e-mail and phone', () => {
    // The audit's address: its old check took time quadratic in the length (33 s at 160,000 characters).
    const hostile = `a@${'.'.repeat(199_997)}@`;

    it('a 200,000-character hostile e-mail is refused at the counter, and nothing is saved', async () => {
      expect(hostile).toHaveLength(200_000);
      const before = await countDossiers();
      const res = await t.gql<{ receiveDossier: Payload }>(ReceiveDossier, reception({}, { email: hostile }), police);
      expect(res.errors).toBeUndefined();
      expect(res.data?.receiveDossier).toMatchObject({ dossier: null, userErrors: [{ code: 'INVALID_INPUT', field: 'applicant.email' }] });
      expect(res.data?.receiveDossier.userErrors[0]?.message).toContain('200 ký tự');
      expect(await countDossiers()).toBe(before);
    });

    it('the same address is refused online', async () => {
      const res = await t.gql<{ submitDossier: Payload }>(SubmitDossier, { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [], email: hostile } }, person);
      expect(res.data?.submitDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'applicant.email' });
    });

    it('an e-mail longer than its column (200) or a phone longer than its own (20) is INVALID_INPUT, not a database error', async () => {
      const long = await t.gql<{ receiveDossier: Payload }>(ReceiveDossier, reception({}, { email: `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(20)}.vn` }), police);
      expect(long.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'applicant.email' });
      const phone = await t.gql<{ receiveDossier: Payload }>(ReceiveDossier, reception({}, { phone: '+84 912 345 678 90123' }), police);
      expect(phone.errors).toBeUndefined();
      expect(phone.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'applicant.phone' });
    });

    it('an ordinary e-mail and phone are still taken', async () => {
      const res = await t.gql<{ receiveDossier: Payload }>(ReceiveDossier, reception({}, { email: 'hoa@example.vn', phone: '+84 912 345 678' }), police);
      expect(res.data?.receiveDossier.userErrors).toEqual([]);
      expect(res.data?.receiveDossier.dossier?.code).toBeDefined();
    });
  });

  describe('a NUL character (PostgreSQL refuses it in text), in any string that reaches SQL', () => {
    it('in a query argument', async () => {
      const res = await t.gql('query { procedures(agencyCode: "H56\\u0000") { totalCount } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      expect(res.errors?.[0]?.message).toContain('NUL');
    });

    it('in a field of a mutation\'s input, and nothing is saved', async () => {
      const before = await countDossiers();
      const res = await t.gql(ReceiveDossier, reception({ returnMethod: 'POST', deliveryAddress: 'Số 1\u0000 Lê Lợi, Thanh Hóa' }), police);
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      expect(await countDossiers()).toBe(before);
    });

    it('in a variable', async () => {
      const res = await t.gql('query($filter: AccessLogFilter) { citizenAccessLog(filter: $filter) { totalCount } }', { filter: { agencyCode: `${POLICE}\u0000` } }, sup);
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });

    it('in an idempotency key of an online submission', async () => {
      const res = await t.gql(SubmitDossier, { input: { procedureCode: PROCEDURES.drivingLicence.code, components: [], idempotencyKey: 'k\u0000' } }, person);
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });
  });

  describe('paging', () => {
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

    it.each([
      ['a timestamp that is not one', ['not-a-time', 'x']],
      ['a NUL', ['2026-11-25T02:00:00.000Z', 'x\u0000']],
    ])('a malformed after cursor (%s) is INVALID_INPUT on worklists and my dossiers', async (_label, key) => {
      const worklist = await t.gql(contractOperation('Worklist'), { after: cursor(key) }, sup);
      expect(worklist.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      const mine = await t.gql(contractOperation('MyDossiers'), { after: cursor(key) }, person);
      expect(mine.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });

    it('a malformed after cursor on the access log (its id is a uuid) is INVALID_INPUT', async () => {
      const res = await t.gql('query($after: String) { citizenAccessLog(after: $after) { totalCount } }', { after: cursor(['2026-11-25T02:00:00.000Z', 'not-a-uuid']) }, sup);
      expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });

    it('a cursor far longer than any the hub hands out is INVALID_INPUT', async () => {
      const res = await t.gql(contractOperation('ProcedureCatalog'), { after: cursor('1.'.repeat(1000)) });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', field: 'after' } });
    });

    it.each([-1, 0, 201])('first: %i on the document lists is INVALID_INPUT naming the range', async (first) => {
      const mine = await t.gql('query($first: Int) { myDocuments(first: $first) { id } }', { first }, person);
      expect(mine.errors?.[0]).toMatchObject({ message: 'Số bản ghi mỗi trang (first) phải từ 1 đến 200.', extensions: { code: 'INVALID_INPUT', field: 'first' } });
      const held = await t.gql('query($first: Int) { applicantDocuments(personalId: "038095001234", first: $first) { id } }', { first }, police);
      expect(held.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });

    it('first within range still answers', async () => {
      const res = await t.gql<{ myDocuments: unknown[] }>('query { myDocuments(first: 200) { id } }', {}, person);
      expect(res.errors).toBeUndefined();
      expect(Array.isArray(res.data?.myDocuments)).toBe(true);
    });
  });

  describe('DateTime out of range', () => {
    it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:00:00-07:00', '2026-02-30T09:00:00+07:00'])('%s is INVALID_INPUT as a variable and as a literal', async (instant) => {
      const variable = await t.gql(contractOperation('Worklist'), { filter: { receivedFrom: instant } }, sup);
      expect(variable.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      const literal = await t.gql(`query { dossiers(filter: { receivedTo: "${instant}" }) { totalCount } }`, {}, sup);
      expect(literal.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });

    it('the first and last instants of the range are taken', async () => {
      const res = await t.gql<{ dossiers: { totalCount: number } }>(contractOperation('Worklist'), { filter: { receivedFrom: '0001-01-01T00:00:00Z', receivedTo: '9999-12-31T23:59:59+07:00' } }, sup);
      expect(res.errors).toBeUndefined();
      expect(res.data?.dossiers.totalCount).toBeGreaterThan(0);
    });
  });

  describe('the schema is not suggested', () => {
    it.each([
      ['a misspelt field', 'query { procedurez { totalCount } }', /"procedures?"/],
      ['a misspelt argument', 'query { procedures(frist: 1) { totalCount } }', /"first"/],
      ['a misspelt type', 'query($f: DossierFiltr) { dossiers(filter: $f) { totalCount } }', /"DossierFilter"/],
    ])('%s gets no "Did you mean"', async (_label, query, suggestion) => {
      const res = await t.gql(query, {}, sup);
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const error of res.errors ?? []) {
        expect(error.message).not.toContain('Did you mean');
        expect(error.message).not.toMatch(suggestion);
      }
    });

    it('nor does a misspelt enum value in a variable', async () => {
      const res = await t.gql(contractOperation('Worklist'), { filter: { channel: 'COUNTR' } }, sup);
      expect(res.errors?.[0]?.message).toBeDefined();
      expect(res.errors?.[0]?.message).not.toMatch(/Did you mean|"COUNTER"/);
    });
  });
});
