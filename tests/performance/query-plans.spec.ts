import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { officer, supervisor } from '../support/tokens';

const Worklist = contractOperation('Worklist');
const POLICE = PROCEDURES.drivingLicence.agency;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The hot read paths must not turn into a sequential scan of `dossier`
 * (issue 10): each worklist variant's statements, as the hub runs them, are
 * explained with sequential scans priced out (`enable_seqscan = off`), so
 * that the planner still picks one only when no index can serve: a missing
 * or mismatched index fails here on a small dataset, long before a province
 * notices. The plans at 1,000,000 dossiers are in docs/.
 */
describe('query plans of the hot read paths', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  const statements: Array<{ sql: string; params: readonly unknown[] }> = [];
  let t: TestHub;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestHub({ clock, queryListeners: [(sql, params) => statements.push({ sql, params })] });
    headers.police = await officer(POLICE);
    headers.supervisor = await supervisor();
    for (let i = 0; i < 3; i += 1) await receive(t, headers.police, PROCEDURES.drivingLicence);
    // One dossier closed: the default worklist leaves it out.
    const closed = await receive(t, headers.police, PROCEDURES.drivingLicence);
    await transition(t, headers.police, closed.code, 'WITHDRAW', 1);
    await t.hub.database.fork().getConnection().execute('analyze dossier');
  });
  afterAll(async () => {
    await t.stop();
  });

  /** The statements on `dossier` the hub ran for one Worklist request, and each one's plan with sequential scans priced out. */
  async function plansOf(variables: Record<string, unknown>, who: Record<string, string>): Promise<Array<{ sql: string; plan: PlanNode }>> {
    statements.length = 0;
    const res = await t.gql(Worklist, variables, who);
    expect(res.errors).toBeUndefined();
    const onDossier = statements.filter(({ sql }) => /^select\b/i.test(sql) && /from "dossier" as "d"/.test(sql));
    expect(onDossier.length).toBeGreaterThan(0);
    const em = t.hub.database.fork();
    return em.transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const plans: Array<{ sql: string; plan: PlanNode }> = [];
      for (const { sql, params } of onDossier) {
        const [row] = await tx.execute<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(`explain (format json) ${sql}`, [...params]);
        plans.push({ sql, plan: row['QUERY PLAN'][0].Plan });
      }
      return plans;
    });
  }

  // An agency's open dossiers: its two partial indexes (BitmapOr), or the open dossiers in urgency order filtered by agency
  // (the planner's choice by size); all three hold open dossiers only.
  const AGENCY_INDEXES = ['dossier_active_current_urgency_index', 'dossier_active_receiving_urgency_index', 'dossier_active_urgency_index'];
  it.each([
    ['an officer\'s default worklist (open dossiers of their agency)', {}, 'police', AGENCY_INDEXES],
    ['a supervisor\'s default worklist (every open dossier)', {}, 'supervisor', ['dossier_active_urgency_index']],
    ['a list by status, closed ones included', { filter: { status: ['WITHDRAWN'] } }, 'supervisor', ['dossier_status_urgency_index']],
    ['the overdue list', { filter: { overdue: true } }, 'supervisor', ['dossier_active_urgency_index']],
    ['an agency\'s list for a supervisor', { filter: { agencyCode: POLICE } }, 'supervisor', AGENCY_INDEXES],
  ])('%s reads dossier through its index, never a scan of the whole table', async (_what, variables, who, expected) => {
    for (const { sql, plan } of await plansOf({ first: 50, ...variables }, headers[who])) {
      const all = nodes(plan);
      expect(all.filter((node) => node['Relation Name'] === 'dossier').map((node) => node['Node Type']), sql).not.toContain('Seq Scan');
      // Any index would do to avoid a sequential scan (the unique index on code read whole, say): it must be the worklist's own.
      const used = new Set(all.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : [])));
      expect(used.size, sql).toBeGreaterThan(0);
      for (const index of used) expect(expected, `${sql}\nused ${index}`).toContain(index);
    }
  });

  it('TrackDossier costs one statement, through the unique index on code; asking more of the procedure still answers it', async () => {
    const [code] = (await t.hub.database.fork().getConnection().execute<Array<{ code: string }>>("select code from dossier where status = 'RECEIVED' limit 1")).map((r) => r.code);
    statements.length = 0;
    const tracked = await t.gql<{ trackDossier: { code: string; procedure: { code: string; name: string }; currentAgency: { code: string; name: string } } }>(contractOperation('TrackDossier'), { code });
    expect(tracked.data?.trackDossier).toMatchObject({ code, procedure: { code: PROCEDURES.drivingLicence.code }, currentAgency: { code: POLICE } });
    expect(tracked.data?.trackDossier.procedure.name).toMatch(/giấy phép lái xe/i);
    expect(statements).toHaveLength(1);
    const [{ plan }] = await (async () => {
      const { sql, params } = statements[0];
      return t.hub.database.fork().transactional(async (tx) => {
        await tx.execute('set local enable_seqscan = off');
        const [row] = await tx.execute<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(`explain (format json) ${sql}`, [...params]);
        return [{ plan: row['QUERY PLAN'][0].Plan }];
      });
    })();
    expect(nodes(plan).find((node) => node['Relation Name'] === 'dossier')?.['Index Name']).toBe('dossier_code_unique');

    statements.length = 0;
    const more = await t.gql<{ trackDossier: { procedure: { code: string; field: string | null } } }>('query ($code: String!) { trackDossier(code: $code) { procedure { code field } } }', { code });
    expect(more.errors).toBeUndefined();
    expect(more.data?.trackDossier.procedure.code).toBe(PROCEDURES.drivingLicence.code);
    expect(statements.length).toBe(2);
  });

  it.each([
    ['for one agency', { agencyCode: POLICE }],
    ['for the whole centre', {}],
  ])('ServiceStats for a year %s reads dossiers and ratings through indexes bounded by the period', async (_what, variables) => {
    statements.length = 0;
    const res = await t.gql(contractOperation('ServiceStats'), { from: '2026-01-01', to: '2026-12-31', ...variables }, headers.supervisor);
    expect(res.errors).toBeUndefined();
    // One aggregate over dossiers (documents counted on each dossier), one over ratings (which carry their agency).
    const aggregates = statements.filter(({ sql }) => /from dossier\b|join dossier\b|from dossier_rating/.test(sql));
    expect(aggregates.length).toBe(2);
    expect(aggregates.some(({ sql }) => /dossier_component/.test(sql))).toBe(false);
    await t.hub.database.fork().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      for (const { sql, params } of aggregates) {
        const [row] = await tx.execute<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(`explain (format json) ${sql}`, [...params]);
        const scans = nodes(row['QUERY PLAN'][0].Plan).filter((node) => node['Relation Name'] === 'dossier' || node['Relation Name'] === 'dossier_rating');
        expect(scans.map((node) => node['Node Type']), sql).not.toContain('Seq Scan');
      }
    });
  });

  it('the default worklist leaves closed dossiers out; includeClosed or a status filter brings them', async () => {
    const total = async (filter: Record<string, unknown> | null) => (await t.gql<{ dossiers: { totalCount: number } }>(Worklist, { filter }, headers.police)).data!.dossiers.totalCount;
    expect(await total(null)).toBe(3);
    expect(await total({ includeClosed: true })).toBe(4);
    expect(await total({ status: ['WITHDRAWN'] })).toBe(1);
  });
});
