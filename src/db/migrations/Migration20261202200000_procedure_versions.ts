import { Migration } from '@mikro-orm/migrations';

/**
 * Procedure versions (issue 14, the national catalogue's sync): what a
 * procedure was from one moment on (name, field, times, fees); each dossier
 * keeps the version in force at its receipt; a procedure the national
 * catalogue retired takes no new dossier. Every procedure stored gets its
 * first version from what it is now, every dossier that version.
 */
export class Migration20261202200000_procedure_versions extends Migration {
  override up(): void {
    this.addSql(`alter table "procedure" add column "version" int not null default 1, add column "retired_at" timestamptz null;`);
    this.addSql(`create table "procedure_version" ("id" uuid not null, "procedure_id" uuid not null, "version" int not null, "name" text not null,
      "field" varchar(300) not null, "field_code" varchar(40) null, "times" jsonb not null, "fees" jsonb not null, "valid_from" timestamptz not null,
      "change" text null, constraint "procedure_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedure_version" add constraint "procedure_version_procedure_id_version_unique" unique ("procedure_id", "version");`);
    this.addSql(`create index "procedure_version_procedure_id_index" on "procedure_version" ("procedure_id");`);
    this.addSql(`alter table "procedure_version" add constraint "procedure_version_procedure_id_foreign" foreign key ("procedure_id") references "procedure" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into "procedure_version" ("id", "procedure_id", "version", "name", "field", "field_code", "times", "fees", "valid_from")
      select gen_random_uuid(), p."id", 1, p."name", p."field", p."field_code",
        coalesce((select jsonb_agg(jsonb_build_object('channel', c."channel", 'amount', c."time_amount", 'unit', c."time_unit") order by c."channel")
                    from "procedure_channel" c where c."procedure_id" = p."id"), '[]'::jsonb),
        coalesce((select jsonb_agg(jsonb_build_object('channel', f."channel", 'code', f."code", 'name', f."name", 'amount', f."amount") order by f."channel", f."code")
                    from "procedure_fee" f where f."procedure_id" = p."id"), '[]'::jsonb),
        now()
      from "procedure" p;`);
    this.addSql(`alter table "dossier" add column "procedure_version" int not null default 1;`);
  }

  override down(): void {
    this.addSql(`alter table "dossier" drop column "procedure_version";`);
    this.addSql(`drop table if exists "procedure_version" cascade;`);
    this.addSql(`alter table "procedure" drop column "version", drop column "retired_at";`);
  }
}
