import { Migration } from '@mikro-orm/migrations';

/** An applicant whose reception's consent the population database refused (issue 7, finding 3). */
export class Migration20261201130000_consent_refused extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier" drop constraint if exists "dossier_applicant_identity_status_check";`);
    this.addSql(
      `alter table "dossier" add constraint "dossier_applicant_identity_status_check" check ("applicant_identity_status" in ('VERIFIED', 'PENDING', 'NOT_FOUND', 'MISMATCH', 'CONSENT_REFUSED'));`,
    );
  }

  override down(): void {
    this.addSql(`update "dossier" set "applicant_identity_status" = 'PENDING' where "applicant_identity_status" = 'CONSENT_REFUSED';`);
    this.addSql(`alter table "dossier" drop constraint if exists "dossier_applicant_identity_status_check";`);
    this.addSql(`alter table "dossier" add constraint "dossier_applicant_identity_status_check" check ("applicant_identity_status" in ('VERIFIED', 'PENDING', 'NOT_FOUND', 'MISMATCH'));`);
  }
}
