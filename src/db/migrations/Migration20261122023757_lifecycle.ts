import { Migration } from '@mikro-orm/migrations';

export class Migration20261122023757_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossier_overdue_event" ("id" uuid not null, "dossier_id" uuid not null, "due_at" timestamptz not null, "detected_at" timestamptz not null, "notified_at" timestamptz null, constraint "dossier_overdue_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "dossier_overdue_event" add constraint "dossier_overdue_event_dossier_id_due_at_unique" unique ("dossier_id", "due_at");`);

    this.addSql(`create table "dossier_step" ("id" uuid not null, "dossier_id" uuid not null, "step_order" int not null, "agency_id" uuid not null, "name" text not null, "time_amount" int null, "time_unit" text check ("time_unit" in ('WORKING_DAYS', 'WORKING_HOURS', 'DAYS')) null, "status" text check ("status" in ('PENDING', 'IN_PROGRESS', 'DONE')) not null default 'PENDING', "started_at" timestamptz null, "due_at" timestamptz null, "finished_at" timestamptz null, "external_reference" varchar(200) null, constraint "dossier_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "dossier_step" add constraint "dossier_step_dossier_id_step_order_unique" unique ("dossier_id", "step_order");`);

    this.addSql(`create table "dossier_rating" ("id" uuid not null, "dossier_id" uuid not null, "rating" varchar(20) not null, "comment" text null, "rated_at" timestamptz not null, constraint "dossier_rating_pkey" primary key ("id"));`);
    this.addSql(`alter table "dossier_rating" add constraint "dossier_rating_dossier_id_unique" unique ("dossier_id");`);

    this.addSql(`create table "dossier_history" ("id" uuid not null, "dossier_id" uuid not null, "action" text check ("action" in ('SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND')) not null, "from_status" text check ("from_status" in ('SUBMITTED', 'RECEIVED', 'REJECTED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'WITHDRAWN', 'STOPPED', 'RESULT_READY', 'RETURNED')) null, "to_status" text check ("to_status" in ('SUBMITTED', 'RECEIVED', 'REJECTED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'WITHDRAWN', 'STOPPED', 'RESULT_READY', 'RETURNED')) not null, "actor" varchar(200) not null, "actor_id" varchar(200) null, "agency_id" uuid null, "at" timestamptz not null, "note" text null, constraint "dossier_history_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_history_dossier_id_at_index" on "dossier_history" ("dossier_id", "at");`);

    this.addSql(`create table "dossier_apology" ("id" uuid not null, "dossier_id" uuid not null, "previous_due_at" timestamptz not null, "new_due_at" timestamptz not null, "reason" text not null, "officer" varchar(200) not null, "officer_id" varchar(200) not null, "agency_id" uuid null, "issued_at" timestamptz not null, constraint "dossier_apology_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_apology_dossier_id_index" on "dossier_apology" ("dossier_id");`);

    this.addSql(`alter table "dossier_overdue_event" add constraint "dossier_overdue_event_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dossier_step" add constraint "dossier_step_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_step" add constraint "dossier_step_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade;`);

    this.addSql(`alter table "dossier_rating" add constraint "dossier_rating_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dossier_history" add constraint "dossier_history_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "dossier_apology" add constraint "dossier_apology_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossier_apology" add constraint "dossier_apology_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "dossier" add column "receipt_due_at" timestamptz null, add column "last_action_at" timestamptz null;`);
    // Dossiers received before this migration: the receipt's appointment is their due time.
    this.addSql(`update "dossier" set "receipt_due_at" = "due_at", "last_action_at" = coalesce("received_at", "submitted_at");`);

    this.addSql(`alter table "dossier_component" add column "kind" text check ("kind" in ('APPLICATION', 'SUPPLEMENT', 'RESULT')) not null default 'APPLICATION';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossier_overdue_event" cascade;`);

    this.addSql(`drop table if exists "dossier_step" cascade;`);

    this.addSql(`drop table if exists "dossier_rating" cascade;`);

    this.addSql(`drop table if exists "dossier_history" cascade;`);

    this.addSql(`drop table if exists "dossier_apology" cascade;`);

    this.addSql(`alter table "dossier" drop column "receipt_due_at", drop column "last_action_at";`);

    this.addSql(`alter table "dossier_component" drop column "kind";`);
  }

}
