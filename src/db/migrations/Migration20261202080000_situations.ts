import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY', 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT', 'RECORD_PAYMENT', 'WAIVE_OBLIGATIONS', 'CHANGE_RETURN_METHOD', 'POSTAL_ORDER', 'POSTAL_EVENT'`;

/**
 * Situations of a real centre (issue 13, part 2): supplement requests with
 * their items and deadline, answered in part or in full
 * (SUPPLEMENT_PARTIAL); steps cancelled when their dossier is stopped,
 * withdrawn or refused.
 */
export class Migration20261202080000_situations extends Migration {
  override up(): void {
    this.addSql(`create table "dossier_supplement_request" ("id" uuid not null, "dossier_id" uuid not null, "reason" text not null, "items" jsonb not null,
      "due_at" timestamptz null, "requested_at" timestamptz not null, "requested_by" varchar(200) not null,
      "status" text check ("status" in ('OPEN', 'PARTIAL', 'COMPLETE', 'ABANDONED')) not null default 'OPEN',
      "last_supplied_at" timestamptz null, "completed_at" timestamptz null, "supplied_codes" jsonb not null default '[]',
      constraint "dossier_supplement_request_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_supplement_request_dossier_id_index" on "dossier_supplement_request" ("dossier_id");`);
    this.addSql(`alter table "dossier_supplement_request" add constraint "dossier_supplement_request_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_step" drop constraint if exists "dossier_step_status_check";`);
    this.addSql(`alter table "dossier_step" add constraint "dossier_step_status_check" check ("status" in ('PENDING', 'IN_PROGRESS', 'DONE', 'CANCELLED'));`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'SUPPLEMENT_PARTIAL'));`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    this.addSql(`alter table "dossier_step" drop constraint if exists "dossier_step_status_check";`);
    this.addSql(`alter table "dossier_step" add constraint "dossier_step_status_check" check ("status" in ('PENDING', 'IN_PROGRESS', 'DONE'));`);
    this.addSql(`drop table if exists "dossier_supplement_request" cascade;`);
  }
}
