import { Migration } from '@mikro-orm/migrations';

/**
 * Statistics bounded by indexes (issue 10): the dossiers a period's
 * figures can count are those received in it, finished in it, or open at
 * its end (unfinished, or finished later), for one agency or all; ratings
 * by the time they were given.
 */
export class Migration20261202030000_stats_indexes extends Migration {
  override up(): void {
    this.addSql(`create index "dossier_received_at_index" on "dossier" ("received_at");`);
    this.addSql(`create index "dossier_finished_at_index" on "dossier" ("finished_at");`);
    this.addSql(`create index "dossier_receiving_agency_id_finished_at_index" on "dossier" ("receiving_agency_id", "finished_at");`);
    this.addSql(`create index "dossier_unfinished_index" on "dossier" ("receiving_agency_id", "received_at") where "finished_at" is null;`);
    this.addSql(`create index "dossier_rating_rated_at_index" on "dossier_rating" ("rated_at");`);
  }

  override down(): void {
    for (const index of ['dossier_received_at_index', 'dossier_finished_at_index', 'dossier_receiving_agency_id_finished_at_index', 'dossier_unfinished_index', 'dossier_rating_rated_at_index']) {
      this.addSql(`drop index if exists "${index}";`);
    }
  }
}
