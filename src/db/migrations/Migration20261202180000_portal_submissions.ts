import { Migration } from '@mikro-orm/migrations';

/** Dossiers filed on the national portal or VNeID, as the hub pulled them (issue 14): one row per portal code. */
export class Migration20261202180000_portal_submissions extends Migration {
  override up(): void {
    this.addSql(`create table "portal_submission" ("portal_code" varchar(60) not null, "source" varchar(10) null, "procedure_code" varchar(40) not null,
      "applicant_name" varchar(300) not null, "submitted_at" timestamptz null, "dossier_id" uuid null, "dossier_code" varchar(40) null,
      "first_seen_at" timestamptz not null, "last_tried_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null,
      "acknowledged_at" timestamptz null, constraint "portal_submission_pkey" primary key ("portal_code"));`);
    this.addSql(`alter table "portal_submission" add constraint "portal_submission_dossier_id_unique" unique ("dossier_id");`);
    this.addSql(`create index "portal_submission_first_seen_at_portal_code_index" on "portal_submission" ("first_seen_at", "portal_code");`);
    this.addSql(`alter table "portal_submission" add constraint "portal_submission_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete set null;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "portal_submission" cascade;`);
  }
}
