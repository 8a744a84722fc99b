import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer } from '../support/tokens';

/**
 * The counts ServiceStats sums instead of joining every component
 * (Migration20261202040000_stats_counters): each dossier's components
 * (other than results) and those held as documents, kept by triggers
 * whatever statement changes the components; each rating's agency.
 */
describe('the counts statistics read', () => {
  let t: TestHub;
  let code: string;
  const sql = <T>(text: string, params: unknown[] = []) => t.hub.database.fork().getConnection().execute<T[]>(text, params);
  /** The dossier's counters beside a count made from its components now. */
  const counts = async () =>
    (
      await sql<{ total: number; digitized: number; recount_total: string; recount_digitized: string }>(
        `select d.components_total total, d.components_digitized digitized,
           (select count(*) from dossier_component c where c.dossier_id = d.id and c.kind <> 'RESULT') recount_total,
           (select count(c.document_id) from dossier_component c where c.dossier_id = d.id and c.kind <> 'RESULT') recount_digitized
         from dossier d where d.code = ?`,
        [code],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestHub();
    code = (await receive(t, await officer(PROCEDURES.drivingLicence.agency), PROCEDURES.drivingLicence)).code;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a dossier received counts its components', async () => {
    const now = await counts();
    expect(now.total).toBe(PROCEDURES.drivingLicence.components.length);
    expect(now.total).toBe(Number(now.recount_total));
    expect(now.digitized).toBe(Number(now.recount_digitized));
  });

  it('follows inserts, updates (a document attached, detached, a component turned into a result) and deletes, several rows a statement', async () => {
    const [{ id: documentId }] = (await sql<{ id: string }>(
      `insert into document (id, owner_personal_id, sha256, file_name, content_type, size, created_at) values (gen_random_uuid(), '001090000001', repeat('a', 64), 'a.pdf', 'application/pdf', 10, now()) returning id`,
    )) as [{ id: string }];
    const steps: Array<[string, unknown[]]> = [
      [`insert into dossier_component (id, dossier_id, code, name, position, kind, document_id) select gen_random_uuid(), d.id, 'X' || g, 'Thêm ' || g, 90 + g, 'SUPPLEMENT', case when g = 1 then ?::uuid end from dossier d, generate_series(1, 3) g where d.code = ?`, [documentId, code]],
      [`update dossier_component set document_id = ? where dossier_id = (select id from dossier where code = ?) and code in ('X2', 'X3')`, [documentId, code]],
      [`update dossier_component set document_id = null where dossier_id = (select id from dossier where code = ?) and code = 'X1'`, [code]],
      [`update dossier_component set kind = 'RESULT' where dossier_id = (select id from dossier where code = ?) and code = 'X2'`, [code]],
      [`delete from dossier_component where dossier_id = (select id from dossier where code = ?) and code in ('X1', 'X3')`, [code]],
    ];
    for (const [statement, params] of steps) {
      await sql(statement, params);
      const now = await counts();
      expect({ total: now.total, digitized: now.digitized }, statement).toEqual({ total: Number(now.recount_total), digitized: Number(now.recount_digitized) });
    }
  });

  it('a rating carries its dossier\'s receiving agency', async () => {
    await sql(`insert into dossier_rating (id, dossier_id, rating, rated_at) select gen_random_uuid(), id, 'SATISFIED', now() from dossier where code = ?`, [code]);
    const [row] = await sql<{ same: boolean }>(`select r.receiving_agency_id = d.receiving_agency_id same from dossier_rating r join dossier d on d.id = r.dossier_id where d.code = ?`, [code]);
    expect(row?.same).toBe(true);
  });
});
