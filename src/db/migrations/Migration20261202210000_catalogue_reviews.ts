import { Migration } from '@mikro-orm/migrations';

/** Comparisons of the national catalogue with the hub's, kept for supervisors to read before applying (issue 14). */
export class Migration20261202210000_catalogue_reviews extends Migration {
  override up(): void {
    this.addSql(`create table "catalogue_review" ("id" uuid not null, "checked_at" timestamptz not null, "national_count" int not null,
      "changes" jsonb not null, "basis" jsonb not null, "applied_at" timestamptz null, "applied_by" varchar(200) null,
      constraint "catalogue_review_pkey" primary key ("id"));`);
    this.addSql(`create index "catalogue_review_checked_at_index" on "catalogue_review" ("checked_at");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "catalogue_review" cascade;`);
  }
}
