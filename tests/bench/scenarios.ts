import type { Client } from 'pg';
import PgBoss from 'pg-boss';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';
import { mintToken } from '../../src/auth/mint-token';
import { Role } from '../../src/auth/viewer';
import { contractOperation } from '../support/operations';
import type { CatalogRequest, ReceiveRequest, StatsRequest, TrackRequest, TransitionRequest, WorklistRequest } from './floor';

/**
 * The benchmark's scenarios. Each has a hub side (a contract operation of
 * tests/contract/operations.graphql, unchanged, with a token for its role)
 * and a floor side (the same question to tests/bench/floor.ts), each a
 * stream of requests that vary (random dossier codes of the dataset,
 * agencies, statuses) and a classification of every answer.
 */

/** The secret the benchmark's hub is started with; tokens are minted with it. */
export const BENCH_JWT_SECRET = 'lienthong-bench-secret-of-at-least-thirty-two-characters';

/** How an answer counts: conflicts (STALE_VERSION) apart from errors. */
export type Outcome = 'ok' | 'conflict' | 'error';

/** One request of a stream. */
export interface Shot {
  body: string;
  /** Headers of this request (a token), on top of the stream's. */
  headers?: Record<string, string>;
  /** Passed back to `classify` with the answer (the dossier a transition moved). */
  item?: unknown;
}

/** A stream of requests to one server. */
export interface Exchange {
  path: string;
  headers: Record<string, string>;
  next(): Shot;
  classify(status: number, body: string, item: unknown): { outcome: Outcome; detail?: string };
  /** How many requests the stream can still give (writes that consume dossiers); unbounded when absent. */
  remaining?(): number;
}

export interface Scenario {
  /** Short id, as `--scenarios` takes it. */
  id: string;
  title: string;
  group: string;
  kind: 'read' | 'write';
  connections: number;
  /** Seconds, when the scenario sets its own (the 60-second soak). */
  duration?: number;
  hub: Exchange;
  floor: Exchange;
  /** What must agree between the hub's and the floor's answer to the same question (reads). */
  compare?: { hub: Shot; floor: Shot; project(body: unknown): unknown };
}

/** What the dataset offers the scenarios, read once before they run. */
export interface Fixtures {
  codes: string[];
  /** Agencies with the most open dossiers (received or current), busiest first. */
  busyAgencies: string[];
  /** Agencies that received the most dossiers (statistics). */
  receivingAgencies: string[];
  centre: string | null;
  /** Procedures received at the counter: their agency and required components. */
  counterProcedures: Array<{ code: string; agency: string; components: string[] }>;
  today: string;
}

const pick = <T>(items: readonly T[]): T => {
  if (items.length === 0) throw new Error('nothing to pick from');
  return items[Math.floor(Math.random() * items.length)];
};

export async function loadFixtures(db: Client): Promise<Fixtures> {
  const codes = (await db.query<{ code: string }>(`select code from dossier order by random() limit 20000`)).rows.map((r) => r.code);
  const busyAgencies = (
    await db.query<{ code: string }>(`select a.code from agency a cross join lateral (
        select count(*) n from dossier d where (d.receiving_agency_id = a.id or d.current_agency_id = a.id)
          and d.status not in ('REJECTED', 'WITHDRAWN', 'STOPPED', 'RETURNED')) x order by x.n desc, a.code limit 3`)
  ).rows.map((r) => r.code);
  const receivingAgencies = (
    await db.query<{ code: string }>(`select a.code from dossier d join agency a on a.id = d.receiving_agency_id group by a.code order by count(*) desc, a.code limit 5`)
  ).rows.map((r) => r.code);
  const centre = (await db.query<{ code: string }>(`select code from agency where kind = 'CENTRE' order by code limit 1`)).rows[0]?.code ?? null;
  const counterProcedures = (
    await db.query<{ code: string; agency: string; components: string[] }>(`select p.code, a.code agency,
        array(select c.code from procedure_component c where c.procedure_id = p.id and c.required order by c.position) components
      from procedure p join agency a on a.id = p.agency_id join procedure_channel ch on ch.procedure_id = p.id and ch.channel = 'COUNTER' and ch.time_amount is not null
      order by p.code`)
  ).rows;
  const today = (await db.query<{ day: string }>(`select to_char(now() at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as day`)).rows[0]?.day ?? '';
  if (codes.length === 0 || busyAgencies.length === 0) throw new Error('the dataset has no dossiers');
  return { codes, busyAgencies, receivingAgencies, centre, counterProcedures, today };
}

