import { Migration } from '@mikro-orm/migrations';

/**
 * An online dossier's code is given at reception, with the agency and date
 * of reception (DOMAIN.md §2.3; issue 13); the code it was submitted under
 * is kept and still finds it.
 */
export class Migration20261202100000_submitted_code extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier" add column "submitted_code" varchar(60) null;`);
    this.addSql(`alter table "dossier" add constraint "dossier_submitted_code_unique" unique ("submitted_code");`);
  }

  override down(): void {
    this.addSql(`alter table "dossier" drop constraint if exists "dossier_submitted_code_unique";`);
    this.addSql(`alter table "dossier" drop column "submitted_code";`);
  }
}
