import { Migration } from '@mikro-orm/migrations';

/** The statement-level trigger's body, counting on each dossier what the statistics read (never joining its components). */
const countsFunction = (columns: ReadonlyArray<[column: string, filter: string]>) => {
  const selects = (rows: string) => `select dossier_id, ${columns.map(([column, filter]) => `count(*) filter (where ${filter}) ${column}`).join(', ')} from ${rows} group by dossier_id`;
  const set = (sign: '+' | '-') => columns.map(([column]) => `${column} = d.${column} ${sign} c.${column}`).join(', ');
  const changed = columns.map(([column]) => `c.${column} <> 0`).join(' or ');
  return `create or replace function dossier_component_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          update dossier d set ${set('+')} from (${selects('new_rows')}) c where d.id = c.dossier_id and (${changed});
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          update dossier d set ${set('-')} from (${selects('old_rows')}) c where d.id = c.dossier_id and (${changed});
        end if;
        return null;
      end $$;`;
};

const BEFORE: ReadonlyArray<[string, string]> = [
  ['components_total', "kind <> 'RESULT'"],
  ['components_digitized', "kind <> 'RESULT' and document_id is not null"],
];
const AFTER: ReadonlyArray<[string, string]> = [
  ...BEFORE,
  ['components_reused', "kind <> 'RESULT' and reused"],
  ['results_digital', "kind = 'RESULT' and document_id is not null"],
];

/**
 * Decision 766's digitisation figures apart (issue 13, item 11): components
 * reused from documents already held, and results held as digital
 * documents, counted on each dossier by the components' trigger, as the
 * other document counts are (Migration20261202040000_stats_counters), so
 * that the statistics never join 5 million components.
 */
export class Migration20261202120000_stats_reuse extends Migration {
  override up(): void {
    this.addSql(`alter table "dossier" add column "components_reused" int not null default 0, add column "results_digital" int not null default 0;`);
    this.addSql(`update "dossier" d set "components_reused" = c.reused, "results_digital" = c.results
      from (select dossier_id, count(*) filter (where kind <> 'RESULT' and reused) reused, count(*) filter (where kind = 'RESULT' and document_id is not null) results
            from dossier_component group by dossier_id) c
      where d.id = c.dossier_id and (c.reused <> 0 or c.results <> 0);`);
    this.addSql(countsFunction(AFTER));
  }

  override down(): void {
    this.addSql(countsFunction(BEFORE));
    this.addSql(`alter table "dossier" drop column "components_reused", drop column "results_digital";`);
  }
}
