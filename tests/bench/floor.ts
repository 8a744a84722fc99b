import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';

/**
 * The floor: the least our stack (Node.js `node:http` and `pg`) can do to
 * answer each benchmark question — one SQL statement per request, JSON
 * built by PostgreSQL, no framework, no ORM, no GraphQL, no token check.
 * The hub's figures are read against it (hub ÷ floor), so that the ratio
 * measures the hub's own overhead on this machine and database.
 *
 * It answers the same questions with the same semantics as the contract's
 * operations (open dossiers by default in a worklist, the Decision 766
 * definitions of the statistics) and writes JSON of roughly the shape of
 * the hub's GraphQL answer. Left out on purpose: authentication (the
 * viewer's agency is sent in the body), the population-database lookup of
 * a reception, the working calendar (due times in calendar days).
 *
 * Self-contained (imports only node:http and pg) so that the benchmark
 * runs it as plain JavaScript: `tsx` would add ~50 MB to its RSS.
 * Run on its own: `DATABASE_URL=… FLOOR_PORT=4700 tsx tests/bench/floor.ts`.
 */

/** POST /track */
export interface TrackRequest {
  code: string;
}

/** POST /worklist: `viewerAgency` is the officer's agency; absent for a supervisor (every dossier). */
export interface WorklistRequest {
  viewerAgency?: string | null;
  filter?: { status?: string[] | null; overdue?: boolean | null; agencyCode?: string | null; includeClosed?: boolean | null } | null;
  first: number;
}

/** POST /catalog */
export interface CatalogRequest {
  search: string;
  first: number;
}

/** POST /stats: dates are local (YYYY-MM-DD), both included. */
export interface StatsRequest {
  from: string;
  to: string;
  agencyCode?: string | null;
}

/** POST /receive: a counter reception by an officer of `agencyCode`; the applicant's name as the population database would give it. */
export interface ReceiveRequest {
  agencyCode: string;
  procedureCode: string;
  channel: 'COUNTER' | 'POSTAL';
  personalId: string;
  fullName: string;
  components: string[];
}

/** POST /transition: FORWARD or COMPLETE_STEP by an officer of the dossier's current agency. */
export interface TransitionRequest {
  code: string;
  action: 'FORWARD' | 'COMPLETE_STEP';
  expectedVersion: number;
  agencyCode: string;
}

const FINISHED = `('REJECTED', 'WITHDRAWN', 'STOPPED', 'RESULT_READY', 'RETURNED')`;
/**
 * The open statuses, written as the hub's worklist writes them (`status in (...)`): the partial indexes on open
 * dossiers (Migration20261202020000_worklist_indexes) are usable only for a condition that implies their predicate,
 * which `status not in (closed)` does not (the floor scanned every dossier with it: 680 ms a page at 1,000,000).
 */
const OPEN = `('SUBMITTED', 'RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'RESULT_READY')`;
const DOSSIER_CODE = /^[0-9A-Z]+(?:\.[0-9A-Z]+)+-\d{6}-\d{4,}$/;
const PROCEDURE_CODE = /^\d\.\d{6}$/;
const CODE_PREFIX = /^\d+(\.\d*)?$/;

/** A timestamptz as the hub writes a DateTime: local time with its offset. */
const iso = (column: string): string => `to_char(${column} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"')`;

/** The overdue rule (src/dossiers/overdue.ts) over the dossier row `d`, at now(). */
const OVERDUE = `(d.due_at is not null and ((d.status in ${FINISHED} and d.finished_at > d.due_at)
  or (d.status not in ${FINISHED} and coalesce(d.paused_at, now()) > d.due_at)))`;

const NATIONAL_STATUS = `case d.status when 'SUBMITTED' then 1 when 'RECEIVED' then 2 when 'REJECTED' then 3 when 'PROCESSING' then 4
  when 'SUPPLEMENT_REQUESTED' then 5 when 'AWAITING_PAYMENT' then 6 when 'WITHDRAWN' then 7 when 'STOPPED' then 8 when 'RESULT_READY' then 9 else 10 end`;

