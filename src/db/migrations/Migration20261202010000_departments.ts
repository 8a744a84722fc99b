import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY'`;
const HISTORY_COLUMNS = `r.id, r.dossier_id, r.action, r.from_status, r.to_status, r.actor, r.actor_id, r.agency_id,
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.note`;

/**
 * Department systems (issue 9): where each step stands with its
 * department's system, the department's own status code beside ours in
 * the history, every report received (once per report key), and each
 * department's pull cursor. The history's canonical text gains the new
 * column only where it is set, so that every hash written before stays
 * valid (npm run audit:verify).
 */
export class Migration20261202010000_departments extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier_step" add column "department_system" varchar(40) null, add column "sent_at" timestamptz null, add column "external_status" varchar(100) null, add column "external_status_label" varchar(200) null, add column "external_status_at" timestamptz null, add column "external_rank" int not null default 0, add column "last_sync_at" timestamptz null, add column "sync_error" text null;`);

    this.addSql(`alter table "dossier_history" add column "external_status" varchar(100) null;`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT'));`);
    this.addSql(`create or replace function dossier_history_canonical(r dossier_history) returns text language sql stable as $$
      select case when r.external_status is null
        then jsonb_build_array(${HISTORY_COLUMNS})::text
        else jsonb_build_array(${HISTORY_COLUMNS}, r.external_status)::text
      end
    $$;`);

    this.addSql(`create table "department_cursor" ("instance" varchar(40) not null, "cursor" varchar(200) null, "last_pull_at" timestamptz null, "last_pull_ok_at" timestamptz null, "last_pull_error" text null, "lease_until" timestamptz null, constraint "department_cursor_pkey" primary key ("instance"));`);

    this.addSql(`create table "department_report" ("id" uuid not null, "instance" varchar(40) not null, "report_key" varchar(200) not null, "dossier_code" varchar(60) not null, "step_id" uuid null, "reference" varchar(200) null, "status" varchar(100) not null, "at" timestamptz not null, "received_at" timestamptz not null, "channel" text check ("channel" in ('PULL', 'PUSH')) not null, "outcome" text check ("outcome" in ('APPLIED', 'RECORDED', 'REFUSED')) not null, "detail" text null, constraint "department_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "department_report" add constraint "department_report_instance_report_key_unique" unique ("instance", "report_key");`);
    this.addSql(`create index "department_report_dossier_code_index" on "department_report" ("dossier_code");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "department_report" cascade;`);
    this.addSql(`drop table if exists "department_cursor" cascade;`);
    this.addSql(`create or replace function dossier_history_canonical(r dossier_history) returns text language sql stable as $$
      select jsonb_build_array(${HISTORY_COLUMNS})::text
    $$;`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    this.addSql(`alter table "dossier_history" drop column "external_status";`);
    this.addSql(`alter table "dossier_step" drop column "department_system", drop column "sent_at", drop column "external_status", drop column "external_status_label", drop column "external_status_at", drop column "external_rank", drop column "last_sync_at", drop column "sync_error";`);
  }
}
