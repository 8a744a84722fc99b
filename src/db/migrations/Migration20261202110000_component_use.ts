import { Migration } from '@mikro-orm/migrations';

/**
 * A procedure's components say what they are to the counter (issue 13,
 * item 12): a document filed, one only shown (xuất trình), or a note of the
 * source's list; and which are alternatives (one of forms 9, 9a, 9b).
 */
export class Migration20261202110000_component_use extends Migration {
  override up(): void {
    this.addSql(`alter table "procedure_component"
      add column "use" text check ("use" in ('FILE', 'PRESENT', 'NOTE')) not null default 'FILE',
      add column "alternative_group" varchar(40) null;`);
  }

  override down(): void {
    this.addSql(`alter table "procedure_component" drop column "use", drop column "alternative_group";`);
  }
}
