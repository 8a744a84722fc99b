import type { Database } from '../../src/db/database';

/** Per table of the hub's schema: its row count and an md5 of its rows, e.g. "3:9e107d9d…". */
export type Fingerprint = ReadonlyMap<string, string>;

/**
 * Fingerprints every table of the hub's own schema (business data, the
 * catalogue, the access log, the outbox; not pg-boss's queue, which lives
 * in a schema of its own and changes with time, nor the migrations table),
 * in one statement through the hub's own connection (PGlite is one session).
 */
export class DatabaseFingerprint {
  private statement: string | undefined;

  constructor(private readonly database: Database) {}

  private async sql(): Promise<string> {
    if (this.statement) return this.statement;
    const tables = await this.database.orm.em
      .getConnection()
      .execute<Array<{ table_name: string }>>(
        "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' order by table_name",
      );
    if (tables.length === 0) throw new Error('no table to fingerprint');
    this.statement = tables
      .map(({ table_name: name }) => `select '${name}' as name, count(*)::int as rows, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from "${name}" t`)
      .join(' union all ');
    return this.statement;
  }

  /**
   * Waits (a bounded while) for lookups still being answered: when one root
   * field of a query fails, graphql-js answers at once while a sibling
   * field's population lookup still runs and then records its outcome in
   * the access log. That write belongs to the earlier, accepted request.
   */
  async settle(): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const [row] = await this.database.orm.em.getConnection().execute<Array<{ pending: number }>>("select count(*)::int as pending from citizen_access_log where outcome = 'PENDING'");
      if (!row || row.pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async take(): Promise<Fingerprint> {
    await this.settle();
    const rows = await this.database.orm.em.getConnection().execute<Array<{ name: string; rows: number; digest: string }>>(await this.sql());
    return new Map(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
  }
}

/** The tables that differ, e.g. ["dossier: 3 → 4 rows", "dossier_history: content changed"]; empty when nothing changed. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changed: string[] = [];
  for (const name of names) {
    const [a, b] = [before.get(name), after.get(name)];
    if (a === b) continue;
    const [rowsA, rowsB] = [a?.split(':')[0] ?? 'no table', b?.split(':')[0] ?? 'no table'];
    changed.push(rowsA === rowsB ? `${name}: content changed` : `${name}: ${rowsA} → ${rowsB} rows`);
  }
  return changed;
}