/** Bearer tokens for the roles the scenarios play: an officer of each agency, a supervisor. */
export interface Tokens {
  officer(agency: string): string;
  supervisor: string;
}

export async function mintTokens(agencies: readonly string[]): Promise<Tokens> {
  const officers = new Map<string, string>();
  for (const agency of agencies) {
    officers.set(agency, await mintToken({ sub: `bench-officer-${agency}`, name: `Cán bộ ${agency}`, roles: [Role.OFFICER], agency }, BENCH_JWT_SECRET, '12h'));
  }
  const supervisor = await mintToken({ sub: 'bench-supervisor', name: 'Giám đốc Trung tâm', roles: [Role.SUPERVISOR] }, BENCH_JWT_SECRET, '12h');
  return {
    officer(agency) {
      const token = officers.get(agency);
      if (!token) throw new Error(`no token for agency ${agency}`);
      return token;
    },
    supervisor,
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A GraphQL request body with the contract operation's text, unchanged. */
function graphqlBody(operation: string, variables: Record<string, unknown>): string {
  return `{"query":${JSON.stringify(contractOperation(operation))},"variables":${JSON.stringify(variables)}}`;
}

/** A read answered as expected: HTTP 200, no GraphQL error, the root field present (and not null where `present`). */
function readCheck(root: string, present = true): Exchange['classify'] {
  const expected = present ? `"${root}":{` : `"${root}":`;
  return (status, body) => {
    if (status !== 200) return { outcome: 'error', detail: `HTTP ${status}` };
    if (body.includes('"errors":')) return { outcome: 'error', detail: errorCode(body) };
    if (!body.includes(expected)) return { outcome: 'error', detail: `no ${root}` };
    return { outcome: 'ok' };
  };
}

/** The first GraphQL error code (or message) of an answer, for the report. */
function errorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> };
    const first = parsed.errors?.[0];
    return first?.extensions?.code ?? first?.message?.slice(0, 80) ?? 'error';
  } catch {
    return 'unparsable answer';
  }
}

/** What a hub request asks: the operation's variables, as whom (a bearer token, or anonymous). */
interface HubDraw {
  variables: Record<string, unknown>;
  token: string | null;
}

const bearer = (token: string | null): Record<string, string> | undefined => (token ? { authorization: `Bearer ${token}` } : undefined);

function hubShot(operation: string, draw: HubDraw): Shot {
  const headers = bearer(draw.token);
  return { body: graphqlBody(operation, draw.variables), ...(headers ? { headers } : {}) };
}

function hubExchange(operation: string, root: string, draw: () => HubDraw, present = true): Exchange {
  return {
    path: '/graphql',
    headers: JSON_HEADERS,
    next: () => hubShot(operation, draw()),
    classify: readCheck(root, present),
  };
}

function floorExchange(path: string, root: string, body: () => unknown, present = true): Exchange {
  return {
    path,
    headers: JSON_HEADERS,
    next() {
      return { body: JSON.stringify(body()) };
    },
    classify: readCheck(root, present),
  };
}

