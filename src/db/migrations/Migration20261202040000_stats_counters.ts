import { Migration } from '@mikro-orm/migrations';

/**
 * Statistics that do not walk every document (issue 10): at 1,000,000
 * dossiers a busy agency's year of ServiceStats spent 814 ms of its 1.1 s
 * joining its 150,000 dossiers with 5 million components to count the
 * digitised ones, and 143 ms scanning dossiers to find its ratings.
 *
 * - Each dossier counts its own components (kind other than RESULT) and
 *   those held as documents: statement-level triggers on dossier_component
 *   keep the counts in the transaction that changes the components, whatever
 *   code path does it. The figure is then a sum over the dossiers the
 *   period's aggregate already reads.
 * - Each rating carries the receiving agency of its dossier (set by a
 *   trigger at insert: the receiving agency is settled long before a rating),
 *   indexed with the time of the rating.
 */
export class Migration20261202040000_stats_counters extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier" add column "components_total" int not null default 0, add column "components_digitized" int not null default 0;`);
    this.addSql(`update "dossier" d set "components_total" = c.total, "components_digitized" = c.digitized
      from (select dossier_id, count(*) filter (where kind <> 'RESULT') total, count(document_id) filter (where kind <> 'RESULT') digitized
            from dossier_component group by dossier_id) c
      where d.id = c.dossier_id;`);
    this.addSql(`create function dossier_component_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          update dossier d set components_total = d.components_total + c.total, components_digitized = d.components_digitized + c.digitized
          from (select dossier_id, count(*) filter (where kind <> 'RESULT') total, count(document_id) filter (where kind <> 'RESULT') digitized
                from new_rows group by dossier_id) c
          where d.id = c.dossier_id and (c.total <> 0 or c.digitized <> 0);
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          update dossier d set components_total = d.components_total - c.total, components_digitized = d.components_digitized - c.digitized
          from (select dossier_id, count(*) filter (where kind <> 'RESULT') total, count(document_id) filter (where kind <> 'RESULT') digitized
                from old_rows group by dossier_id) c
          where d.id = c.dossier_id and (c.total <> 0 or c.digitized <> 0);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "dossier_component_counts_insert" after insert on "dossier_component" referencing new table as new_rows for each statement execute function dossier_component_counts();`);
    this.addSql(`create trigger "dossier_component_counts_update" after update on "dossier_component" referencing old table as old_rows new table as new_rows for each statement execute function dossier_component_counts();`);
    this.addSql(`create trigger "dossier_component_counts_delete" after delete on "dossier_component" referencing old table as old_rows for each statement execute function dossier_component_counts();`);

    this.addSql(`alter table "dossier_rating" add column "receiving_agency_id" uuid null;`);
    this.addSql(`update "dossier_rating" r set "receiving_agency_id" = d.receiving_agency_id from "dossier" d where d.id = r.dossier_id;`);
    this.addSql(`alter table "dossier_rating" alter column "receiving_agency_id" set not null;`);
    this.addSql(`create function dossier_rating_agency() returns trigger language plpgsql as $$
      begin
        select receiving_agency_id into new.receiving_agency_id from dossier where id = new.dossier_id;
        return new;
      end $$;`);
    this.addSql(`create trigger "dossier_rating_agency" before insert on "dossier_rating" for each row execute function dossier_rating_agency();`);
    this.addSql(`create index "dossier_rating_agency_rated_at_index" on "dossier_rating" ("receiving_agency_id", "rated_at");`);
    // Every dossier and rating was rewritten: fresh statistics, or the planner misjudges the worklist's indexes until autovacuum.
    this.addSql(`analyze "dossier";`);
    this.addSql(`analyze "dossier_rating";`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists "dossier_rating_agency" on "dossier_rating";`);
    this.addSql(`drop function if exists dossier_rating_agency();`);
    this.addSql(`drop index if exists "dossier_rating_agency_rated_at_index";`);
    this.addSql(`alter table "dossier_rating" drop column "receiving_agency_id";`);
    for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists "dossier_component_counts_${op}" on "dossier_component";`);
    this.addSql(`drop function if exists dossier_component_counts();`);
    this.addSql(`alter table "dossier" drop column "components_total", drop column "components_digitized";`);
  }
}
