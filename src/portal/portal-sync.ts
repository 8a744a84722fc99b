import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { Dossier, type IntakeHook, type MovedHook } from '../dossiers';
import { PermanentDeliveryError, type DeliveryHandler, type Outbox } from '../outbox';
import type { Clock } from '../shared/clock';
import { portalRecordOf } from './portal-record';
import { PortalSync } from './portal-sync.entity';
import { PortalRefusedError, type NationalPortal } from './portal.port';

/** The outbox topic that reports a dossier to the national portal. */
export const PORTAL_SYNC_TOPIC = 'portal.sync';

interface SyncPayload {
  dossierId: string;
}

/** Enqueues a dossier's report to the portal in `tx`'s transaction: the change and its report commit together. */
export async function enqueuePortalSync(tx: EntityManager, outbox: Outbox, dossierId: string): Promise<void> {
  // Each enqueue is its own message: what a delivery sends is the dossier as it is then, so any one brings the portal up to date.
  await outbox.enqueue(tx, { topic: PORTAL_SYNC_TOPIC, payload: { dossierId } satisfies SyncPayload, idempotencyKey: `portal-sync:${dossierId}:${randomUUID()}` });
}

/** The dossiers feature's hooks: every dossier created and every move is reported, in its own transaction. */
export function portalHooks(outbox: Outbox): { onIntake: IntakeHook; onMoved: MovedHook } {
  return {
    onIntake: (tx, dossier) => enqueuePortalSync(tx, outbox, dossier.id),
    onMoved: (tx, { dossier }) => enqueuePortalSync(tx, outbox, dossier.id),
  };
}

export interface PortalSyncDependencies {
  database: Database;
  /** The `portal` instance's port (under its timeout, retries and breaker). */
  portal: NationalPortal;
  clock: Clock;
}

/** How many times a delivery sends again when the dossier changed while it was sending. */
const MAX_ROUNDS = 3;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Delivers `portal.sync`: reads the dossier as it is now, sends its whole
 * record (DongBoHoSoMC), then the moves the portal does not have yet, in
 * the order of the history (CapNhatTienDoHoSoMC numbers them; the portal
 * keeps each number once, so a repeat changes nothing). Should the dossier
 * change meanwhile, it sends again, so the portal never keeps an older
 * record than the last one sent. A refusal is kept on the dossier and sends
 * the message to the dead-letter list with the portal's words; an outage is
 * kept too, and the outbox tries again.
 */
export function portalSyncHandler(deps: PortalSyncDependencies): DeliveryHandler {
  return async (payload) => {
    const { dossierId } = payload as unknown as SyncPayload;
    if (typeof dossierId !== 'string') return {};
    let reported = (await deps.database.fork().findOne(PortalSync, { dossierId }))?.reportedMoves ?? 0;
    try {
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        const em = deps.database.fork();
        const found = await em.findOne(Dossier, dossierId);
        // A dossier gone (deleted with its data) has nothing left to report.
        if (!found) return {};
        const { version } = found;
        const { dossier, moves } = await portalRecordOf(em, found);
        await deps.portal.syncDossier(dossier);
        for (const move of moves.slice(Math.min(reported, moves.length))) await deps.portal.syncProgress(move);
        reported = Math.max(reported, moves.length);
        const now = await deps.database.fork().findOneOrFail(Dossier, dossierId, { fields: ['version'] });
        if (now.version === version) break;
      }
    } catch (error) {
      await keepState(deps.database.fork(), dossierId, { lastError: describe(error), lastErrorAt: deps.clock.now() });
      if (error instanceof PortalRefusedError) throw new PermanentDeliveryError(error.message);
      throw error;
    }
    const syncedAt = deps.clock.now();
    return { apply: (tx) => keepState(tx, dossierId, { reportedMoves: reported, lastSyncedAt: syncedAt, lastError: null, lastErrorAt: null }) };
  };
}

/** Writes the dossier's sync state (reportedMoves never goes back). */
async function keepState(em: EntityManager, dossierId: string, values: Partial<Pick<PortalSync, 'reportedMoves' | 'lastSyncedAt' | 'lastError' | 'lastErrorAt'>>): Promise<void> {
  const state = (await em.findOne(PortalSync, { dossierId })) ?? em.create(PortalSync, { dossierId });
  const reportedMoves = Math.max(state.reportedMoves, values.reportedMoves ?? 0);
  em.assign(state, { ...values, reportedMoves });
  await em.flush();
}

/**
 * Finds the dossiers with moves the portal has not had and no report on
 * its way (none pending, none refused and waiting for a supervisor), and
 * enqueues one for each: what changed without a hook (an identity checked,
 * a parcel's news, a due time the calendar moved) or before the portal was
 * connected reaches the portal too. Answers how many were enqueued.
 */
export async function sweepPortalSync(database: Database, outbox: Outbox, limit = 500): Promise<number> {
  return database.fork().transactional(async (tx) => {
    const rows = await tx.execute<Array<{ id: string }>>(
      `select d.id from dossier d
        left join dossier_portal_sync s on s.dossier_id = d.id
       where (select count(*) from dossier_history h where h.dossier_id = d.id) > coalesce(s.reported_moves, 0)
         and not exists (select 1 from outbox_message m where m.topic = ? and m.status in ('PENDING', 'DEAD') and m.payload->>'dossierId' = d.id::text)
       order by d.created_at
       limit ?`,
      [PORTAL_SYNC_TOPIC, limit],
    );
    for (const row of rows) await enqueuePortalSync(tx, outbox, row.id);
    return rows.length;
  });
}
