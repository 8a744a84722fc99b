import type { Client } from 'pg';
import { entryHash, GENESIS_HASH } from '../../src/audit/chain-verification';

/**
 * The benchmark's dataset: N dossiers generated set-based (`insert … select
 * … from generate_series`) on a database the hub has migrated and loaded
 * with its catalogue, with the hub stopped. Every row is one the hub could
 * have written: codes in the code format with their counters, steps copied
 * from the procedures, a history that follows the state machine and is
 * hash-chained exactly as the chain trigger would chain it (computed
 * set-based, see `chainHistory`), components, fees, ratings.
 *
 * Shape (issue 10): three years of dossiers over the catalogue's agencies
 * and procedures (a few procedures far more frequent than the rest) and
 * channels; about 92% closed (RETURNED mostly, some REJECTED, WITHDRAWN,
 * STOPPED), the rest open (RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED,
 * AWAITING_PAYMENT, RESULT_READY) and recent, some of them overdue.
 * Receptions fall on weekdays in office hours (local time); 60% of counter
 * receptions are made at the centre (kind CENTRE), the rest at the
 * procedure's own agency; online dossiers are the procedure agency's.
 * Due times are counted in calendar days (1.4 per working day), not with
 * the working calendar: plausible, not exact.
 */

export interface DatasetOptions {
  dossiers: number;
  log: (line: string) => void;
}

export interface DatasetPhase {
  name: string;
  seconds: number;
  rows: number;
}

export interface DatasetReport {
  dossiers: number;
  seconds: number;
  phases: DatasetPhase[];
  /** Rows per table once generated. */
  tables: Record<string, number>;
  /** Microseconds per history row spent in chaining and inserting it. */
  historyMicrosPerRow: number;
}

/** Tables the report counts, in the order printed. */
export const DATASET_TABLES = [
  'dossier',
  'dossier_step',
  'dossier_history',
  'dossier_component',
  'document',
  'document_blob',
  'dossier_fee',
  'dossier_rating',
  'dossier_code_counter',
] as const;

const OPEN = `('RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'RESULT_READY')`;
const LOCAL = `'Asia/Ho_Chi_Minh'`;

