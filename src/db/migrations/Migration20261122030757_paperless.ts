import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030757_paperless extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "citizen_access_log" ("id" uuid not null, "request_id" varchar(64) not null, "at" timestamptz not null, "actor_id" varchar(200) not null, "actor_name" varchar(200) not null, "agency_code" varchar(40) null, "personal_id" varchar(12) not null, "purpose" text not null, "dossier_code" varchar(60) null, "basis" text check ("basis" in ('OTP', 'IDENTITY_LOGIN', 'LEGAL_BASIS', 'NONE')) not null, "outcome" text check ("outcome" in ('PENDING', 'FOUND', 'NOT_FOUND', 'CONSENT_REFUSED', 'UNAVAILABLE', 'ERROR')) not null default 'PENDING', "answered_at" timestamptz null, constraint "citizen_access_log_pkey" primary key ("id"));`);
    this.addSql(`alter table "citizen_access_log" add constraint "citizen_access_log_request_id_unique" unique ("request_id");`);
    this.addSql(`create index "citizen_access_log_at_index" on "citizen_access_log" ("at");`);
    this.addSql(`create index "citizen_access_log_personal_id_at_index" on "citizen_access_log" ("personal_id", "at");`);

    this.addSql(`create table "document" ("id" uuid not null, "owner_personal_id" varchar(12) not null, "sha256" varchar(64) not null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size" int not null, "component_code" varchar(80) null, "created_at" timestamptz not null, constraint "document_pkey" primary key ("id"));`);
    this.addSql(`create index "document_owner_personal_id_sha256_index" on "document" ("owner_personal_id", "sha256");`);
    this.addSql(`create index "document_owner_personal_id_created_at_index" on "document" ("owner_personal_id", "created_at");`);

    this.addSql(`create table "document_blob" ("sha256" varchar(64) not null, "content" bytea not null, "size" int not null, "created_at" timestamptz not null, constraint "document_blob_pkey" primary key ("sha256"));`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "topic" varchar(100) not null, "payload" jsonb not null, "idempotency_key" varchar(200) not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'DEAD')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "dead_at" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "outbox_message_status_created_at_index" on "outbox_message" ("status", "created_at");`);

    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);

    this.addSql(`alter table "dossier" add column "applicant_identity_status" text check ("applicant_identity_status" in ('VERIFIED', 'PENDING', 'NOT_FOUND', 'MISMATCH')) not null default 'PENDING', add column "applicant_typed_full_name" varchar(200) null;`);
    this.addSql(`update "dossier" set "applicant_identity_status" = case when "applicant_identity_verified" then 'VERIFIED' else 'PENDING' end;`);
    this.addSql(`alter table "dossier" drop column "applicant_identity_verified";`);

    // The access log is append-only: no delete, no truncate, and no update but recording, once, the
    // outcome of a PENDING entry and the dossier it served (DOMAIN.md §7).
    this.addSql(`create function citizen_access_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op in ('DELETE', 'TRUNCATE') then
          raise exception 'citizen_access_log is append-only';
        end if;
        if new.id <> old.id or new.request_id <> old.request_id or new.at <> old.at or new.actor_id <> old.actor_id
          or new.actor_name <> old.actor_name or new.agency_code is distinct from old.agency_code
          or new.personal_id <> old.personal_id or new.purpose <> old.purpose or new.basis <> old.basis
          or (new.outcome <> old.outcome and old.outcome <> 'PENDING')
          or (new.answered_at is distinct from old.answered_at and old.answered_at is not null)
          or (new.dossier_code is distinct from old.dossier_code and old.dossier_code is not null) then
          raise exception 'citizen_access_log is append-only';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger citizen_access_log_append_only before update or delete on "citizen_access_log" for each row execute function citizen_access_log_append_only();`);
    this.addSql(`create trigger citizen_access_log_no_truncate before truncate on "citizen_access_log" for each statement execute function citizen_access_log_append_only();`);

    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in ('SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "citizen_access_log" cascade;`);
    this.addSql(`drop function if exists citizen_access_log_append_only();`);

    this.addSql(`drop table if exists "document" cascade;`);

    this.addSql(`drop table if exists "document_blob" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);

    this.addSql(`alter table "dossier" add column "applicant_identity_verified" bool not null default false;`);
    this.addSql(`update "dossier" set "applicant_identity_verified" = ("applicant_identity_status" = 'VERIFIED');`);
    this.addSql(`alter table "dossier" drop column "applicant_identity_status", drop column "applicant_typed_full_name";`);

    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in ('SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND'));`);
  }

}
