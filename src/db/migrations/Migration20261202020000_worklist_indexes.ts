import { Migration } from '@mikro-orm/migrations';

/** The statuses officers work on (ACTIVE_STATUSES in src/dossiers/dossier.enums.ts), as the worklist's filter writes them. */
const ACTIVE = `'SUBMITTED', 'RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'RESULT_READY'`;
/** The worklist's order, most urgent first (src/dossiers/dossier-query.service.ts): the indexes hold the same expression. */
const URGENCY = `(coalesce("due_at", 'infinity'::timestamptz)), "code"`;

/**
 * Worklists at provincial scale (issue 10): an officer's page (the
 * dossiers at or received by their agency) and a supervisor's read open
 * dossiers, most urgent first, from partial indexes that hold only open
 * dossiers in that order; a list by status (closed ones included) from a
 * full index in the same order. Without them every page sorted the whole
 * table.
 */
export class Migration20261202020000_worklist_indexes extends Migration {
  override up(): void {
    this.addSql(`create index "dossier_active_current_urgency_index" on "dossier" ("current_agency_id", ${URGENCY}) where "status" in (${ACTIVE});`);
    this.addSql(`create index "dossier_active_receiving_urgency_index" on "dossier" ("receiving_agency_id", ${URGENCY}) where "status" in (${ACTIVE});`);
    this.addSql(`create index "dossier_active_urgency_index" on "dossier" (${URGENCY}) where "status" in (${ACTIVE});`);
    this.addSql(`create index "dossier_status_urgency_index" on "dossier" ("status", ${URGENCY});`);
  }

  override down(): void {
    for (const index of ['dossier_active_current_urgency_index', 'dossier_active_receiving_urgency_index', 'dossier_active_urgency_index', 'dossier_status_urgency_index']) {
      this.addSql(`drop index if exists "${index}";`);
    }
  }
}
