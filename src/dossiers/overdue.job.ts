import type { EntityManager } from '@mikro-orm/postgresql';
import { openOverdueSql } from './overdue';

/** Advisory-lock key of the overdue job: one run at a time across every hub process on the database. */
export const OVERDUE_JOB_LOCK = 0x4c54_0002;

export interface OverdueRun {
  /** False when another process held the lock: this run did nothing. */
  ran: boolean;
  /** Dossiers newly found overdue (one event per dossier and due time). */
  recorded: number;
}

/**
 * Records the open dossiers whose due time has passed (for a paused one:
 * passed before its clock stopped) that have no event yet for that due
 * time. One statement inside a transaction that first takes a transaction
 * advisory lock: a second run at the same moment, in this process or
 * another, skips; and the unique (dossier, due time) makes a repeat a no-op.
 */
export async function detectOverdue(em: EntityManager, now: Date): Promise<OverdueRun> {
  return em.transactional(async (tx) => {
    const [lock] = await tx.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(?) as locked', [OVERDUE_JOB_LOCK]);
    if (!lock?.locked) return { ran: false, recorded: 0 };
    const rows = await tx.execute<Array<{ dossier_id: string }>>(
      `insert into dossier_overdue_event (id, dossier_id, due_at, detected_at)
       select gen_random_uuid(), d.id, d.due_at, ?
       from dossier d
       where ${openOverdueSql('d')}
       on conflict (dossier_id, due_at) do nothing
       returning dossier_id`,
      [now, now],
    );
    return { ran: true, recorded: rows.length };
  });
}
