import { Migration } from '@mikro-orm/migrations';

export class Migration20261122022141_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agency" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(300) not null, "short_name" varchar(200) null, "kind" text check ("kind" in ('DEPARTMENT', 'POLICE', 'BOARD', 'CENTRE', 'EXTERNAL')) not null, "identifier_verified" boolean not null default false, "source" text null, "note" text null, constraint "agency_pkey" primary key ("id"));`);
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);

    this.addSql(`create table "calendar_day" ("date" varchar(10) not null, "kind" text check ("kind" in ('HOLIDAY', 'WORKING_DAY')) not null, "name" varchar(200) not null, "source" text null, constraint "calendar_day_pkey" primary key ("date"));`);

    this.addSql(`create table "dossier_code_counter" ("agency_code" varchar(40) not null, "day" varchar(10) not null, "last_value" int not null, constraint "dossier_code_counter_pkey" primary key ("agency_code", "day"));`);

    this.addSql(`create table "procedure" ("id" uuid not null, "code" varchar(20) not null, "local_code" varchar(60) null, "name" text not null, "field" varchar(300) not null, "field_code" varchar(40) null, "agency_id" uuid not null, "online_level" text check ("online_level" in ('FULL', 'PARTIAL', 'INFORMATION_ONLY')) null, "cutoff_time" varchar(5) null, "results" jsonb not null, "legal_basis" jsonb not null, "subjects" jsonb not null, "source" text null, "unverified" jsonb not null, "note" text null, "search_text" text not null default '', "search_vector" tsvector generated always as (to_tsvector('simple', search_text)) stored null, constraint "procedure_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure" add constraint "procedure_code_unique" unique ("code");`);
    this.addSql(`create index "procedure_agency_id_index" on "procedure" ("agency_id");`);
    this.addSql(`create index "procedure_code_prefix_idx" on "procedure" ("code" text_pattern_ops);`);
    this.addSql(`create index "procedure_search_idx" on "procedure" using gin ("search_vector") with (fastupdate = off);`);

    this.addSql(`create table "dossier" ("id" uuid not null, "code" varchar(60) not null, "procedure_id" uuid not null, "receiving_agency_id" uuid not null, "current_agency_id" uuid not null, "channel" text check ("channel" in ('COUNTER', 'ONLINE', 'POSTAL')) not null, "return_method" text check ("return_method" in ('COUNTER', 'POST')) not null default 'COUNTER', "delivery_address" text null, "status" text check ("status" in ('SUBMITTED', 'RECEIVED', 'REJECTED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'WITHDRAWN', 'STOPPED', 'RESULT_READY', 'RETURNED')) not null, "applicant_personal_id" varchar(12) not null, "applicant_full_name" varchar(200) not null, "applicant_date_of_birth" varchar(10) null, "applicant_gender" varchar(10) null, "applicant_permanent_address" text null, "applicant_current_address" text null, "applicant_phone" varchar(20) null, "applicant_email" varchar(200) null, "applicant_identity_verified" boolean not null default false, "submitted_at" timestamptz null, "received_at" timestamptz null, "due_at" timestamptz null, "finished_at" timestamptz null, "returned_at" timestamptz null, "paused_at" timestamptz null, "version" int not null default 1, "idempotency_scope" varchar(120) null, "idempotency_key" varchar(120) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "dossier_pkey" primary key ("id"));`);
    this.addSql(`alter table "dossier" add constraint "dossier_code_unique" unique ("code");`);
    this.addSql(`create index "dossier_current_agency_id_status_index" on "dossier" ("current_agency_id", "status");`);
    this.addSql(`create index "dossier_receiving_agency_id_received_at_index" on "dossier" ("receiving_agency_id", "received_at");`);
    this.addSql(`create index "dossier_applicant_personal_id_index" on "dossier" ("applicant_personal_id");`);
    this.addSql(`alter table "dossier" add constraint "dossier_idempotency_scope_idempotency_key_unique" unique ("idempotency_scope", "idempotency_key");`);

    this.addSql(`create table "dossier_fee" ("id" uuid not null, "dossier_id" uuid not null, "code" varchar(40) not null, "name" text not null, "amount" int not null, "paid" boolean not null default false, "paid_at" timestamptz null, constraint "dossier_fee_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_fee_dossier_id_index" on "dossier_fee" ("dossier_id");`);

    this.addSql(`create table "dossier_component" ("id" uuid not null, "dossier_id" uuid not null, "code" varchar(80) not null, "name" text not null, "position" int not null, "file_name" varchar(255) null, "document_id" uuid null, "reused" boolean not null default false, constraint "dossier_component_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_component_dossier_id_index" on "dossier_component" ("dossier_id");`);

    this.addSql(`create table "procedure_channel" ("id" uuid not null, "procedure_id" uuid not null, "channel" text check ("channel" in ('COUNTER', 'ONLINE', 'POSTAL')) not null, "time_amount" int null, "time_unit" text check ("time_unit" in ('WORKING_DAYS', 'WORKING_HOURS', 'DAYS')) null, "fee_text" text null, "fees_known" boolean not null default true, constraint "procedure_channel_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure_channel" add constraint "procedure_channel_procedure_id_channel_unique" unique ("procedure_id", "channel");`);

    this.addSql(`create table "procedure_component" ("id" uuid not null, "procedure_id" uuid not null, "code" varchar(80) not null, "name" text not null, "required" boolean not null, "position" int not null, constraint "procedure_component_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure_component" add constraint "procedure_component_procedure_id_code_unique" unique ("procedure_id", "code");`);

    this.addSql(`create table "procedure_fee" ("id" uuid not null, "procedure_id" uuid not null, "channel" text check ("channel" in ('COUNTER', 'ONLINE', 'POSTAL')) not null, "code" varchar(40) not null, "name" text not null, "amount" int not null, "is_default" boolean not null default false, "note" text null, constraint "procedure_fee_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure_fee" add constraint "procedure_fee_procedure_id_channel_code_unique" unique ("procedure_id", "channel", "code");`);

    this.addSql(`create table "procedure_step" ("id" uuid not null, "procedure_id" uuid not null, "step_order" int not null, "agency_id" uuid not null, "name" text not null, "time_amount" int null, "time_unit" text check ("time_unit" in ('WORKING_DAYS', 'WORKING_HOURS', 'DAYS')) null, constraint "procedure_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure_step" add constraint "procedure_step_procedure_id_step_order_unique" unique ("procedure_id", "step_order");`);

    this.addSql(`alter table "procedure" add constraint "procedure_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade;`);

    this.addSql(`alter table "dossier" add constraint "dossier_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_receiving_agency_id_foreign" foreign key ("receiving_agency_id") references "agency" ("id") on update cascade;`);
    this.addSql(`alter table "dossier" add constraint "dossier_current_agency_id_foreign" foreign key ("current_agency_id") references "agency" ("id") on update cascade;`);

    this.addSql(`alter table "dossier_fee" add constraint "dossier_fee_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dossier_component" add constraint "dossier_component_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "procedure_channel" add constraint "procedure_channel_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "procedure_component" add constraint "procedure_component_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "procedure_fee" add constraint "procedure_fee_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "procedure_step" add constraint "procedure_step_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "procedure_step" add constraint "procedure_step_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "procedure" drop constraint "procedure_agency_id_foreign";`);

    this.addSql(`alter table "dossier" drop constraint "dossier_receiving_agency_id_foreign";`);

    this.addSql(`alter table "dossier" drop constraint "dossier_current_agency_id_foreign";`);

    this.addSql(`alter table "procedure_step" drop constraint "procedure_step_agency_id_foreign";`);

    this.addSql(`alter table "dossier" drop constraint "dossier_procedure_id_foreign";`);

    this.addSql(`alter table "procedure_channel" drop constraint "procedure_channel_procedure_id_foreign";`);

    this.addSql(`alter table "procedure_component" drop constraint "procedure_component_procedure_id_foreign";`);

    this.addSql(`alter table "procedure_fee" drop constraint "procedure_fee_procedure_id_foreign";`);

    this.addSql(`alter table "procedure_step" drop constraint "procedure_step_procedure_id_foreign";`);

    this.addSql(`alter table "dossier_fee" drop constraint "dossier_fee_dossier_id_foreign";`);

    this.addSql(`alter table "dossier_component" drop constraint "dossier_component_dossier_id_foreign";`);

    this.addSql(`drop table if exists "agency" cascade;`);

    this.addSql(`drop table if exists "calendar_day" cascade;`);

    this.addSql(`drop table if exists "dossier_code_counter" cascade;`);

    this.addSql(`drop table if exists "procedure" cascade;`);

    this.addSql(`drop table if exists "dossier" cascade;`);

    this.addSql(`drop table if exists "dossier_fee" cascade;`);

    this.addSql(`drop table if exists "dossier_component" cascade;`);

    this.addSql(`drop table if exists "procedure_channel" cascade;`);

    this.addSql(`drop table if exists "procedure_component" cascade;`);

    this.addSql(`drop table if exists "procedure_fee" cascade;`);

    this.addSql(`drop table if exists "procedure_step" cascade;`);
  }

}
