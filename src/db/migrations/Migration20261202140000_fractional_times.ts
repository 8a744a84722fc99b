import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY', 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT', 'RECORD_PAYMENT', 'WAIVE_OBLIGATIONS', 'CHANGE_RETURN_METHOD', 'POSTAL_ORDER', 'POSTAL_EVENT', 'SUPPLEMENT_PARTIAL', 'SEND_BACK', 'CONSULT', 'ANSWER_CONSULTATION'`;
const TABLES = ['procedure_channel', 'procedure_step', 'dossier_step'] as const;

/**
 * Processing times as the national catalogue gives them (issue 13, item 8):
 * fractions of working days (7.5, 6.25) and calendar months; and the
 * history entry of a due time moved by a newly loaded calendar.
 */
export class Migration20261202140000_fractional_times extends Migration {
  override up(): void {
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" alter column "time_amount" type numeric(8,2) using "time_amount"::numeric(8,2);`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_time_unit_check";`);
      this.addSql(`alter table "${table}" add constraint "${table}_time_unit_check" check ("time_unit" in ('WORKING_DAYS', 'WORKING_HOURS', 'DAYS', 'MONTHS'));`);
    }
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'RECALCULATE_DUE'));`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_time_unit_check";`);
      this.addSql(`alter table "${table}" add constraint "${table}_time_unit_check" check ("time_unit" in ('WORKING_DAYS', 'WORKING_HOURS', 'DAYS'));`);
      this.addSql(`alter table "${table}" alter column "time_amount" type int using ceil("time_amount")::int;`);
    }
  }
}
