import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '../../connectors';
import type { ProcedureMessage } from '../../connectors/portal/portal.protocol';
import type { PortalSimulator } from '../../connectors/portal/portal.simulator';
import { Dossier } from '../../src/dossiers';
import { portalRecordOf } from '../../src/portal';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer, supervisor } from '../support/tokens';

const REVIEW_FIELDS = `id checkedAt nationalCount appliedAt appliedBy changes { procedureCode kind name before after applicable note }`;
const CHECK = `mutation { checkNationalCatalogue { ${REVIEW_FIELDS} } }`;
const REVIEW = `query R($id: ID) { catalogueReview(id: $id) { ${REVIEW_FIELDS} } }`;
const APPLY = `mutation A($id: ID!) { applyCatalogueReview(id: $id) { review { ${REVIEW_FIELDS} } userErrors { code field message } } }`;
const PROCEDURE = `query P($code: String!) { procedure(code: $code) { code name version retiredAt channels { channel processingTime { amount unit } fees { code amount } } } }`;
const DOSSIER = `query D($code: String!) { dossier(code: $code) { dueAt procedureVersion { version name times { channel amount unit } fees { channel code amount } change } } }`;

interface Change {
  procedureCode: string;
  kind: string;
  name: string;
  before: string | null;
  after: string | null;
  applicable: boolean;
  note: string | null;
}
interface Review {
  id: string;
  checkedAt: string;
  nationalCount: number;
  appliedAt: string | null;
  appliedBy: string | null;
  changes: Change[];
}
interface ProcedureAnswer {
  procedure: {
    name: string;
    version: number;
    retiredAt: string | null;
    channels: Array<{ channel: string; processingTime: { amount: number; unit: string } | null; fees: Array<{ code: string; amount: number }> }>;
  };
}

const RENAMED = 'Đổi giấy phép lái xe do ngành Công an cấp';

/**
 * Issue 14, item 4: the national catalogue is compared with the hub's and
 * what changed is shown before anything is applied; applying makes new
 * procedure versions, and dossiers already received keep theirs.
 */