/** Calendar days of a procedure time (no working calendar here). */
const DAYS = (amount: string, unit: string): string =>
  `(case ${unit} when 'WORKING_DAYS' then ${amount} * 1.4 when 'WORKING_HOURS' then ${amount} / 8.0 * 1.4 else ${amount}::numeric end) * interval '1 day'`;

/** The words of a search, folded as src/shared/vietnamese.ts folds them. */
function searchWords(text: string): string[] {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

class BadRequest extends Error {}

/** A statement with its parameters, built piece by piece. */
class Sql {
  readonly values: unknown[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface Floor {
  readonly url: string;
  /** SQL statements run so far (each request runs one). */
  readonly statements: number;
  stop(): Promise<void>;
}

export async function startFloor(options: { databaseUrl: string; port?: number; host?: string; poolMax?: number }): Promise<Floor> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 10 });
  let statements = 0;
  // Named statements: each connection parses a statement once (PostgreSQL still plans it per execution until a generic plan wins).
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (!name) {
      name = `floor_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      names.set(text, name);
    }
    return name;
  };
  const one = async <T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T | undefined> => {
    statements += 1;
    return (await pool.query<T>({ name: nameOf(text), text, values })).rows[0];
  };

  const track = async (body: TrackRequest): Promise<string> => {
    const code = String(body.code ?? '').trim();
    if (!DOSSIER_CODE.test(code)) throw new BadRequest('malformed dossier code');
    const row = await one<{ json: string }>(
      `select json_build_object('code', d.code, 'status', d.status, 'nationalStatusCode', ${NATIONAL_STATUS},
          'procedure', json_build_object('code', p.code, 'name', p.name),
          'receivedAt', ${iso('d.received_at')}, 'dueAt', ${iso('d.due_at')}, 'finishedAt', ${iso('d.finished_at')},
          'overdue', ${OVERDUE}, 'currentAgency', json_build_object('code', a.code, 'name', a.name))::text json
        from dossier d join procedure p on p.id = d.procedure_id join agency a on a.id = d.current_agency_id where d.code = $1`,
      [code],
    );
    return `{"data":{"trackDossier":${row?.json ?? 'null'}}}`;
  };

  const worklist = async (body: WorklistRequest): Promise<string> => {
    const sql = new Sql();
    const where: string[] = [];
    if (body.viewerAgency) {
      const agency = sql.param(body.viewerAgency);
      where.push(`(d.receiving_agency_id = (select id from agency where code = ${agency}) or d.current_agency_id = (select id from agency where code = ${agency}))`);
    }
    const filter = body.filter ?? {};
    if (filter.status && filter.status.length > 0) where.push(`d.status = any(${sql.param(filter.status)}::text[])`);
    else if (!filter.includeClosed) where.push(`d.status in ${OPEN}`);
    if (filter.agencyCode) {
      const agency = sql.param(filter.agencyCode);
      where.push(`(d.receiving_agency_id = (select id from agency where code = ${agency}) or d.current_agency_id = (select id from agency where code = ${agency}))`);
    }
    if (filter.overdue === true) where.push(OVERDUE);
    if (filter.overdue === false) where.push(`not ${OVERDUE}`);
    const first = Math.min(Math.max(1, Math.floor(body.first ?? 50)), 100);
    const condition = where.length > 0 ? where.join(' and ') : 'true';
    const row = await one<{ total: string; edges: string; end_cursor: string | null }>(
      `with page as (
          select d.id, d.code, d.status, d.channel, d.received_at, d.due_at, d.finished_at, d.paused_at, d.version, d.procedure_id,
            d.applicant_full_name, d.current_agency_id
          from dossier d where ${condition}
          order by coalesce(d.due_at, 'infinity'::timestamptz), d.code limit ${first}
        )
        select (select count(*) from dossier d where ${condition}) total,
          coalesce((select json_agg(json_build_object('node', json_build_object(
              'code', d.code, 'status', d.status, 'channel', d.channel, 'receivedAt', ${iso('d.received_at')}, 'dueAt', ${iso('d.due_at')},
              'overdue', ${OVERDUE}, 'version', d.version, 'procedure', json_build_object('code', p.code, 'name', p.name),
              'applicant', json_build_object('fullName', d.applicant_full_name), 'currentAgency', json_build_object('code', ca.code),
              'steps', (select coalesce(json_agg(json_build_object('order', s.step_order, 'agency', json_build_object('code', sa.code), 'status', s.status,
                  'startedAt', ${iso('s.started_at')}, 'dueAt', ${iso('s.due_at')}, 'finishedAt', ${iso('s.finished_at')}, 'externalReference', s.external_reference)
                  order by s.step_order), '[]'::json)
                from dossier_step s join agency sa on sa.id = s.agency_id where s.dossier_id = d.id))) order by coalesce(d.due_at, 'infinity'::timestamptz), d.code)
            from page d join procedure p on p.id = d.procedure_id join agency ca on ca.id = d.current_agency_id), '[]'::json)::text edges,
          (select replace(encode(convert_to(json_build_array(coalesce(${iso('d.due_at')}, 'infinity'), d.code)::text, 'UTF8'), 'base64'), E'\\n', '') from page d
            order by coalesce(d.due_at, 'infinity'::timestamptz) desc, d.code desc limit 1) end_cursor`,
      sql.values,
    );
    const total = Number(row?.total ?? 0);
    return `{"data":{"dossiers":{"totalCount":${total},"pageInfo":{"hasNextPage":${total > first},"endCursor":${JSON.stringify(row?.end_cursor ?? null)}},"edges":${row?.edges ?? '[]'}}}}`;
  };

  const catalog = async (body: CatalogRequest): Promise<string> => {
    const sql = new Sql();
    const search = String(body.search ?? '').trim();
    let condition = 'true';
    if (CODE_PREFIX.test(search)) condition = `p.code like ${sql.param(`${search}%`)}`;
    else {
      const words = searchWords(search);
      if (words.length > 0) condition = `p.search_vector @@ to_tsquery('simple', ${sql.param(words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & '))})`;
    }
    const first = Math.min(Math.max(1, Math.floor(body.first ?? 20)), 100);
    const time = (amount: string, unit: string) => `case when ${amount} is null then null else json_build_object('amount', ${amount}, 'unit', ${unit}) end`;
    const row = await one<{ total: string; edges: string; end_cursor: string | null }>(
      `with page as (select p.* from procedure p where ${condition} order by p.code limit ${first})
        select (select count(*) from procedure p where ${condition}) total,
          coalesce((select json_agg(json_build_object('cursor', encode(convert_to(to_json(p.code)::text, 'UTF8'), 'base64'), 'node', json_build_object(
              'code', p.code, 'name', p.name, 'field', p.field, 'agency', json_build_object('code', a.code, 'name', a.name), 'onlineLevel', p.online_level,
              'processingTime', (select ${time('c.time_amount', 'c.time_unit')} from procedure_channel c where c.procedure_id = p.id order by c.channel <> 'COUNTER', c.channel limit 1),
              'fees', (select coalesce(json_agg(json_build_object('code', f.code, 'name', f.name, 'amount', f.amount) order by f.code), '[]'::json)
                from procedure_fee f where f.procedure_id = p.id and f.channel = 'COUNTER'),
              'components', (select coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'required', c.required) order by c.position), '[]'::json)
                from procedure_component c where c.procedure_id = p.id),
              'steps', (select coalesce(json_agg(json_build_object('order', s.step_order, 'agency', json_build_object('code', sa.code, 'name', sa.name),
                  'processingTime', ${time('s.time_amount', 's.time_unit')}) order by s.step_order), '[]'::json)
                from procedure_step s join agency sa on sa.id = s.agency_id where s.procedure_id = p.id))) order by p.code)
            from page p join agency a on a.id = p.agency_id), '[]'::json)::text edges,
          (select encode(convert_to(to_json(p.code)::text, 'UTF8'), 'base64') from page p order by p.code desc limit 1) end_cursor`,
      sql.values,
    );
    const total = Number(row?.total ?? 0);
    return `{"data":{"procedures":{"totalCount":${total},"pageInfo":{"hasNextPage":${total > first},"endCursor":${JSON.stringify(row?.end_cursor ?? null)}},"edges":${row?.edges ?? '[]'}}}}`;
  };

  const stats = async (body: StatsRequest): Promise<string> => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.from) || !/^\d{4}-\d{2}-\d{2}$/.test(body.to) || body.from > body.to) throw new BadRequest('bad period');
    const sql = new Sql();
    // [from 00:00, to+1 00:00) local; overdue as it stood at the period's end, or now for a period not over yet.
    const startAt = new Date(`${body.from}T00:00:00+07:00`);
    const endAt = new Date(Date.parse(`${body.to}T00:00:00+07:00`) + 86_400_000);
    const start = `${sql.param(startAt)}::timestamptz`;
    const end = `${sql.param(endAt)}::timestamptz`;
    const asOf = `${sql.param(new Date(Math.min(Date.now(), endAt.getTime())))}::timestamptz`;
    const scope = body.agencyCode ? `and d.receiving_agency_id = (select id from agency where code = ${sql.param(body.agencyCode)}::text)` : '';
    const row = await one<{ json: string }>(
      `with capable as (select p.id from procedure p where coalesce(p.online_level, '') <> 'INFORMATION_ONLY'
          and exists (select 1 from procedure_channel c where c.procedure_id = p.id and c.channel = 'ONLINE')),
        received as (select d.id, d.channel, d.procedure_id from dossier d where d.received_at >= ${start} and d.received_at < ${end} ${scope}),
        finished as (select count(*) n, count(*) filter (where (d.finished_at + interval '7 hours')::date <= (d.due_at + interval '7 hours')::date) on_time
          from dossier d where d.status in ('RESULT_READY', 'RETURNED') and d.finished_at >= ${start} and d.finished_at < ${end} and d.received_at < ${end} ${scope}),
        overdue as (select count(*) n from dossier d where d.received_at < ${end} and (d.finished_at is null or d.finished_at >= ${asOf})
          and d.due_at is not null and least(coalesce(d.paused_at, ${asOf}), ${asOf}) > d.due_at ${scope}),
        online as (select count(*) capable, count(*) filter (where r.channel = 'ONLINE') online from received r where r.procedure_id in (select id from capable)),
        documents as (select count(*) total, count(c.document_id) digitized from dossier_component c join received r on r.id = c.dossier_id where c.kind <> 'RESULT'),
        ratings as (select count(*) total, count(*) filter (where x.rating in ('VERY_SATISFIED', 'SATISFIED')) satisfied
          from dossier_rating x join dossier d on d.id = x.dossier_id where x.rated_at >= ${start} and x.rated_at < ${end} ${scope})
        select json_build_object('received', (select count(*) from received), 'finished', f.n, 'finishedOnTime', f.on_time, 'overdueOpen', o.n,
          'onTimeRate', f.on_time::float8 / nullif(f.n, 0), 'onlineRate', l.online::float8 / nullif(l.capable, 0),
          'digitizedRate', m.digitized::float8 / nullif(m.total, 0), 'satisfactionRate', r.satisfied::float8 / nullif(r.total, 0))::text json
        from finished f, overdue o, online l, documents m, ratings r`,
      sql.values,
    );
    return `{"data":{"serviceStats":${row?.json ?? 'null'}}}`;
  };

  const receive = async (body: ReceiveRequest): Promise<string> => {
    if (!PROCEDURE_CODE.test(body.procedureCode) || !/^\d{12}$/.test(body.personalId)) throw new BadRequest('bad reception');
    // One statement: the day's number (the counter's row lock serialises an agency's receptions, gapless), the dossier,
    // its steps, components and first history entry, and the access-log line of the population lookup.
    const row = await one<{ json: string | null }>(
      `with ag as (select id, code, kind from agency where code = $1::text),
        pr as (select p.id, p.agency_id, p.name, c.time_amount, c.time_unit from procedure p
          join procedure_channel c on c.procedure_id = p.id and c.channel = $3::text and c.time_amount is not null
          where p.code = $2::text and (p.agency_id = (select id from ag) or (select kind from ag) = 'CENTRE')),
        day as (select now() at time zone 'Asia/Ho_Chi_Minh' local),
        counter as (insert into dossier_code_counter (agency_code, day, last_value)
          select ag.code, to_char(day.local, 'YYYY-MM-DD'), 1 from ag, day where exists (select 1 from pr)
          on conflict (agency_code, day) do update set last_value = dossier_code_counter.last_value + 1 returning last_value),
        created as (insert into dossier (id, code, procedure_id, receiving_agency_id, current_agency_id, channel, return_method, status,
            applicant_personal_id, applicant_full_name, applicant_identity_status, received_at, due_at, receipt_due_at, last_action_at, version, created_at, updated_at)
          select gen_random_uuid(), ag.code || '-' || to_char(day.local, 'YYMMDD') || '-' || case when k.last_value < 10000 then lpad(k.last_value::text, 4, '0') else k.last_value::text end,
            pr.id, ag.id, ag.id, $3::text, 'COUNTER', 'RECEIVED', $4::text, $5::text, 'VERIFIED', now(), now() + ${DAYS('pr.time_amount', 'pr.time_unit')},
            now() + ${DAYS('pr.time_amount', 'pr.time_unit')}, now(), 1, now(), now()
          from ag, pr, day, counter k
          returning id, code, status, received_at, due_at),
        steps as (insert into dossier_step (id, dossier_id, step_order, agency_id, name, time_amount, time_unit, status)
          select gen_random_uuid(), d.id, row_number() over (order by s.step_order), s.agency_id, s.name, s.time_amount, s.time_unit, 'PENDING'
          from created d, procedure_step s where s.procedure_id = (select id from pr)
          union all
          select gen_random_uuid(), d.id, 1, pr.agency_id, pr.name, pr.time_amount, pr.time_unit, 'PENDING'
          from created d, pr where not exists (select 1 from procedure_step s where s.procedure_id = pr.id)),
        components as (insert into dossier_component (id, dossier_id, code, name, position, reused, kind)
          select gen_random_uuid(), d.id, c.code, c.name, (u.ord - 1)::int, false, 'APPLICATION'
          from created d, unnest($6::text[]) with ordinality u(code, ord) join procedure_component c on c.code = u.code and c.procedure_id = (select id from pr)),
        history as (insert into dossier_history (id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at)
          select gen_random_uuid(), d.id, 'RECEIVE', null, 'RECEIVED', 'Cán bộ ' || ag.code, 'officer-' || ag.code, ag.id, now() from created d, ag),
        access as (insert into citizen_access_log (id, request_id, at, actor_id, actor_name, agency_code, personal_id, purpose, dossier_code, basis, outcome, answered_at)
          select gen_random_uuid(), gen_random_uuid()::text, now(), 'officer-' || ag.code, 'Cán bộ ' || ag.code, ag.code, $4::text, 'Tiếp nhận hồ sơ thủ tục ' || $2::text, d.code, 'OTP', 'FOUND', now()
          from created d, ag)
        select json_build_object('code', d.code, 'status', d.status, 'receivedAt', ${iso('d.received_at')}, 'dueAt', ${iso('d.due_at')},
          'receipt', json_build_object('number', d.code, 'issuedAt', ${iso('d.received_at')}, 'dueAt', ${iso('d.due_at')}))::text json from created d`,
      [body.agencyCode, body.procedureCode, body.channel, body.personalId, body.fullName, body.components],
    );
    const errors = row ? '[]' : '[{"field":"input.procedureCode","message":"not received","code":"INVALID_INPUT"}]';
    return `{"data":{"receiveDossier":{"dossier":${row?.json ?? 'null'},"userErrors":${errors}}}}`;
  };

  const transition = async (body: TransitionRequest): Promise<string> => {
    if (!DOSSIER_CODE.test(body.code) || !['FORWARD', 'COMPLETE_STEP'].includes(body.action)) throw new BadRequest('bad transition');
    // One statement: the dossier's row lock, the version and state-machine checks, the steps, the dossier and its history entry.
    const row = await one<{ json: string | null; version: number | null }>(
      `with d0 as (select d.id, d.code, d.status, d.version, d.receiving_agency_id, d.current_agency_id, d.due_at from dossier d where d.code = $1::text for update),
        cur as (select s.id, s.step_order, s.agency_id from dossier_step s join d0 on s.dossier_id = d0.id where s.status = 'IN_PROGRESS'),
        nxt as (select s.id, s.step_order, s.agency_id, s.time_amount, s.time_unit from dossier_step s join d0 on s.dossier_id = d0.id
          where s.status = 'PENDING' and s.step_order > coalesce((select step_order from cur), 0) order by s.step_order limit 1),
        ok as (select d0.* from d0 where d0.version = $2::int and d0.current_agency_id = (select id from agency where code = $4::text)
          and (($3::text = 'FORWARD' and d0.status in ('RECEIVED', 'PROCESSING') and exists (select 1 from nxt))
            or ($3::text = 'COMPLETE_STEP' and d0.status = 'PROCESSING' and exists (select 1 from cur)))),
        done as (update dossier_step s set status = 'DONE', finished_at = now() from cur, ok where s.id = cur.id returning s.id),
        started as (update dossier_step s set status = 'IN_PROGRESS', started_at = now(),
            due_at = case when nxt.time_amount is null then null else now() + ${DAYS('nxt.time_amount', 'nxt.time_unit')} end
          from nxt, ok where s.id = nxt.id returning s.agency_id),
        moved as (update dossier d set
            status = case when exists (select 1 from nxt) then 'PROCESSING' else 'RESULT_READY' end,
            current_agency_id = coalesce((select agency_id from nxt), d.receiving_agency_id),
            finished_at = case when exists (select 1 from nxt) then d.finished_at else now() end,
            version = d.version + 1, last_action_at = now(), updated_at = now()
          from ok where d.id = ok.id returning d.*),
        entry as (insert into dossier_history (id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at)
          select gen_random_uuid(), m.id, $3::text, ok.status, m.status, 'Cán bộ ' || $4::text, 'officer-' || $4::text, ok.current_agency_id, now() from moved m, ok
          returning action, from_status, to_status, actor, agency_id, at, note)
        select (select version from d0) version, (select json_build_object('code', m.code, 'status', m.status, 'version', m.version, 'dueAt', ${iso('m.due_at')},
            'currentAgency', json_build_object('code', (select code from agency where id = m.current_agency_id)), 'apologies', '[]'::json,
            'history', (select json_agg(json_build_object('action', h.action, 'fromStatus', h.from_status, 'toStatus', h.to_status, 'actor', h.actor,
                'agency', (select json_build_object('code', a.code) from agency a where a.id = h.agency_id), 'at', ${iso('h.at')}, 'note', h.note) order by h.at)
              from (select action, from_status, to_status, actor, agency_id, at, note from dossier_history where dossier_id = m.id union all select * from entry) h)
          )::text from moved m) json`,
      [body.code, body.expectedVersion, body.action, body.agencyCode],
    );
    if (row?.json) return `{"data":{"transitionDossier":{"dossier":${row.json},"userErrors":[]}}}`;
    const stale = row?.version !== null && row?.version !== undefined && row.version !== body.expectedVersion;
    const error = stale ? { field: 'expectedVersion', message: 'stale version', code: 'STALE_VERSION' } : { field: 'action', message: 'not allowed', code: 'INVALID_TRANSITION' };
    return `{"data":{"transitionDossier":{"dossier":null,"userErrors":[${JSON.stringify(error)}]}}}`;
  };

  const routes: Record<string, (body: never) => Promise<string>> = {
    '/track': track,
    '/worklist': worklist,
    '/catalog': catalog,
    '/stats': stats,
    '/receive': receive,
    '/transition': transition,
  };

  const readBody = (req: IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(new BadRequest(error instanceof Error ? error.message : 'bad JSON'));
        }
      });
      req.on('error', reject);
    });

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/statements') {
      send(res, 200, JSON.stringify({ statements }));
      return;
    }
    const route = req.method === 'POST' ? routes[req.url ?? ''] : undefined;
    if (!route) {
      send(res, 404, '{"errors":[{"message":"no such route"}]}');
      return;
    }
    readBody(req)
      .then((body) => route(body as never))
      .then(
        (answer) => send(res, 200, answer),
        (error: unknown) => send(res, error instanceof BadRequest ? 400 : 500, JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] })),
      );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    get statements() {
      return statements;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write('floor: DATABASE_URL is required\n');
    process.exit(2);
  }
  startFloor({ databaseUrl, port: Number(process.env.FLOOR_PORT ?? 0), poolMax: Number(process.env.FLOOR_POOL_MAX ?? 10) }).then(
    (floor) => {
      process.stdout.write(`floor listening at ${floor.url}\n`);
      const stop = () => void floor.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`floor: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
