import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'SUBMIT', 'RECEIVE', 'ACCEPT', 'REJECT', 'FORWARD', 'COMPLETE_STEP', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'WITHDRAW', 'RETURN', 'EXTEND', 'VERIFY_IDENTITY', 'SEND_TO_DEPARTMENT', 'DEPARTMENT_REPORT'`;

/**
 * Financial obligations (issue 12, part 1): a dossier's fees become what it
 * owes, catalogue fees or amounts an agency sets with their legal basis and
 * collecting agency (a tax notice, a land-use levy); each paid (how, with
 * which receipt, recorded by whom) or waived by a supervisor with a reason.
 * Two new moves in the history: RECORD_PAYMENT and WAIVE_OBLIGATIONS.
 */
export class Migration20261202050000_obligations extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier_fee"
      add column "kind" text check ("kind" in ('FEE', 'LEVY')) not null default 'FEE',
      add column "legal_basis" text null,
      add column "collecting_agency" varchar(300) null,
      add column "waived" boolean not null default false,
      add column "waived_reason" text null,
      add column "payment_method" text check ("payment_method" in ('CASH', 'CARD', 'ONLINE')) null,
      add column "receipt_number" varchar(50) null,
      add column "recorded_by" varchar(200) null;`);
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}, 'RECORD_PAYMENT', 'WAIVE_OBLIGATIONS'));`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_history" drop constraint if exists "dossier_history_action_check";`);
    this.addSql(`alter table "dossier_history" add constraint "dossier_history_action_check" check("action" in (${ACTIONS_BEFORE}));`);
    this.addSql(`alter table "dossier_fee" drop column "kind", drop column "legal_basis", drop column "collecting_agency", drop column "waived", drop column "waived_reason", drop column "payment_method", drop column "receipt_number", drop column "recorded_by";`);
  }
}