/** The read scenarios: TrackDossier, worklists, catalogue search, statistics, the 100-connection soak. */
export function readScenarios(fixtures: Fixtures, tokens: Tokens, options: { soakSeconds: number }): Scenario[] {
  const scenarios: Scenario[] = [];
  const track = (connections: number, id: string, title: string, duration?: number): Scenario => {
    const known = fixtures.codes[0] ?? '';
    return {
      id,
      title,
      group: 'TrackDossier',
      kind: 'read',
      connections,
      ...(duration ? { duration } : {}),
      hub: hubExchange('TrackDossier', 'trackDossier', () => ({ variables: { code: pick(fixtures.codes) }, token: null })),
      floor: floorExchange('/track', 'trackDossier', (): TrackRequest => ({ code: pick(fixtures.codes) })),
      compare: {
        hub: hubShot('TrackDossier', { variables: { code: known }, token: null }),
        floor: { body: JSON.stringify({ code: known } satisfies TrackRequest) },
        project: (body) => {
          const t = (body as { data?: { trackDossier?: Record<string, unknown> } }).data?.trackDossier;
          return t ? { code: t.code, status: t.status, nationalStatusCode: t.nationalStatusCode, overdue: t.overdue, procedure: t.procedure, currentAgency: t.currentAgency } : null;
        },
      },
    };
  };
  scenarios.push(track(10, 'track', 'TrackDossier, anonymous, random codes'));

  const busy = fixtures.busyAgencies;
  const worklistProjection = (body: unknown) => {
    const c = (body as { data?: { dossiers?: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } } }).data?.dossiers;
    return c ? { totalCount: c.totalCount, codes: c.edges.map((e) => e.node.code), overdue: c.edges.map((e) => e.node.overdue) } : null;
  };
  const worklists: Array<{ id: string; title: string; officer: boolean; filter: () => Record<string, unknown> | null }> = [
    { id: 'worklist-officer', title: `Worklist, officer of a busy agency (${busy.join(', ')}), first 50`, officer: true, filter: () => null },
    { id: 'worklist-supervisor', title: 'Worklist, supervisor, first 50', officer: false, filter: () => null },
    { id: 'worklist-overdue', title: 'Worklist, officer of a busy agency, overdue: true, first 50', officer: true, filter: () => ({ overdue: true }) },
    {
      id: 'worklist-status',
      title: 'Worklist, supervisor, by status (RECEIVED | PROCESSING | SUPPLEMENT_REQUESTED), first 50',
      officer: false,
      filter: () => ({ status: [pick(['RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED'])] }),
    },
  ];
  for (const w of worklists) {
    for (const connections of [1, 10]) {
      const viewer = (agency: string) => (w.officer ? tokens.officer(agency) : tokens.supervisor);
      const fixedFilter = w.id === 'worklist-status' ? { status: ['PROCESSING'] } : w.filter();
      const first = busy[0] ?? '';
      scenarios.push({
        id: `${w.id}-${connections}`,
        title: `${w.title}, ${connections} connection${connections > 1 ? 's' : ''}`,
        group: 'Worklist',
        kind: 'read',
        connections,
        hub: hubExchange('Worklist', 'dossiers', () => ({ variables: { filter: w.filter(), first: 50 }, token: viewer(pick(busy)) })),
        floor: floorExchange('/worklist', 'dossiers', (): WorklistRequest => ({ ...(w.officer ? { viewerAgency: pick(busy) } : {}), filter: w.filter(), first: 50 })),
        compare: {
          hub: hubShot('Worklist', { variables: { filter: fixedFilter, first: 50 }, token: viewer(first) }),
          floor: { body: JSON.stringify({ ...(w.officer ? { viewerAgency: first } : {}), filter: fixedFilter, first: 50 } satisfies WorklistRequest) },
          project: worklistProjection,
        },
      });
    }
  }

  const searches = ['ly lich tu phap', 'dat dai', 'giay phep xay dung', 'dang ky', 'cap lai', 'chung nhan', 'thanh lap', 'giay phep lai xe', '1.00', '3.000333', 'tach thua', 'doanh nghiep'];
  scenarios.push({
    id: 'catalog',
    title: `ProcedureCatalog search (${searches.length} searches, first 20), anonymous`,
    group: 'ProcedureCatalog',
    kind: 'read',
    connections: 10,
    hub: hubExchange('ProcedureCatalog', 'procedures', () => ({ variables: { search: pick(searches), first: 20 }, token: null })),
    floor: floorExchange('/catalog', 'procedures', (): CatalogRequest => ({ search: pick(searches), first: 20 })),
    compare: {
      hub: hubShot('ProcedureCatalog', { variables: { search: 'dat dai', first: 20 }, token: null }),
      floor: { body: JSON.stringify({ search: 'dat dai', first: 20 } satisfies CatalogRequest) },
      project: (body) => {
        const c = (body as { data?: { procedures?: { totalCount: number; edges: Array<{ node: { code: string; steps: unknown[]; components: unknown[] } }> } } }).data?.procedures;
        return c ? { totalCount: c.totalCount, codes: c.edges.map((e) => e.node.code), steps: c.edges.map((e) => e.node.steps.length), components: c.edges.map((e) => e.node.components.length) } : null;
      },
    },
  });

  const yearAgo = new Date(Date.parse(`${fixtures.today}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const statsAgencies = fixtures.receivingAgencies;
  scenarios.push({
    id: 'stats',
    title: `ServiceStats for a year (${yearAgo}..${fixtures.today}) for one agency (${statsAgencies.join(', ')}), supervisor`,
    group: 'ServiceStats',
    kind: 'read',
    connections: 1,
    hub: hubExchange('ServiceStats', 'serviceStats', () => ({ variables: { from: yearAgo, to: fixtures.today, agencyCode: pick(statsAgencies) }, token: tokens.supervisor })),
    floor: floorExchange('/stats', 'serviceStats', (): StatsRequest => ({ from: yearAgo, to: fixtures.today, agencyCode: pick(statsAgencies) })),
    compare: {
      hub: hubShot('ServiceStats', { variables: { from: yearAgo, to: fixtures.today, agencyCode: statsAgencies[0] }, token: tokens.supervisor }),
      floor: { body: JSON.stringify({ from: yearAgo, to: fixtures.today, agencyCode: statsAgencies[0] } satisfies StatsRequest) },
      project: (body) => {
        const s = (body as { data?: { serviceStats?: Record<string, number | null> } }).data?.serviceStats;
        return s ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v])) : null;
      },
    },
  });

  scenarios.push(track(100, 'soak', `TrackDossier, 100 connections for ${options.soakSeconds} s`, options.soakSeconds));
  return scenarios;
}

/** A personal id the population simulator knows (never ending in 000), born 1950-1999. */
function randomPersonalId(): string {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join('');
  const last = String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
  return `038${Math.floor(Math.random() * 2)}${String(50 + Math.floor(Math.random() * 50))}${digits(3)}${last}`;
}

/** ReceiveDossier at the counter: half at the centre, half at the procedure's own agency. */
export function receiveScenario(fixtures: Fixtures, tokens: Tokens, connections: number): Scenario {
  const procedures = fixtures.counterProcedures;
  if (procedures.length === 0) throw new Error('no procedure is received at the counter');
  const draw = () => {
    const procedure = pick(procedures);
    const agency = fixtures.centre && Math.random() < 0.5 ? fixtures.centre : procedure.agency;
    return { procedure, agency, personalId: randomPersonalId() };
  };
  const classify = (status: number, body: string): { outcome: Outcome; detail?: string } => {
    if (status !== 200) return { outcome: 'error', detail: `HTTP ${status}` };
    if (body.includes('"errors":')) return { outcome: 'error', detail: errorCode(body) };
    const match = /"userErrors":\[\{[^}]*"code":"([A-Z_]+)"/.exec(body);
    if (match) return { outcome: 'error', detail: match[1] ?? 'userError' };
    return body.includes('"receiveDossier":{"dossier":{') ? { outcome: 'ok' } : { outcome: 'error', detail: 'no dossier' };
  };
  return {
    id: 'receive',
    title: `ReceiveDossier at the counter, officers (centre or the procedure's agency), ${connections} connections`,
    group: 'ReceiveDossier',
    kind: 'write',
    connections,
    hub: {
      path: '/graphql',
      headers: JSON_HEADERS,
      next() {
        const { procedure, agency, personalId } = draw();
        const input = {
          procedureCode: procedure.code,
          channel: 'COUNTER',
          applicant: { personalId, consentToken: '123456' },
          components: procedure.components.map((code) => ({ code })),
        };
        return hubShot('ReceiveDossier', { variables: { input }, token: tokens.officer(agency) });
      },
      classify,
    },
    floor: {
      path: '/receive',
      headers: JSON_HEADERS,
      next() {
        const { procedure, agency, personalId } = draw();
        const request: ReceiveRequest = {
          agencyCode: agency,
          procedureCode: procedure.code,
          channel: 'COUNTER',
          personalId,
          fullName: syntheticCitizen(personalId)?.name.full ?? 'Không rõ',
          components: procedure.components,
        };
        return { body: JSON.stringify(request) };
      },
      classify,
    },
  };
}

/** An open dossier a transition can move: its code, version, the action and who may take it. */
interface Movable {
  code: string;
  version: number;
  action: 'FORWARD' | 'COMPLETE_STEP';
  agency: string;
}

/**
 * TransitionDossier: FORWARD on received dossiers, COMPLETE_STEP on those in
 * progress, by an officer of the dossier's current agency, with the right
 * expectedVersion. A dossier that is still in progress afterwards goes back
 * in the pool with its new version; each is moved by one request at a time,
 * so a STALE_VERSION is a real conflict (reported apart from errors).
 */
export async function transitionScenario(db: Client, tokens: Tokens, connections: number): Promise<Scenario> {
  const pool: Movable[] = (
    await db.query<{ code: string; version: number; status: string; agency: string }>(`select d.code, d.version, d.status, a.code agency
      from dossier d join agency a on a.id = d.current_agency_id
      where (d.status = 'RECEIVED' and exists (select 1 from dossier_step s where s.dossier_id = d.id and s.status = 'PENDING'))
         or (d.status = 'PROCESSING' and exists (select 1 from dossier_step s where s.dossier_id = d.id and s.status = 'IN_PROGRESS'))
      order by random()`)
  ).rows.map((r) => ({ code: r.code, version: r.version, action: r.status === 'RECEIVED' ? 'FORWARD' : 'COMPLETE_STEP', agency: r.agency }));
  const take = (): Movable => {
    const item = pool.pop();
    if (!item) throw new Error('no open dossier left to move');
    return item;
  };
  const classify = (status: number, body: string, item: unknown): { outcome: Outcome; detail?: string } => {
    if (status !== 200) return { outcome: 'error', detail: `HTTP ${status}` };
    if (body.includes('"errors":')) return { outcome: 'error', detail: errorCode(body) };
    const parsed = JSON.parse(body) as {
      data?: { transitionDossier?: { dossier: { status: string; version: number; currentAgency: { code: string } } | null; userErrors: Array<{ code: string }> } };
    };
    const payload = parsed.data?.transitionDossier;
    const userError = payload?.userErrors[0]?.code;
    if (userError === 'STALE_VERSION') return { outcome: 'conflict' };
    if (userError || !payload?.dossier) return { outcome: 'error', detail: userError ?? 'no dossier' };
    const moved = payload.dossier;
    if (moved.status === 'PROCESSING') pool.unshift({ code: (item as Movable).code, version: moved.version, action: 'COMPLETE_STEP', agency: moved.currentAgency.code });
    return { outcome: 'ok' };
  };
  return {
    id: 'transition',
    title: `TransitionDossier FORWARD / COMPLETE_STEP on open dossiers, current agency's officer, ${connections} connections`,
    group: 'TransitionDossier',
    kind: 'write',
    connections,
    hub: {
      path: '/graphql',
      headers: JSON_HEADERS,
      next() {
        const item = take();
        const variables = { code: item.code, action: item.action, input: null, expectedVersion: item.version };
        return { ...hubShot('TransitionDossier', { variables, token: tokens.officer(item.agency) }), item };
      },
      classify,
      remaining: () => pool.length,
    },
    floor: {
      path: '/transition',
      headers: JSON_HEADERS,
      next() {
        const item = take();
        const request: TransitionRequest = { code: item.code, action: item.action, expectedVersion: item.version, agencyCode: item.agency };
        return { body: JSON.stringify(request), item };
      },
      classify,
      remaining: () => pool.length,
    },
  };
}

/** Every agency code, for tokens. */
export async function agencyCodes(db: Client): Promise<string[]> {
  return (await db.query<{ code: string }>(`select code from agency order by code`)).rows.map((r) => r.code);
}

/** Codes received today that break the rule (per agency: unique, 0001..N without a gap, the counter at N). */
export async function checkTodaysCodes(db: Client, today: string): Promise<{ agencies: number; codes: number; problems: string[] }> {
  const yymmdd = today.slice(2).replaceAll('-', '');
  const rows = (
    await db.query<{ agency: string; n: string; distinct_codes: string; low: number; high: number; counter: number | null }>(
      `select x.agency, count(*) n, count(distinct x.code) distinct_codes, min(x.seq) low, max(x.seq) high,
         (select k.last_value from dossier_code_counter k where k.agency_code = x.agency and k.day = $2) counter
       from (select code, split_part(code, '-', 1) agency, split_part(code, '-', 3)::int seq from dossier where split_part(code, '-', 2) = $1) x
       group by x.agency order by x.agency`,
      [yymmdd, today],
    )
  ).rows;
  const problems: string[] = [];
  let codes = 0;
  for (const row of rows) {
    const n = Number(row.n);
    codes += n;
    if (Number(row.distinct_codes) !== n) problems.push(`${row.agency}: ${n - Number(row.distinct_codes)} duplicate codes`);
    if (row.low !== 1 || row.high !== n) problems.push(`${row.agency}: numbers ${row.low}..${row.high} for ${n} codes (a gap)`);
    if (row.counter !== row.high) problems.push(`${row.agency}: counter at ${row.counter ?? 'none'}, highest code ${row.high}`);
  }
  return { agencies: rows.length, codes, problems };
}

/** The outbox topic the scenario enqueues: the check of an identity typed while the population database was down. */
export const VERIFY_IDENTITY_TOPIC = 'population.verify-identity';

/**
 * Enqueues `count` verification messages the way src/outbox/outbox.ts does
 * (an outbox_message row and its pg-boss job, in one transaction), for open
 * dossiers whose applicant is marked as typed while the population database
 * was down. Answers the message ids.
 */
export async function enqueueVerifications(db: Client, count: number): Promise<string[]> {
  const boss = new PgBoss({ db: { executeSql: (text: string, values: unknown[]) => db.query(text, values) } });
  await db.query('begin');
  try {
    const rows = (
      await db.query<{ id: string; message_id: string; code: string; personal_id: string; agency: string }>(
        `with chosen as (
           select d.id, d.code, d.applicant_personal_id, a.code agency from dossier d join agency a on a.id = d.receiving_agency_id
           where d.status in ('RECEIVED', 'PROCESSING') and d.applicant_identity_status = 'VERIFIED'
             and not exists (select 1 from outbox_message m where m.idempotency_key = $2::text || ':' || d.id)
           order by random() limit $1 for update of d),
         marked as (update dossier d set applicant_identity_status = 'PENDING', applicant_typed_full_name = d.applicant_full_name from chosen c where d.id = c.id)
         select c.id, gen_random_uuid() message_id, c.code, c.applicant_personal_id personal_id, c.agency from chosen c`,
        [count, VERIFY_IDENTITY_TOPIC],
      )
    ).rows;
    await db.query(
      `insert into outbox_message (id, topic, payload, idempotency_key, status, attempts, created_at)
       select (m->>'messageId')::uuid, $1::text, m->'payload', $1::text || ':' || (m->'payload'->>'dossierId'), 'PENDING', 0, now() from jsonb_array_elements($2::jsonb) m`,
      [
        VERIFY_IDENTITY_TOPIC,
        JSON.stringify(
          rows.map((r) => ({
            messageId: r.message_id,
            payload: { dossierId: r.id, dossierCode: r.code, personalId: r.personal_id, agencyCode: r.agency, consentToken: '123456' },
          })),
        ),
      ],
    );
    // pg-boss's own insert, on this transaction (outbox.ts sends each job with `db: transactionSql(tx)`).
    await boss.insert(
      rows.map((r) => ({ name: VERIFY_IDENTITY_TOPIC, data: { messageId: r.message_id } })),
      { db: { executeSql: (text: string, values: unknown[]) => db.query(text, values) } },
    );
    await db.query('commit');
    return rows.map((r) => r.message_id);
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
}
