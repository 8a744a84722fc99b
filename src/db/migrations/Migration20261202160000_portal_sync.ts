import { Migration } from '@mikro-orm/migrations';

/** Where each dossier stands with the national portal (issue 14): moves reported, last success, last error. */
export class Migration20261202160000_portal_sync extends Migration {
  override up(): void {
    this.addSql(`create table "dossier_portal_sync" ("dossier_id" uuid not null, "reported_moves" int not null default 0,
      "last_synced_at" timestamptz null, "last_error" text null, "last_error_at" timestamptz null,
      constraint "dossier_portal_sync_pkey" primary key ("dossier_id"));`);
    this.addSql(`alter table "dossier_portal_sync" add constraint "dossier_portal_sync_dossier_id_foreign" foreign key ("dossier_id") references "dossier" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`drop table if exists "dossier_portal_sync" cascade;`);
  }
}
