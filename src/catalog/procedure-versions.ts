import type { EntityManager } from '@mikro-orm/postgresql';
import { ProcedureChannel, ProcedureFee } from './procedure-parts.entity';
import { ProcedureVersion, type VersionFee, type VersionTime } from './procedure-version.entity';
import { Procedure } from './procedure.entity';

/** The terms a procedure has now, from its rows. */
async function currentTerms(em: EntityManager, procedures: readonly Procedure[]): Promise<Map<string, { times: VersionTime[]; fees: VersionFee[] }>> {
  // One after the other: in a transaction the connection takes one query at a time.
  const channels = await em.find(ProcedureChannel, { procedure: { $in: procedures } });
  const fees = await em.find(ProcedureFee, { procedure: { $in: procedures } });
  const terms = new Map(procedures.map((p) => [p.id, { times: [] as VersionTime[], fees: [] as VersionFee[] }]));
  for (const c of channels) terms.get(c.procedure.id)?.times.push({ channel: c.channel, amount: c.timeAmount, unit: c.timeUnit });
  for (const f of fees) terms.get(f.procedure.id)?.fees.push({ channel: f.channel, code: f.code, name: f.name, amount: f.amount });
  return terms;
}

/**
 * Writes a new version of each procedure given (all when none) whose
 * name, field, times or fees differ from its latest version, numbered on
 * from it (`Procedure.version` follows), and a first version for one that
 * has none. Dossiers already received keep the version they have. In the
 * caller's transaction; answers the procedures that got a new version.
 */
export async function snapshotProcedures(em: EntityManager, { at, change, procedures }: { at: Date; change: string | null; procedures?: readonly Procedure[] }): Promise<Procedure[]> {
  const list = procedures ?? (await em.find(Procedure, {}));
  if (list.length === 0) return [];
  const terms = await currentTerms(em, list);
  const latestRows = await em.execute<Array<{ procedure_id: string; version: number }>>(
    `select distinct on (procedure_id) procedure_id, version from procedure_version where procedure_id in (${list.map(() => '?').join(', ')}) order by procedure_id, version desc`,
    list.map((p) => p.id),
  );
  const latestIds = latestRows.map((r) => ({ procedure: r.procedure_id, version: r.version }));
  const latest = new Map((latestIds.length > 0 ? await em.find(ProcedureVersion, { $or: latestIds }) : []).map((v) => [v.procedure.id, v]));
  const changed: Procedure[] = [];
  for (const procedure of list) {
    const now = { name: procedure.name, field: procedure.field, fieldCode: procedure.fieldCode, ...(terms.get(procedure.id) ?? { times: [], fees: [] }) };
    const last = latest.get(procedure.id);
    if (last && ProcedureVersion.termsOf(last) === ProcedureVersion.termsOf(now)) continue;
    const version = last ? last.version + 1 : procedure.version;
    em.create(ProcedureVersion, { procedure, version, ...now, validFrom: at, change: last ? change : null });
    procedure.version = version;
    changed.push(procedure);
  }
  await em.flush();
  return changed;
}
