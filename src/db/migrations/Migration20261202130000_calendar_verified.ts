import { Migration } from '@mikro-orm/migrations';

/**
 * Each day off and make-up day says whether it was read in the official
 * notice itself (issue 13, item 9); the days loaded before are unverified
 * until the catalogue is loaded again (the seeding at start does it).
 */
export class Migration20261202130000_calendar_verified extends Migration {
  override up(): void {
    this.addSql(`alter table "calendar_day" add column "verified" boolean not null default false;`);
  }

  override down(): void {
    this.addSql(`alter table "calendar_day" drop column "verified";`);
  }
}
