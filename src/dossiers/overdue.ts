import { FINISHED_STATUSES, type DossierStatus } from './dossier.enums';

export interface DeadlineFacts {
  status: DossierStatus;
  dueAt: Date | null;
  finishedAt: Date | null;
  /** Set while the clock stands still: time does not run against the office then. */
  pausedAt: Date | null;
}

/**
 * Overdue is derived, never stored (DOMAIN.md §2.1): an open dossier whose
 * due time has passed (for a paused one, passed when the clock stopped), or
 * a finished one that finished after it.
 */
export function isOverdue(dossier: DeadlineFacts, now: Date): boolean {
  if (dossier.dueAt === null) return false;
  const due = dossier.dueAt.getTime();
  if (FINISHED_STATUSES.has(dossier.status)) return dossier.finishedAt !== null && dossier.finishedAt.getTime() > due;
  const reference = dossier.pausedAt ?? now;
  return reference.getTime() > due;
}
