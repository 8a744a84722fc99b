import { Migration } from '@mikro-orm/migrations';

/**
 * A supplement request keeps the dossier's due time when it was asked and
 * the new one once the clock ran again (NgayHenTraTruoc, NgayHenTraMoi),
 * for the national portal's DanhSachHoSoBoSung (issue 14).
 */
export class Migration20261202170000_supplement_due_times extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier_supplement_request" add column "previous_due_at" timestamptz null, add column "new_due_at" timestamptz null;`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_supplement_request" drop column "previous_due_at", drop column "new_due_at";`);
  }
}
