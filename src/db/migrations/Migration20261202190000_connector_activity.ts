import { Migration } from '@mikro-orm/migrations';

/** A connector's last good and last failed exchange, found without reading its whole log (issue 14: supervisors see it per connector). */
export class Migration20261202190000_connector_activity extends Migration {
  override up(): void {
    this.addSql(`create index "exchange_log_system_outcome_at_index" on "exchange_log" ("system", "outcome", "at");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "exchange_log_system_outcome_at_index";`);
  }
}
