import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY', 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT', 'RECORD_PAYMENT', 'WAIVE_OBLIGATIONS', 'CHANGE_RETURN_METHOD', 'POSTAL_ORDER', 'POSTAL_EVENT', 'SUPPLEMENT_PARTIAL'`;

/**
 * Situations of a real centre (issue 13, part 4): opinions asked of other
 * agencies in parallel (dossier_consultation), and three moves in the
 * history: SEND_BACK, CONSULT, ANSWER_CONSULTATION.
 */
export class Migration20261202090000_consultations extends Migration {
  override up(): void {
    this.addSql(`create table "dossier_consultation" ("id" uuid not null, "dossier_id" uuid not null, "agency_id" uuid not null, "asked_by_id" uuid not null,
      "question" text not null, "requested_at" timestamptz not null, "requested_by" varchar(200) not null, "due_at" timestamptz null,
      "answered_at" timestamptz null, "answer" text null, "answered_by" varchar(200) null,
      constraint "dossier_consultation_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_consultation_dossier_id_index" on "dossier_consultation" ("dossier_id");`);
    this.addSql(`create index "dossier_consultation_agency_id_answered_at_index" on "dossier_consultation" ("agency_id", "answered_at");`);
    this.addSql(`alter table "dossier_consultation" add constraint "dossier_consultation_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_consultation" add constraint "dossier_consultation_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade;`);
    this.addSql(`alter table "dossier_consultation" add constraint "dossier_consultation_asked_by_id_foreign" foreign key ("asked_by_id") references "agency" ("id") on update cascade;`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'SEND_BACK', 'CONSULT', 'ANSWER_CONSULTATION'));`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    this.addSql(`drop table if exists "dossier_consultation" cascade;`);
  }
}
