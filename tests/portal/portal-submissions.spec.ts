import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { portalConnector } from '../../connectors';
import type { SubmissionMessage } from '../../connectors/portal/portal.protocol';
import type { PortalSimulator } from '../../connectors/portal/portal.simulator';
import { Dossier } from '../../src/dossiers';
import { TestClock } from '../support/clock';
import { SAMPLE_PDF_BASE64 } from '../support/departments';
import { PROCEDURES, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { CITIZEN_ID, officer, supervisor } from '../support/tokens';

const PULL = `mutation { pullPortalSubmissions { listed created alreadyTaken failed unacknowledged } }`;
const LIST = `query List($status: PortalSubmissionStatus) { portalSubmissions(status: $status, first: 50) { totalCount edges { node { portalCode source procedureCode applicantName submittedAt dossierCode attempts lastError acknowledgedAt status } } } }`;
const DOSSIER = `query D($code: String!) { dossier(code: $code) { code status channel submittedAt applicant { fullName personalId identityVerified }
  components { code fileName } portalSubmission { portalCode source status } history { action note } } }`;

interface PullAnswer {
  pullPortalSubmissions: { listed: number; created: number; alreadyTaken: number; failed: number; unacknowledged: number };
}
interface Submission {
  portalCode: string;
  source: string | null;
  procedureCode: string;
  applicantName: string;
  submittedAt: string | null;
  dossierCode: string | null;
  attempts: number;
  lastError: string | null;
  acknowledgedAt: string | null;
  status: string;
}
interface ListAnswer {
  portalSubmissions: { totalCount: number; edges: Array<{ node: Submission }> };
}

let serial = 0;
/** A criminal-record request filed through VNeID, as the portal lists it. */
function filed(overrides: Partial<SubmissionMessage> = {}): SubmissionMessage {
  serial++;
  return {
    MaHoSo: `G22.99-261207-${String(serial).padStart(4, '0')}`,
    NguonNop: '2',
    MaTTHC: PROCEDURES.criminalRecord.code,
    MaDonViTiepNhan: PROCEDURES.criminalRecord.agency,
    NgayNopHoSo: '20261207081500',
    ChuHoSo: 'Nguyễn Văn An',
    SoDinhDanh: CITIZEN_ID,
    SoDienThoai: '0912345678',
    Email: 'an@example.vn',
    TaiKhoanDuocXacThucVoiVNeID: '1',
    TrichYeuHoSo: 'Cấp Phiếu lý lịch tư pháp số 1',
    HinhThuc: '0',
    DiaChiNhanKetQua: '',
    TepDinhKem: PROCEDURES.criminalRecord.components.map((code) => ({ MaThanhPhanHoSo: code, TenTepDinhKem: `${code}.pdf`, LoaiTep: 'application/pdf', DuLieuTepDinhKem: SAMPLE_PDF_BASE64 })),
    ...overrides,
  };
}

/**
 * Issue 14, item 3: dossiers filed on the national portal or VNeID are
 * pulled into the hub as online submissions, with the portal's code kept,
 * acknowledged to the portal, and never made twice; one the hub cannot take
 * stays in sight with its reason and is taken once fixed; an outage loses
 * nothing.
 */
describe('pulling the dossiers filed on the national portal', () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let sup: Record<string, string>;
  let simulator: PortalSimulator;

  const pull = async () => {
    const res = await t.gql<PullAnswer>(PULL, {}, sup);
    expect(res.errors).toBeUndefined();
    return res.data!.pullPortalSubmissions;
  };
  const list = async (status: string | null = null) => (await t.gql<ListAnswer>(LIST, { status }, sup)).data!.portalSubmissions.edges.map((e) => e.node);
  const find = async (portalCode: string) => (await list()).find((s) => s.portalCode === portalCode);
  const dossiersOf = (portalCode: string) => t.hub.database.fork().count(Dossier, { idempotencyKey: portalCode });

  beforeAll(async () => {
    t = await startTestHub({ clock });
    sup = await supervisor();
    simulator = t.hub.connectors.get(portalConnector, 'portal').simulator!;
  });
  beforeEach(() => {
    simulator.down = false;
    simulator.failServices = [];
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a VNeID submission becomes one hub dossier, SUBMITTED online with its files, and the portal hears the hub code', async () => {
    const submission = filed();
    simulator.submit(submission);
    expect(await pull()).toEqual({ listed: 1, created: 1, alreadyTaken: 0, failed: 0, unacknowledged: 0 });

    const record = (await find(submission.MaHoSo))!;
    expect(record).toMatchObject({ source: 'VNEID', procedureCode: '3.000333', applicantName: 'Nguyễn Văn An', status: 'IMPORTED', lastError: null, attempts: 1 });
    expect(record.submittedAt).toBe('2026-12-07T08:15:00+07:00');
    expect(record.dossierCode).toMatch(/^000\.00\.91\.H56-261207-\d{4}$/);
    expect(simulator.acknowledged.get(submission.MaHoSo)).toBe(record.dossierCode);

    const read = await t.gql<{ dossier: Record<string, unknown> }>(DOSSIER, { code: record.dossierCode }, sup);
    expect(read.errors).toBeUndefined();
    const dossier = read.data!.dossier;
    expect(dossier).toMatchObject({
      status: 'SUBMITTED',
      channel: 'ONLINE',
      submittedAt: '2026-12-07T08:15:00+07:00',
      applicant: { fullName: 'Nguyễn Văn An', personalId: CITIZEN_ID, identityVerified: false },
      portalSubmission: { portalCode: submission.MaHoSo, source: 'VNEID', status: 'IMPORTED' },
    });
    expect((dossier.components as Array<{ code: string }>).map((c) => c.code)).toEqual([...PROCEDURES.criminalRecord.components]);
    const history = dossier.history as Array<{ action: string; note: string | null }>;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'SUBMIT' });
    expect(history[0].note).toContain(submission.MaHoSo);

    // Acknowledged: the portal lists it no more, and a second pull makes nothing.
    expect(await pull()).toEqual({ listed: 0, created: 0, alreadyTaken: 0, failed: 0, unacknowledged: 0 });
    expect(await dossiersOf(submission.MaHoSo)).toBe(1);

    // A hub dossier like any other: the receiving agency's officer receives it.
    const police = await officer(PROCEDURES.criminalRecord.agency);
    const accepted = await transition(t, police, record.dossierCode!, 'ACCEPT', 1);
    expect(accepted.data?.transitionDossier.userErrors).toEqual([]);
    expect(accepted.data?.transitionDossier.dossier?.status).toBe('RECEIVED');
  });

  it('an acknowledgement lost is sent again at the next pull, and the submission listed again is never made twice', async () => {
    const submission = filed({ NguonNop: '1', TaiKhoanDuocXacThucVoiVNeID: '0' });
    simulator.submit(submission);
    simulator.failServices = ['CapNhatDaNhanHoSo'];
    expect(await pull()).toMatchObject({ listed: 1, created: 1, unacknowledged: 1 });
    const waiting = (await find(submission.MaHoSo))!;
    expect(waiting.status).toBe('AWAITING_ACKNOWLEDGEMENT');
    expect(waiting.lastError).toContain(waiting.dossierCode!);
    expect(simulator.acknowledged.has(submission.MaHoSo)).toBe(false);

    simulator.failServices = [];
    expect(await pull()).toEqual({ listed: 1, created: 0, alreadyTaken: 1, failed: 0, unacknowledged: 0 });
    const done = (await find(submission.MaHoSo))!;
    expect(done).toMatchObject({ status: 'IMPORTED', source: 'DVCQG', dossierCode: waiting.dossierCode, lastError: null, attempts: 2 });
    expect(simulator.acknowledged.get(submission.MaHoSo)).toBe(waiting.dossierCode);
    expect(await dossiersOf(submission.MaHoSo)).toBe(1);
  });

  it('two pulls at once (two hub processes) make one dossier of a submission', async () => {
    const submission = filed();
    simulator.submit(submission);
    const [a, b] = await Promise.all([t.hub.portal.pull(), t.hub.portal.pull()]);
    expect(a.created + b.created).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    expect(await dossiersOf(submission.MaHoSo)).toBe(1);
    expect((await find(submission.MaHoSo))!.status).toBe('IMPORTED');
  });

  it('one the hub cannot take stays in sight with its reason, does not stop the others, and is taken once the portal fixes it', async () => {
    const unknown = filed({ MaTTHC: '9.999999' });
    const incomplete = filed({ TepDinhKem: [] });
    const badId = filed({ SoDinhDanh: '12345' });
    const good = filed();
    for (const s of [unknown, incomplete, badId, good]) simulator.submit(s);
    expect(await pull()).toMatchObject({ listed: 4, created: 1, failed: 3 });

    const failed = await list('FAILED');
    const reasons = new Map(failed.map((s) => [s.portalCode, s.lastError]));
    expect(reasons.get(unknown.MaHoSo)).toContain('9.999999');
    expect(reasons.get(incomplete.MaHoSo)).toMatch(/thiếu thành phần/);
    expect(reasons.get(badId.MaHoSo)).toContain('applicant.personalId');
    expect(failed.every((s) => s.dossierCode === null)).toBe(true);
    for (const s of [unknown, incomplete, badId]) {
      expect(simulator.acknowledged.has(s.MaHoSo)).toBe(false);
      expect(await dossiersOf(s.MaHoSo)).toBe(0);
    }
    expect((await find(good.MaHoSo))!.status).toBe('IMPORTED');

    // Still listed, tried again, still failing: counted, nothing made.
    expect(await pull()).toMatchObject({ listed: 3, created: 0, failed: 3 });
    expect((await find(incomplete.MaHoSo))!.attempts).toBe(2);

    // The portal fixes one (the citizen adds the files): the next pull takes it.
    simulator.submit({ ...incomplete, TepDinhKem: good.TepDinhKem });
    expect(await pull()).toMatchObject({ listed: 3, created: 1, failed: 2 });
    expect(await find(incomplete.MaHoSo)).toMatchObject({ status: 'IMPORTED', lastError: null, attempts: 3 });
    expect(await dossiersOf(incomplete.MaHoSo)).toBe(1);
    // Clear the rest for the tests after.
    for (const s of [unknown, badId]) simulator.submit({ ...s, MaTTHC: good.MaTTHC, SoDinhDanh: good.SoDinhDanh });
    expect(await pull()).toMatchObject({ created: 2, failed: 0 });
  });

  it('a portal that cannot be reached fails the pull with a clear error and loses nothing', async () => {
    const submission = filed();
    simulator.submit(submission);
    simulator.down = true;
    const res = await t.gql<PullAnswer>(PULL, {}, sup);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await dossiersOf(submission.MaHoSo)).toBe(0);
    expect(await find(submission.MaHoSo)).toBeUndefined();

    simulator.down = false;
    // The breaker may still be open from the outage: the scheduled job tries again later; here, until it closes.
    let result: PullAnswer['pullPortalSubmissions'] | undefined;
    for (let i = 0; i < 50 && !result; i++) {
      const again = await t.gql<PullAnswer>(PULL, {}, sup);
      if (again.data) result = again.data.pullPortalSubmissions;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(result).toMatchObject({ listed: 1, created: 1 });
    expect(await dossiersOf(submission.MaHoSo)).toBe(1);
  });

  it('only supervisors pull and list; an officer and a citizen are refused', async () => {
    const police = await officer(PROCEDURES.criminalRecord.agency);
    for (const query of [PULL, LIST]) {
      const res = await t.gql(query, {}, police);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.gql(LIST, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
