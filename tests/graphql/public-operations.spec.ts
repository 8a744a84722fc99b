import { testServices } from '../support/services';
import { IdentityStatus } from '../../src/dossiers/dossier.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../src/catalog/catalog.enums';
import { DossierStatus } from '../../src/dossiers/dossier.enums';
import { ANONYMOUS } from '../../src/auth/viewer';
import { foldVietnamese } from '../../src/shared/vietnamese';
import { TestClock } from '../support/clock';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';

const ProcedureCatalog = contractOperation('ProcedureCatalog');
const TrackDossier = contractOperation('TrackDossier');

interface CatalogPage {
  procedures: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { code: string; name: string; field: string; agency: { code: string }; fees: Array<{ amount: number }>; steps: Array<{ order: number; agency: { code: string } }> } }>;
  };
}

describe('public operations over HTTP (bundled Thanh Hóa catalogue)', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ clock });
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('ProcedureCatalog', () => {
    it('finds the criminal-record certificate without diacritics or case', async () => {
      for (const search of ['ly lich tu phap', 'LÝ LỊCH TƯ PHÁP', 'Lý lịch', 'phieu ly lich']) {
        const res = await t.gql<CatalogPage>(ProcedureCatalog, { search });
        expect(res.errors, search).toBeUndefined();
        expect(res.data?.procedures.edges.map((e) => e.node.code), search).toContain('3.000333');
      }
    });

    it('matches words anywhere in the name, the last as a prefix (typing at a kiosk)', async () => {
      const res = await t.gql<CatalogPage>(ProcedureCatalog, { search: 'giay phep xay dun' });
      // Name and field (lĩnh vực) are searched.
      const names = res.data?.procedures.edges.map((e) => `${e.node.name} ${e.node.field}`) ?? [];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const words = foldVietnamese(name).split(' ');
        expect(words, name).toEqual(expect.arrayContaining(['giay', 'phep', 'xay']));
        expect(words.some((w) => w.startsWith('dun')), name).toBe(true);
      }
    });

    it('finds by code prefix', async () => {
      const res = await t.gql<CatalogPage>(ProcedureCatalog, { search: '3.00033' });
      expect(res.data?.procedures.edges.map((e) => e.node.code)).toEqual(['3.000333']);
    });

    it('filters by agency and answers agency, fees and inter-agency steps', async () => {
      const res = await t.gql<CatalogPage>(ProcedureCatalog, { agencyCode: '000.00.84.H56', search: 'giao dat cho thue dat chuyen muc dich' });
      expect(res.errors).toBeUndefined();
      const node = res.data?.procedures.edges.find((e) => e.node.code === '1.115499')?.node;
      expect(node?.agency.code).toBe('000.00.84.H56');
      // Liên thông: the land department consults the finance department, whose step has its own time.
      expect(node?.steps.map((s) => s.order)).toEqual([...(node?.steps.keys() ?? [])].map((i) => i + 1));
      expect(node?.steps.map((s) => s.agency.code)).toContain('000.00.82.H56');
      expect(res.data?.procedures.edges.every((e) => e.node.agency.code === '000.00.84.H56')).toBe(true);
    });

    it('pages with cursors: no repeats, nothing skipped, totalCount over all pages', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 20; page += 1) {
        const res: Awaited<ReturnType<typeof t.gql<CatalogPage>>> = await t.gql<CatalogPage>(ProcedureCatalog, { first: 7, after });
        expect(res.errors).toBeUndefined();
        const procedures = res.data!.procedures;
        total = procedures.totalCount;
        seen.push(...procedures.edges.map((e) => e.node.code));
        if (!procedures.pageInfo.hasNextPage) break;
        after = procedures.pageInfo.endCursor;
      }
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
      expect([...seen].sort()).toEqual(seen);
      expect(total).toBeGreaterThanOrEqual(40);
    });

    it('an empty search lists everything; a search matching nothing is an empty page', async () => {
      const none = await t.gql<CatalogPage>(ProcedureCatalog, { search: 'khong co thu tuc nao nhu the nay' });
      expect(none.data?.procedures).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      const blank = await t.gql<CatalogPage>(ProcedureCatalog, { search: '  !!  ' });
      expect(blank.data?.procedures.totalCount).toBeGreaterThanOrEqual(40);
    });

    it.each([
      [{ first: 0 }, 'INVALID_INPUT'],
      [{ first: 101 }, 'INVALID_INPUT'],
      [{ first: -5 }, 'INVALID_INPUT'],
      [{ after: 'not-a-cursor' }, 'INVALID_INPUT'],
      [{ agencyCode: '000.00.77.H56' }, 'NOT_FOUND'],
    ])('refuses %j with %s and a Vietnamese message', async (variables, code) => {
      const res = await t.gql(ProcedureCatalog, variables);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    });

    it('an unknown procedure code is NOT_FOUND, a malformed one INVALID_INPUT', async () => {
      const query = 'query($code: String!) { procedure(code: $code) { code } }';
      expect((await t.gql(query, { code: '9.999999' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql(query, { code: 'abc' })).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      expect((await t.gql<{ procedure: { code: string } }>(query, { code: '3.000333' })).data?.procedure.code).toBe('3.000333');
    });

    it('a code the national catalogue retired finds the procedure that replaced it (2.000488 is now 3.000333)', async () => {
      const query = 'query($code: String!) { procedure(code: $code) { code formerCodes name } }';
      const res = await t.gql<{ procedure: { code: string; formerCodes: string[]; name: string } }>(query, { code: '2.000488' });
      expect(res.data?.procedure).toEqual({
        code: '3.000333',
        formerCodes: ['2.000488'],
        name: 'Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, người Việt Nam đang cư trú ở nước ngoài',
      });
    });
  });

  describe('agencies', () => {
    it('lists the province\'s agencies with their identifiers', async () => {
      const res = await t.gql<{ agencies: { totalCount: number; edges: Array<{ node: { code: string; name: string } }> } }>(
        '{ agencies(first: 100) { totalCount edges { node { code name kind identifierVerified } } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.agencies.totalCount).toBeGreaterThanOrEqual(8);
      expect(res.data?.agencies.edges.map((e) => e.node.name)).toContain('Công an tỉnh Thanh Hóa');
    });
  });

  describe('TrackDossier', () => {
    let code: string;
    beforeAll(async () => {
      const services = testServices(t.hub.database.fork(), clock, ANONYMOUS);
      const dossier = await services.intake.intake({
        procedureCode: '3.000347',
        channel: Channel.COUNTER,
        status: DossierStatus.RECEIVED,
        applicant: { personalId: '038095001234', fullName: 'Nguyễn Văn An', identityStatus: IdentityStatus.PENDING },
        actor: { id: 'test', name: 'Cán bộ', agencyId: null },
        components: (await services.catalog.procedureByCode('3.000347').then(() => t.gql<{ procedure: { components: Array<{ code: string; required: boolean }> } }>(
          '{ procedure(code: "3.000347") { components { code required } } }',
        ))).data!.procedure.components.filter((c) => c.required).map((c) => ({ code: c.code })),
      });
      code = dossier.code;
    });

    it('answers status, national code, dates and where the dossier is, without personal data', async () => {
      const res = await t.gql<{ trackDossier: Record<string, unknown> }>(TrackDossier, { code });
      expect(res.errors).toBeUndefined();
      expect(res.data?.trackDossier).toEqual({
        code,
        status: 'RECEIVED',
        nationalStatusCode: 2,
        procedure: { code: '3.000347', name: 'Đổi giấy phép lái xe' },
        receivedAt: '2026-11-23T09:00:00+07:00',
        // 5 working days from Mon 23/11 09:00, Tue 24/11 off: Tue 1/12 09:00.
        dueAt: '2026-12-01T09:00:00+07:00',
        finishedAt: null,
        overdue: false,
        currentAgency: { code: '000.00.96.H56', name: 'Công an cấp xã tỉnh Thanh Hóa' },
      });
      expect(JSON.stringify(res.data)).not.toContain('Nguyễn Văn An');
    });

    it('is overdue once the due time has passed', async () => {
      clock.set('2026-12-01T09:01:00+07:00');
      const res = await t.gql<{ trackDossier: { overdue: boolean } }>(TrackDossier, { code });
      expect(res.data?.trackDossier.overdue).toBe(true);
      clock.set('2026-11-23T09:00:00+07:00');
    });

    it('answers null for an unknown code and INVALID_INPUT for a malformed one', async () => {
      expect((await t.gql(TrackDossier, { code: '000.00.91.H56-261123-9999' })).data).toEqual({ trackDossier: null });
      const bad = await t.gql(TrackDossier, { code: "x' or 1=1 --" });
      expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });
  });

  describe('fields of later issues', () => {
    it('ask who calls first: an anonymous caller is UNAUTHENTICATED, never told what is not built', async () => {
      const res = await t.gql(contractOperation('PayFees'), { dossierCode: '000.00.91.H56-261123-0001' });
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('bad requests', () => {
    it('a syntax error and an unknown field are the caller\'s, with GraphQL codes', async () => {
      expect((await t.gql('{ procedures {')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect((await t.gql('{ nope }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('a malformed Date variable is INVALID_INPUT or BAD_USER_INPUT, never a server error', async () => {
      const res = await t.gql(contractOperation('ServiceStats'), { from: '2026-13-45', to: '2026-12-31' });
      expect(['INVALID_INPUT', 'BAD_USER_INPUT']).toContain(res.errors?.[0]?.extensions?.code);
    });
  });
});