/** Names drawn for applicants (synthetic, as the population simulator's). */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lò', 'Hà', 'Mai', 'Trịnh'];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Xuân', 'Thành', 'Đình', 'Ngọc'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Hồng', 'Kim', 'Phương', 'Diệu', 'Bảo'];
const GIVEN_MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Trung', 'Tuấn', 'Vinh'];
const GIVEN_FEMALE = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quỳnh', 'Thảo', 'Trang', 'Vân', 'Yến'];
const WARDS = ['Phường Hạc Thành', 'Phường Quảng Phú', 'Xã Yên Định', 'Phường Sầm Sơn', 'Phường Bỉm Sơn', 'Xã Thọ Xuân', 'Phường Nghi Sơn', 'Xã Hoằng Hóa'];
const STREETS = ['Lê Lợi', 'Trần Phú', 'Quang Trung', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Phan Chu Trinh', 'Bà Triệu'];

/** A SQL text array literal of `items` (no quotes or backslashes in them). */
const sqlArray = (items: readonly string[]): string => `array[${items.map((item) => `'${item}'`).join(', ')}]`;

/** Calendar days a procedure's time takes: 1.4 per working day (weekends), a working hour an eighth of that. */
const DURATION_DAYS = (amount: string, unit: string): string =>
  `(case ${unit} when 'WORKING_DAYS' then ${amount} * 1.4 when 'WORKING_HOURS' then ${amount} / 8.0 * 1.4 else ${amount}::numeric end)`;

/**
 * Fills the hub's database with `options.dossiers` dossiers. The database
 * must be migrated with its catalogue loaded and hold no dossier yet; the
 * hub must be stopped (the history's chain is computed with the chain
 * trigger off, in one transaction). Ends with ANALYZE.
 */
export async function generateDataset(client: Client, options: DatasetOptions): Promise<DatasetReport> {
  const { log } = options;
  const n = Math.max(1, Math.floor(options.dossiers));
  const phases: DatasetPhase[] = [];
  const started = performance.now();
  const phase = async (name: string, run: () => Promise<number>): Promise<number> => {
    const t0 = performance.now();
    const rows = await run();
    const seconds = (performance.now() - t0) / 1000;
    phases.push({ name, seconds, rows });
    log(`  ${name}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`);
    return rows;
  };
  const exec = async (sql: string, params: unknown[] = []): Promise<number> => (await client.query(sql, params)).rowCount ?? 0;

  const [{ agencies, procedures, dossiers }] = (
    await client.query<{ agencies: string; procedures: string; dossiers: string }>(
      `select (select count(*) from agency) agencies, (select count(*) from procedure) procedures, (select count(*) from dossier) dossiers`,
    )
  ).rows as [{ agencies: string; procedures: string; dossiers: string }];
  if (Number(agencies) === 0 || Number(procedures) === 0) throw new Error('the database has no catalogue: start the hub on it once first');
  if (Number(dossiers) > 0) throw new Error(`the database already holds ${dossiers} dossiers`);

  await exec(`drop table if exists bench_pc, bench_ps, bench_d, bench_dd, bench_h, bench_comp`);
  // The same dataset for the same N: random() draws from this seed in this session.
  await client.query(`select setseed(0.2026)`);

  await phase('plan (procedures × channels, steps)', async () => {
    // Every channel a dossier can be received through (a verified time), weighted: a few procedures
    // far more frequent than the rest (Zipf over a fixed shuffle of the codes), counters first.
    await exec(`create unlogged table bench_pc as
      with proc as (
        select p.id, p.code, p.name, p.agency_id, p.online_level, row_number() over (order by md5(p.code)) as rank from procedure p
      ), pc as (
        select proc.id procedure_id, proc.code procedure_code, proc.name procedure_name, proc.agency_id, a.code agency_code,
          c.channel, c.time_amount, c.time_unit, ${DURATION_DAYS('c.time_amount', 'c.time_unit')} dur_days,
          greatest(1, (select count(*) from procedure_step s where s.procedure_id = proc.id))::int step_count,
          exists (select 1 from procedure_fee f where f.procedure_id = proc.id and f.channel = c.channel and f.amount > 0) has_fee,
          (1.0 / power(proc.rank, 0.9)) * (case c.channel when 'COUNTER' then 0.55 when 'ONLINE' then 0.35 else 0.10 end) weight
        from proc join agency a on a.id = proc.agency_id join procedure_channel c on c.procedure_id = proc.id
        where c.time_amount is not null and c.time_unit is not null and not (c.channel = 'ONLINE' and proc.online_level is not distinct from 'INFORMATION_ONLY')
      )
      select row_number() over (order by procedure_code, channel)::int i, pc.*,
        coalesce(sum(weight) over (order by procedure_code, channel rows between unbounded preceding and 1 preceding), 0) / sum(weight) over () lo
      from pc`);
    // Each procedure's steps; one at its own agency, with the channel's time, when it has none (dossier-records.ts).
    await exec(`create unlogged table bench_ps as
      select s.procedure_id, (row_number() over (partition by s.procedure_id order by s.step_order))::int step_order, s.agency_id, s.name, s.time_amount, s.time_unit,
        false channel_time
      from procedure_step s
      union all
      select p.id, 1, p.agency_id, p.name, null, null, true from procedure p where not exists (select 1 from procedure_step s where s.procedure_id = p.id)`);
    await exec(`create index on bench_ps (procedure_id, step_order)`);
    const count = Number((await client.query<{ n: string }>(`select count(*) n from bench_pc`)).rows[0]?.n ?? 0);
    if (count === 0) throw new Error('no procedure channel with a processing time: nothing can be received');
    return count;
  });

  await phase('dossier plan', async () => {
    await exec(
      `create unlogged table bench_d as
      with r as (
        select g n, random() u_pc, random() u_rej, random() u_state, random() u_age, random() u_tod, random() u_sub, random() u_step,
          random() u_fin, random() u_ret, random() u_pause, random() u_centre, random() u_cit, random() u_post, random() u_doc, random() u_rate, random() u_rating
        from generate_series(1, $1::int) g
      ), picked as (
        select r.*, pc.procedure_id, pc.procedure_code, pc.agency_id proc_agency_id, pc.agency_code proc_agency_code, pc.channel,
          pc.time_amount, pc.time_unit, pc.dur_days, pc.step_count, pc.has_fee
        from r join bench_pc pc on pc.i = width_bucket(r.u_pc, (select array_agg(lo order by i) from bench_pc))
      ), s as (
        select p.*,
          case
            when p.channel = 'ONLINE' and p.u_rej < 0.06 then 'REJECTED'
            when p.u_state < 0.015 then 'RECEIVED'
            when p.u_state < 0.050 then 'PROCESSING'
            when p.u_state < 0.060 then 'SUPPLEMENT_REQUESTED'
            when p.u_state < 0.067 then case when p.has_fee then 'AWAITING_PAYMENT' else 'PROCESSING' end
            when p.u_state < 0.080 then 'RESULT_READY'
            when p.u_state < 0.115 then 'WITHDRAWN'
            when p.u_state < 0.125 then 'STOPPED'
            else 'RETURNED'
          end status
        from picked p
      ), aged as (
        -- Open dossiers are recent (some past their due time); closed ones spread over three years.
        select s.*, case when s.status in ${OPEN}
            then s.u_age * (1.1 * s.dur_days + 1)
            else least(1.3 * s.dur_days + 5, 1000) + s.u_age * (1095 - least(1.3 * s.dur_days + 5, 1000)) end age_days
        from s
      ), dated as (
        -- A weekday, in office hours (07:30-11:30, 13:30-17:00 local), never in the future.
        select a.*, (((now() - a.age_days * interval '1 day') at time zone ${LOCAL})::date) raw_day,
          a.u_tod * 450 + case when a.u_tod * 450 >= 240 then 120 else 0 end tod_minutes
        from aged a
      ), evented as (
        select d.*, least(
            ((d.raw_day - case extract(isodow from d.raw_day) when 6 then 1 when 7 then 2 else 0 end) + time '07:30' + d.tod_minutes * interval '1 minute') at time zone ${LOCAL},
            now() - interval '1 minute') event_at,
          1 + floor(d.u_cit * greatest($1::int / 2.5, 1))::int citizen
        from dated d
      ), timed as (
        select e.*,
          case when e.channel = 'ONLINE' then e.event_at end submitted_at,
          case when e.status = 'REJECTED' then null
               when e.channel = 'ONLINE' then greatest(e.event_at, least(e.event_at + e.u_sub * interval '20 hours', now() - interval '30 seconds'))
               else e.event_at end received_at
        from evented e
      ), finished as (
        select t.*,
          case t.status
            when 'REJECTED' then least(t.event_at + t.u_fin * interval '2 days', now() - interval '10 seconds')
            when 'RETURNED' then t.received_at + t.dur_days * (0.3 + 0.8 * t.u_fin) * interval '1 day'
            when 'RESULT_READY' then t.received_at + (now() - t.received_at) * (0.5 + 0.5 * t.u_fin)
            when 'WITHDRAWN' then t.received_at + t.dur_days * 0.4 * t.u_fin * interval '1 day'
            when 'STOPPED' then t.received_at + t.dur_days * 0.6 * t.u_fin * interval '1 day'
          end finished_at,
          case when t.status in ('SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT') then t.received_at + (now() - t.received_at) * (0.3 + 0.7 * t.u_pause) end paused_at,
          case t.status
            when 'RECEIVED' then 0
            when 'REJECTED' then 0
            when 'RESULT_READY' then t.step_count
            when 'RETURNED' then t.step_count
            when 'WITHDRAWN' then floor(t.u_step * (t.step_count + 1))::int
            else 1 + floor(t.u_step * t.step_count)::int
          end started_steps
        from timed t
      )
      select gen_random_uuid() id, f.*,
        case when f.channel <> 'ONLINE' and f.u_centre < 0.6 and (select id from agency where kind = 'CENTRE' order by code limit 1) is not null
          then (select id from agency where kind = 'CENTRE' order by code limit 1) else f.proc_agency_id end receiving_agency_id,
        case when f.status = 'RETURNED' then least(f.finished_at + f.u_ret * interval '3 days', now() - interval '5 seconds') end returned_at,
        case when f.received_at is not null then f.received_at + f.dur_days * interval '1 day' end due_at,
        -- Where the timeline of the steps ends: the finish, the pause, or now for a dossier still moving.
        coalesce(f.finished_at, f.paused_at, now()) steps_end,
        f.status in ('RESULT_READY', 'RETURNED') all_done
      from finished f`,
      [n],
    );
    // Codes: per receiving agency and local day, numbered in order of the moment the code was given.
    await exec(`create unlogged table bench_dd as
      select x.*,
        x.receiving_code || '-' || to_char(x.event_at at time zone ${LOCAL}, 'YYMMDD') || '-' || case when x.seq < 10000 then lpad(x.seq::text, 4, '0') else x.seq::text end code,
        '038' || (x.citizen % 4)::text
          || lpad((case when x.citizen % 4 < 2 then 50 + (x.citizen / 4) % 50 else (x.citizen / 4) % 8 end)::text, 2, '0')
          || lpad(((x.citizen / 999) % 1000)::text, 3, '0') || lpad((x.citizen % 999 + 1)::text, 3, '0') pid,
        case when x.citizen % 2 = 0 then 'MALE' else 'FEMALE' end gender,
        (${sqlArray(FAMILY)})[1 + x.citizen % ${FAMILY.length}] || ' '
          || case when x.citizen % 2 = 0 then (${sqlArray(MIDDLE_MALE)})[1 + (x.citizen / 20) % ${MIDDLE_MALE.length}] else (${sqlArray(MIDDLE_FEMALE)})[1 + (x.citizen / 20) % ${MIDDLE_FEMALE.length}] end || ' '
          || case when x.citizen % 2 = 0 then (${sqlArray(GIVEN_MALE)})[1 + (x.citizen / 200) % ${GIVEN_MALE.length}] else (${sqlArray(GIVEN_FEMALE)})[1 + (x.citizen / 200) % ${GIVEN_FEMALE.length}] end full_name,
        to_char(make_date((case when x.citizen % 4 < 2 then 1950 + (x.citizen / 4) % 50 else 2000 + (x.citizen / 4) % 8 end), 1 + x.citizen % 12, 1 + x.citizen % 28), 'YYYY-MM-DD') dob,
        'Số ' || (1 + x.citizen % 199) || ' ' || (${sqlArray(STREETS)})[1 + x.citizen % ${STREETS.length}] || ', '
          || (${sqlArray(WARDS)})[1 + (x.citizen / 7) % ${WARDS.length}] || ', Tỉnh Thanh Hóa' address
      from (
        select d.*, a.code receiving_code, to_char(d.event_at at time zone ${LOCAL}, 'YYYY-MM-DD') code_day,
          row_number() over (partition by a.code, (d.event_at at time zone ${LOCAL})::date order by d.event_at, d.n) seq
        from bench_d d join agency a on a.id = d.receiving_agency_id
      ) x`);
    return n;
  });

  await phase('dossier', () =>
    exec(`insert into dossier (id, code, procedure_id, receiving_agency_id, current_agency_id, channel, return_method, delivery_address, status,
        applicant_personal_id, applicant_full_name, applicant_date_of_birth, applicant_gender, applicant_permanent_address, applicant_current_address,
        applicant_phone, applicant_email, applicant_identity_status, applicant_typed_full_name,
        submitted_at, received_at, due_at, finished_at, returned_at, paused_at, receipt_due_at, last_action_at, version, created_at, updated_at)
      select d.id, d.code, d.procedure_id, d.receiving_agency_id,
        case when d.started_steps >= 1 and not d.all_done then cur.agency_id else d.receiving_agency_id end,
        d.channel, case when d.channel = 'POSTAL' and d.u_post < 0.5 then 'POST' else 'COUNTER' end,
        case when d.channel = 'POSTAL' and d.u_post < 0.5 then d.address end,
        d.status, d.pid, d.full_name, d.dob, d.gender, d.address, d.address,
        case when d.citizen % 2 = 0 then '09' || lpad((d.citizen % 100000000)::text, 8, '0') end, null, 'VERIFIED', null,
        d.submitted_at, d.received_at, d.due_at, d.finished_at, d.returned_at, d.paused_at, d.due_at, last.at,
        -- One version per history entry (every transition bumps it): see the history below.
        1 + case when d.channel = 'ONLINE' then 1 else 0 end
          + case when d.started_steps >= 1 then d.started_steps else 0 end
          + case when d.all_done then 1 else 0 end
          + case when d.status in ('RETURNED', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'STOPPED', 'WITHDRAWN') then 1 else 0 end,
        d.event_at, last.at
      from bench_dd d
      left join bench_ps cur on cur.procedure_id = d.procedure_id and cur.step_order = d.started_steps
      -- The last action's time (the hub's updated_at too).
      cross join lateral (select case d.status
          when 'RETURNED' then d.returned_at
          when 'RECEIVED' then d.received_at
          when 'PROCESSING' then d.received_at + (d.steps_end - d.received_at) * (d.started_steps::float8 / (d.started_steps + 1))
          when 'SUPPLEMENT_REQUESTED' then d.paused_at
          when 'AWAITING_PAYMENT' then d.paused_at
          else d.finished_at
        end at) last
      order by d.event_at`),
  );

  await phase('dossier_step', () =>
    exec(`insert into dossier_step (id, dossier_id, step_order, agency_id, name, time_amount, time_unit, status, started_at, due_at, finished_at)
      select gen_random_uuid(), d.id, s.step_order, s.agency_id, s.name,
        case when s.channel_time then d.time_amount else s.time_amount end,
        case when s.channel_time then d.time_unit else s.time_unit end,
        case when s.step_order < d.started_steps or (s.step_order = d.started_steps and d.all_done) then 'DONE'
             when s.step_order = d.started_steps then 'IN_PROGRESS' else 'PENDING' end,
        st.started_at,
        st.started_at + ${DURATION_DAYS(
          'case when s.channel_time then d.time_amount else s.time_amount end',
          'case when s.channel_time then d.time_unit else s.time_unit end',
        )} * interval '1 day',
        case when s.step_order < d.started_steps then d.received_at + (d.steps_end - d.received_at) * ((s.step_order + 1)::float8 / (d.started_steps + 1))
             when s.step_order = d.started_steps and d.all_done then d.steps_end end
      from bench_dd d join bench_ps s on s.procedure_id = d.procedure_id
      cross join lateral (select case when s.step_order <= d.started_steps
        then d.received_at + (d.steps_end - d.received_at) * (s.step_order::float8 / (d.started_steps + 1)) end started_at) st
      where d.status <> 'REJECTED'`),
  );

  await phase('document_blob', () =>
    exec(`insert into document_blob (sha256, content, size, created_at)
      select encode(sha256(c), 'hex'), c, length(c), now() - interval '3 years'
      from (select convert_to('%PDF-1.4' || chr(10) || '% Liên thông benchmark document ' || k || chr(10) || '%%EOF' || chr(10), 'UTF8') c from generate_series(1, 16) k) x
      on conflict do nothing`),
  );
  await phase('dossier_component, document', async () => {
    // The procedure's required components and some optional ones; online dossiers are digitised, and 40% of the others (scanned at the counter).
    await exec(`create unlogged table bench_comp as
      select d.id dossier_id, d.pid, d.event_at, c.code, c.name, (row_number() over (partition by d.id order by c.position) - 1)::int position,
        case when d.channel = 'ONLINE' or d.u_doc < 0.4 then gen_random_uuid() end document_id
      from bench_dd d join procedure_component c on c.procedure_id = d.procedure_id
      where c.required or random() < 0.3`);
    const documents = await exec(`insert into document (id, owner_personal_id, sha256, file_name, content_type, size, component_code, created_at)
      select c.document_id, c.pid, b.sha256, 'tp-' || (c.position + 1) || '.pdf', 'application/pdf', b.size, c.code, c.event_at
      from bench_comp c join (select sha256, size, row_number() over (order by sha256) - 1 k from document_blob) b on b.k = abs(hashtext(c.document_id::text)) % (select count(*) from document_blob)
      where c.document_id is not null`);
    const components = await exec(`insert into dossier_component (id, dossier_id, code, name, position, file_name, document_id, reused, kind)
      select gen_random_uuid(), c.dossier_id, c.code, c.name, c.position, case when c.document_id is not null then 'tp-' || (c.position + 1) || '.pdf' end,
        c.document_id, false, 'APPLICATION'
      from bench_comp c`);
    return documents + components;
  });

  await phase('dossier_fee', () =>
    // Every default fee of the channel and some of the others; a dossier awaiting payment owes at least one.
    exec(`insert into dossier_fee (id, dossier_id, code, name, amount, paid, paid_at)
      select gen_random_uuid(), d.id, f.code, f.name, f.amount,
        paid.yes, case when paid.yes then coalesce(d.received_at, d.submitted_at) + (coalesce(d.finished_at, now()) - coalesce(d.received_at, d.submitted_at)) / 2 end
      from bench_dd d join procedure_fee f on f.procedure_id = d.procedure_id and f.channel = d.channel
      cross join lateral (select case
        when d.status in ('RESULT_READY', 'RETURNED') then true
        when d.status in ('AWAITING_PAYMENT', 'REJECTED', 'RECEIVED') then false
        else d.u_fin < 0.5 end yes) paid
      where f.is_default or (d.status = 'AWAITING_PAYMENT' and f.amount > 0) or random() < 0.3`),
  );

  await phase('dossier_rating', () =>
    exec(`insert into dossier_rating (id, dossier_id, rating, comment, rated_at)
      select gen_random_uuid(), d.id,
        case when d.u_rating < 0.55 then 'VERY_SATISFIED' when d.u_rating < 0.93 then 'SATISFIED' else 'UNSATISFIED' end,
        case when d.u_rating >= 0.93 then 'Chờ lâu' end,
        least(d.returned_at + d.u_rating * interval '2 days', now() - interval '1 second')
      from bench_dd d where d.status = 'RETURNED' and d.u_rate < 0.2`),
  );

  await phase('dossier_code_counter', () =>
    exec(`insert into dossier_code_counter (agency_code, day, last_value)
      select receiving_code, code_day, max(seq) from bench_dd group by receiving_code, code_day
      on conflict (agency_code, day) do update set last_value = greatest(dossier_code_counter.last_value, excluded.last_value)`),
  );

  // The history, as the state machine writes it (lifecycle.ts): intake, then each move, in order of time.
  await phase('history plan', async () => {
    const officer = (agency: string) => `'Cán bộ ' || ${agency}.code, 'officer-' || ${agency}.code, ${agency}.id`;
    const rows = await exec(`create unlogged table bench_h as
      with d as (
        select d.*, ra.code ra_code, ra.id ra_id from bench_dd d join agency ra on ra.id = d.receiving_agency_id
      ), steps as (
        select d.id dossier_id, s.step_order, s.agency_id,
          d.received_at + (d.steps_end - d.received_at) * (s.step_order::float8 / (d.started_steps + 1)) started_at
        from d join bench_ps s on s.procedure_id = d.procedure_id and s.step_order <= d.started_steps
      ), events as (
        -- Intake: SUBMIT online (by the citizen), RECEIVE at a counter or from the post.
        select d.id dossier_id, d.event_at at,
          case when d.channel = 'ONLINE' then 'SUBMIT' else 'RECEIVE' end action, null from_status,
          case when d.channel = 'ONLINE' then 'SUBMITTED' else 'RECEIVED' end to_status,
          case when d.channel = 'ONLINE' then d.full_name else 'Cán bộ ' || d.ra_code end actor,
          case when d.channel = 'ONLINE' then 'citizen-' || d.pid else 'officer-' || d.ra_code end actor_id,
          case when d.channel = 'ONLINE' then null else d.ra_id end agency_id, null note
        from d
        union all
        select d.id, coalesce(d.received_at, d.finished_at), case when d.status = 'REJECTED' then 'REJECT' else 'ACCEPT' end, 'SUBMITTED',
          case when d.status = 'REJECTED' then 'REJECTED' else 'RECEIVED' end, 'Cán bộ ' || d.ra_code, 'officer-' || d.ra_code, d.ra_id,
          case when d.status = 'REJECTED' then 'Hồ sơ không đủ điều kiện tiếp nhận.' end
        from d where d.channel = 'ONLINE'
        union all
        -- FORWARD starts the first step (at the receiving agency); each COMPLETE_STEP starts the next one.
        select s.dossier_id, s.started_at, case when s.step_order = 1 then 'FORWARD' else 'COMPLETE_STEP' end,
          case when s.step_order = 1 then 'RECEIVED' else 'PROCESSING' end, 'PROCESSING',
          'Cán bộ ' || a.code, 'officer-' || a.code, a.id, null
        from steps s join d on d.id = s.dossier_id
        left join bench_ps prev on prev.procedure_id = d.procedure_id and prev.step_order = s.step_order - 1
        join agency a on a.id = coalesce(prev.agency_id, d.receiving_agency_id)
        union all
        -- The last COMPLETE_STEP: the result is ready.
        select d.id, d.finished_at, 'COMPLETE_STEP', 'PROCESSING', 'RESULT_READY', ${officer('a')}, null
        from d join bench_ps s on s.procedure_id = d.procedure_id and s.step_order = d.started_steps join agency a on a.id = s.agency_id
        where d.all_done
        union all
        select d.id, d.returned_at, 'RETURN', 'RESULT_READY', 'RETURNED',
          case when d.channel = 'POSTAL' and d.u_post < 0.5 then 'Bưu điện tỉnh Thanh Hóa' else 'Cán bộ ' || d.ra_code end,
          case when d.channel = 'POSTAL' and d.u_post < 0.5 then 'vnpost' else 'officer-' || d.ra_code end,
          case when d.channel = 'POSTAL' and d.u_post < 0.5 then null else d.ra_id end, null
        from d where d.status = 'RETURNED'
        union all
        -- The move that left an open or closed dossier where it is: a request, a stop, a withdrawal.
        select d.id, coalesce(d.paused_at, d.finished_at),
          case d.status when 'SUPPLEMENT_REQUESTED' then 'REQUEST_SUPPLEMENT' when 'AWAITING_PAYMENT' then 'REQUEST_PAYMENT' when 'STOPPED' then 'STOP' else 'WITHDRAW' end,
          case when d.started_steps >= 1 then 'PROCESSING' else 'RECEIVED' end, d.status,
          case when d.status = 'WITHDRAWN' then d.full_name else 'Cán bộ ' || a.code end,
          case when d.status = 'WITHDRAWN' then 'citizen-' || d.pid else 'officer-' || a.code end,
          case when d.status = 'WITHDRAWN' then null else a.id end,
          case d.status when 'SUPPLEMENT_REQUESTED' then 'Bổ sung bản sao giấy tờ còn thiếu.' when 'STOPPED' then 'Người nộp không bổ sung đúng hạn.' end
        from d left join bench_ps s on s.procedure_id = d.procedure_id and s.step_order = d.started_steps left join agency a on a.id = s.agency_id
        where d.status in ('SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'STOPPED', 'WITHDRAWN')
      )
      select gen_random_uuid() id, e.*, row_number() over (order by e.at, e.dossier_id) ord from events e`);
    await exec(`create index on bench_h (ord)`);
    return rows;
  });

  const historyRows = Number((await client.query<{ n: string }>(`select count(*) n from bench_h`)).rows[0]?.n ?? 0);
  let historySeconds = 0;
  await phase('dossier_history (hash chain computed set-based, one transaction)', async () => {
    const t0 = performance.now();
    const rows = await chainHistory(client);
    historySeconds = (performance.now() - t0) / 1000;
    return rows;
  });
  await phase('chain spot check (first and last entries recomputed in Node)', async () => spotCheckChain(client, historyRows));

  await phase('checks', async () => {
    const problems = (
      await client.query<{ problem: string; n: string }>(`
        select 'version differs from the history' problem, count(*) n from dossier d
          where d.version <> (select count(*) from dossier_history h where h.dossier_id = d.id)
        union all select 'duplicate code', count(*) - count(distinct code) from dossier
        union all select 'counter behind its codes', count(*) from (
          select split_part(code, '-', 1) agency, split_part(code, '-', 2) yymmdd, max(split_part(code, '-', 3)::int) top from dossier group by 1, 2) c
          where not exists (select 1 from dossier_code_counter k where k.agency_code = c.agency
            and k.day = '20' || substr(c.yymmdd, 1, 2) || '-' || substr(c.yymmdd, 3, 2) || '-' || substr(c.yymmdd, 5, 2) and k.last_value >= c.top)
        union all select 'open dossier in the future', count(*) from dossier where coalesce(received_at, submitted_at) > now()`)
    ).rows.filter((row) => Number(row.n) > 0);
    if (problems.length > 0) throw new Error(`the generated dataset is inconsistent: ${problems.map((p) => `${p.problem} (${p.n})`).join(', ')}`);
    return 0;
  });

  await exec(`drop table if exists bench_pc, bench_ps, bench_d, bench_dd, bench_h, bench_comp`);
  await phase('analyze', async () => {
    await exec(`analyze`);
    return 0;
  });

  const tables: Record<string, number> = {};
  for (const table of DATASET_TABLES) {
    tables[table] = Number((await client.query<{ n: string }>(`select count(*) n from ${table}`)).rows[0]?.n ?? 0);
  }
  return {
    dossiers: n,
    seconds: (performance.now() - started) / 1000,
    phases,
    tables,
    historyMicrosPerRow: historyRows === 0 ? 0 : (historySeconds * 1e6) / historyRows,
  };
}

/**
 * Appends bench_h to dossier_history in `ord` order, hash-chained exactly as
 * the chain trigger (Migration20261201120000_audit_chain) would chain it,
 * but set-based: the trigger bumps the chain's head row twice per entry,
 * and within one transaction every bump leaves a row version the next must
 * walk past (355 µs per row at 5,000 rows per statement; 25 minutes for a
 * million dossiers' history). Here a window aggregate carries the previous
 * hash from row to row in one pass, the rows go in with the trigger off,
 * and the head row is moved once. One transaction: an interrupted run
 * leaves neither rows nor a disabled trigger behind.
 */
async function chainHistory(client: Client): Promise<number> {
  await client.query('begin');
  try {
    await client.query(`set local work_mem = '512MB'`);
    const head = (await client.query<{ seq: string; head_hash: string }>(`select seq, head_hash from audit_chain where name = 'dossier_history' for update`)).rows[0];
    if (head === undefined) throw new Error('the audit chain dossier_history has no head row: is the database migrated?');
    // The rows as dossier_history rows (same columns, same order), numbered after the chain's head.
    await client.query(`create temporary table bench_hist (like dossier_history including defaults) on commit drop`);
    await client.query(
      `insert into bench_hist (id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at, note, chain_seq, prev_hash, hash)
      select id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at, note, $1::bigint + ord, '', '' from bench_h`,
      [head.seq],
    );
    // The trigger's link, as an aggregate's step: state = the previous entry's hash.
    await client.query(`create function pg_temp.bench_chain_step(prev text, seq bigint, canonical text, genesis text) returns text language sql immutable as $$
      select encode(sha256(convert_to('dossier_history' || E'\\n' || seq::text || E'\\n' || coalesce(prev, genesis) || E'\\n' || canonical, 'UTF8')), 'hex')
    $$`);
    await client.query(`create aggregate pg_temp.bench_chain(bigint, text, text) (sfunc = pg_temp.bench_chain_step, stype = text)`);
    await client.query(`alter table dossier_history disable trigger dossier_history_chain`);
    const inserted = await client.query(
      `insert into dossier_history (id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at, note, chain_seq, prev_hash, hash)
      select id, dossier_id, action, from_status, to_status, actor, actor_id, agency_id, at, note, chain_seq,
        coalesce(lag(hash) over (order by chain_seq), $1), hash
      from (
        select b.id, b.dossier_id, b.action, b.from_status, b.to_status, b.actor, b.actor_id, b.agency_id, b.at, b.note, b.chain_seq,
          pg_temp.bench_chain(b.chain_seq, dossier_history_canonical(row(b.*)::dossier_history), $1)
            over (order by b.chain_seq rows between unbounded preceding and current row) as hash
        from bench_hist b
      ) chained
      order by chain_seq`,
      [head.head_hash],
    );
    await client.query(`alter table dossier_history enable trigger dossier_history_chain`);
    await client.query(
      `update audit_chain set seq = t.seq, head_hash = t.hash
      from (select chain_seq seq, hash from dossier_history order by chain_seq desc limit 1) t where name = 'dossier_history' and t.seq > audit_chain.seq`,
    );
    await client.query('commit');
    return inserted.rowCount ?? 0;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * Recomputes in Node, with the hub's own verifier's formula, the first and
 * last entries of the chain and its head: a set-based chain that differed
 * from the trigger's by one byte fails here (the hub's verifier would then
 * report the database as tampered with).
 */
async function spotCheckChain(client: Client, historyRows: number): Promise<number> {
  const sample = 200;
  const rows = (
    await client.query<{ chain_seq: string; prev_hash: string; hash: string; canonical: string }>(
      `(select chain_seq, prev_hash, hash, dossier_history_canonical(h) canonical from dossier_history h order by chain_seq limit $1)
      union all
      (select chain_seq, prev_hash, hash, dossier_history_canonical(h) canonical from dossier_history h order by chain_seq desc limit $1)
      order by chain_seq`,
      [sample],
    )
  ).rows;
  let previous: { seq: number; hash: string } | null = null as { seq: number; hash: string } | null;
  for (const row of rows) {
    const seq = Number(row.chain_seq);
    if (previous?.seq === seq) continue;
    if (seq === 1 && row.prev_hash !== GENESIS_HASH) throw new Error('the chain\'s first entry does not start from the genesis hash');
    if (previous !== null && previous.seq === seq - 1 && row.prev_hash !== previous.hash) throw new Error(`chain entry ${seq} does not link to entry ${seq - 1}`);
    if (entryHash('dossier_history', seq, row.prev_hash, row.canonical) !== row.hash) throw new Error(`chain entry ${seq} does not hash as the chain trigger would`);
    previous = { seq, hash: row.hash };
  }
  const head = (await client.query<{ seq: string; head_hash: string }>(`select seq, head_hash from audit_chain where name = 'dossier_history'`)).rows[0];
  if (historyRows > 0 && (head === undefined || previous === null || Number(head.seq) !== previous.seq || head.head_hash !== previous.hash)) {
    throw new Error('the chain\'s head row does not point at its last entry');
  }
  return rows.length;
}