describe("following the national catalogue", () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let sup: Record<string, string>;
  let police: Record<string, string>;
  let simulator: PortalSimulator;
  let original: ProcedureMessage[];
  let checks = 0;

  const check = async (): Promise<Review> => {
    // Each comparison a second after the one before, whatever the receptions set the clock to: the latest is the one shown.
    checks++;
    clock.set(new Date(Date.parse('2026-12-07T12:00:00+07:00') + checks * 1000).toISOString());
    const res = await t.gql<{ checkNationalCatalogue: Review }>(CHECK, {}, sup);
    expect(res.errors).toBeUndefined();
    return res.data!.checkNationalCatalogue;
  };
  const apply = async (id: string) => (await t.gql<{ applyCatalogueReview: { review: Review | null; userErrors: Array<{ code: string; message: string }> } }>(APPLY, { id }, sup)).data!.applyCatalogueReview;
  const procedure = async (code: string) => (await t.gql<ProcedureAnswer>(PROCEDURE, { code }, sup)).data!.procedure;
  const edit = (code: string, change: (p: ProcedureMessage) => ProcedureMessage | null): void => {
    simulator.procedures = simulator.procedures.flatMap((p) => {
      if (p.MATTHC !== code) return [p];
      const changed = change(structuredClone(p));
      return changed ? [changed] : [];
    });
  };

  beforeAll(async () => {
    t = await startTestHub({ clock });
    sup = await supervisor();
    police = await officer(PROCEDURES.drivingLicence.agency);
    simulator = t.hub.connectors.get(portalConnector, 'portal').simulator!;
    original = structuredClone(simulator.procedures);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a portal serving the hub\'s own catalogue shows no change', async () => {
    const review = await check();
    expect(review.nationalCount).toBe(original.length);
    expect(review.nationalCount).toBeGreaterThan(50);
    expect(review.changes).toEqual([]);
  });

  it('shows new, retired, renamed, new times and fees before anything changes; applying keeps each dossier on its version', async () => {
    clock.set('2026-12-07T09:00:00+07:00');
    const before = await receive(t, police, PROCEDURES.drivingLicence);
    const oneFee = original.find((p) => p.PHILEPHI?.length === 1 && p.MATTHC !== PROCEDURES.drivingLicence.code)!;
    edit(PROCEDURES.drivingLicence.code, (p) => ({
      ...p,
      TENTTHC: RENAMED,
      CACHTHUCTHUCHIEN: p.CACHTHUCTHUCHIEN!.map((c) => (c.KENH === '1' ? { ...c, THOIGIAN: '4' } : c)),
    }));
    edit(oneFee.MATTHC, (p) => ({ ...p, PHILEPHI: [{ MUCPHI: String(Number(p.PHILEPHI![0].MUCPHI) + 5000), MOTA: 'mức mới' }] }));
    edit(PROCEDURES.landTransfer.code, () => null);
    simulator.procedures = [...simulator.procedures, { MATTHC: '1.999999', TENTTHC: 'Thủ tục mới ban hành', LINHVUCTHUCHIEN: [{ MALINHVUC: 'X', TENLINHVUC: 'Lĩnh vực mới' }] }];

    const review = await check();
    const kinds = review.changes.map((c) => [c.procedureCode, c.kind, c.applicable]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        [PROCEDURES.drivingLicence.code, 'RENAMED', true],
        [PROCEDURES.drivingLicence.code, 'TIMES', true],
        [oneFee.MATTHC, 'FEES', true],
        [PROCEDURES.landTransfer.code, 'RETIRED', true],
        ['1.999999', 'NEW', false],
      ]),
    );
    expect(review.changes).toHaveLength(5);
    const times = review.changes.find((c) => c.kind === 'TIMES')!;
    expect(times.before).toBe('Trực tiếp: 5 ngày làm việc');
    expect(times.after).toBe('Trực tiếp: 4 ngày làm việc');
    expect(review.changes.find((c) => c.kind === 'NEW')!.note).toContain('catalog:load');
    // Shown, not applied: the catalogue is as it was, and the review is there to read again.
    expect(await procedure(PROCEDURES.drivingLicence.code)).toMatchObject({ name: 'Đổi giấy phép lái xe', version: 1, retiredAt: null });
    expect((await t.gql<{ catalogueReview: Review }>(REVIEW, {}, sup)).data!.catalogueReview.id).toBe(review.id);

    const applied = await apply(review.id);
    expect(applied.userErrors).toEqual([]);
    expect(applied.review!.appliedAt).not.toBeNull();
    const licence = await procedure(PROCEDURES.drivingLicence.code);
    expect(licence).toMatchObject({ name: RENAMED, version: 2 });
    expect(licence.channels.find((c) => c.channel === 'COUNTER')!.processingTime).toEqual({ amount: 4, unit: 'WORKING_DAYS' });
    expect((await procedure(oneFee.MATTHC)).channels.flatMap((c) => c.fees.map((f) => f.amount))).toContain(Number(oneFee.PHILEPHI![0].MUCPHI) + 5000);
    expect((await procedure(PROCEDURES.landTransfer.code)).retiredAt).not.toBeNull();
    // The new procedure is shown only: the hub has no agency, components nor steps for it.
    expect((await t.gql<ProcedureAnswer>(PROCEDURE, { code: '1.999999' }, sup)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The dossier received before keeps version 1: its name, its five days, its record at the portal.
    const old = (await t.gql<{ dossier: { dueAt: string; procedureVersion: { version: number; name: string; times: Array<{ channel: string; amount: number }> } } }>(DOSSIER, { code: before.code }, police)).data!.dossier;
    expect(old.procedureVersion).toMatchObject({ version: 1, name: 'Đổi giấy phép lái xe' });
    expect(old.procedureVersion.times.find((c) => c.channel === 'COUNTER')!.amount).toBe(5);
    expect(old.dueAt).toBe('2026-12-14T09:00:00+07:00');
    const em = t.hub.database.fork();
    const record = await portalRecordOf(em, await em.findOneOrFail(Dossier, { code: before.code }));
    expect(record.dossier.procedureName).toBe('Đổi giấy phép lái xe');

    // One received now is on version 2: the new name and four days.
    clock.set('2026-12-07T09:00:00+07:00');
    const after = await receive(t, police, PROCEDURES.drivingLicence);
    const fresh = (await t.gql<{ dossier: { dueAt: string; procedureVersion: { version: number; name: string; change: string | null } } }>(DOSSIER, { code: after.code }, police)).data!.dossier;
    expect(fresh.procedureVersion).toMatchObject({ version: 2, name: RENAMED });
    expect(fresh.procedureVersion.change).toContain('Đồng bộ danh mục quốc gia');
    expect(fresh.dueAt).toBe('2026-12-11T09:00:00+07:00');

    // A retired procedure takes no new dossier, with a clear word.
    const land = await officer(PROCEDURES.landTransfer.agency);
    await expect(receive(t, land, PROCEDURES.landTransfer)).rejects.toThrow(/bãi bỏ/);

    // Applied once only.
    expect((await apply(review.id)).userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });

    // Listed again nationally: the next comparison offers to reinstate it.
    simulator.procedures = [...simulator.procedures, original.find((p) => p.MATTHC === PROCEDURES.landTransfer.code)!];
    const again = await check();
    expect(again.changes.find((c) => c.procedureCode === PROCEDURES.landTransfer.code)).toMatchObject({ kind: 'NEW', applicable: true });
    expect((await apply(again.id)).userErrors).toEqual([]);
    expect((await procedure(PROCEDURES.landTransfer.code)).retiredAt).toBeNull();
  });

  it('a review older than a change of its procedures is refused and changes nothing; compare again', async () => {
    const code = original.find((p) => p.MATTHC !== PROCEDURES.drivingLicence.code && p.MATTHC !== PROCEDURES.landTransfer.code)!.MATTHC;
    edit(code, (p) => ({ ...p, TENTTHC: `${p.TENTTHC} (sửa đổi)` }));
    const first = await check();
    const second = await check();
    expect((await apply(second.id)).userErrors).toEqual([]);
    const version = (await procedure(code)).version;
    const stale = await apply(first.id);
    expect(stale.userErrors[0]).toMatchObject({ code: 'STALE_VERSION' });
    expect(stale.userErrors[0].message).toContain(code);
    expect((await procedure(code)).version).toBe(version);
  });

  it('an empty national list is the portal\'s error, not a reason to retire everything', async () => {
    const saved = simulator.procedures;
    simulator.procedures = [];
    try {
      const res = await t.gql(CHECK, {}, sup);
      expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(res.errors?.[0]?.message).toMatch(/rỗng/);
    } finally {
      simulator.procedures = saved;
    }
    expect((await procedure(PROCEDURES.drivingLicence.code)).retiredAt).toBeNull();
  });

  it('bad ids are refused clearly, and only supervisors compare, read and apply', async () => {
    expect((await apply('not-a-uuid')).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await apply('00000000-0000-4000-8000-000000000000')).userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    for (const [query, variables] of [
      [CHECK, {}],
      [REVIEW, {}],
      [APPLY, { id: '00000000-0000-4000-8000-000000000000' }],
    ] as const) {
      const res = await t.gql<Record<string, { userErrors?: Array<{ code: string }> }>>(query, variables, police);
      const refused = res.errors?.[0]?.extensions?.code ?? Object.values(res.data ?? {})[0]?.userErrors?.[0]?.code;
      expect(refused).toBe('FORBIDDEN');
    }
  });
});
