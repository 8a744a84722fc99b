import { Migration } from '@mikro-orm/migrations';

/**
 * Codes the national catalogue retired for a procedure (issue 13, item 12:
 * 2.000488 is now 3.000333): kept on the procedure, so that a retired code
 * still finds it and the portal sync can map the two. And how each paper of
 * a dossier was filed, for the receipt (item 10): its form and copies.
 */
export class Migration20261202150000_former_codes_and_forms extends Migration {
  override up(): void {
    this.addSql(`alter table "procedure" add column "former_codes" jsonb not null default '[]';`);
    this.addSql(`alter table "dossier_component" add column "form" text check ("form" in ('ORIGINAL', 'CERTIFIED_COPY', 'COPY', 'ELECTRONIC')) null;`);
    this.addSql(`alter table "dossier_component" add column "copies" int not null default 1;`);
    // Files already held are electronic; papers not stated stay null.
    this.addSql(`update "dossier_component" set "form" = 'ELECTRONIC' where "document_id" is not null;`);
  }

  override down(): void {
    this.addSql(`alter table "dossier_component" drop column "copies";`);
    this.addSql(`alter table "dossier_component" drop column "form";`);
    this.addSql(`alter table "procedure" drop column "former_codes";`);
  }
}
