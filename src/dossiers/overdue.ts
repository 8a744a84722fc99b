import { DossierStatus, FINISHED_STATUSES } from './dossier.enums';

/**
 * The overdue rule, in code and in SQL, from this one place. Overdue is
 * derived, never stored (DOMAIN.md §2.1): an open dossier whose due time has
 * passed (for a paused one: passed when its clock stopped), or a finished
 * one that finished after it. The worklist filter, the overdue job and the
 * service statistics all take their SQL from here; `isOverdue` answers the
 * `overdue` field of a dossier.
 */

export interface DeadlineFacts {
  status: DossierStatus;
  dueAt: Date | null;
  finishedAt: Date | null;
  /** Set while the clock stands still: time does not run against the office then. */
  pausedAt: Date | null;
}

/** Whether a dossier is overdue at `now`. */
export function isOverdue(dossier: DeadlineFacts, now: Date): boolean {
  if (dossier.dueAt === null) return false;
  const due = dossier.dueAt.getTime();
  if (FINISHED_STATUSES.has(dossier.status)) return dossier.finishedAt !== null && dossier.finishedAt.getTime() > due;
  return deadlineClock(dossier, now).getTime() > due;
}

/** What the deadline clock of an open dossier reads at `now`: stopped at its pause while paused. */
function deadlineClock(dossier: DeadlineFacts, now: Date): Date {
  return dossier.pausedAt ?? now;
}

const sqlList = (statuses: Iterable<DossierStatus>): string => [...statuses].map((s) => `'${s}'`).join(', ');
const FINISHED = sqlList(FINISHED_STATUSES);
/** Not yet received (filed online, waiting at the desk) or finished: no deadline runs against the office. */
const NOT_OPEN = sqlList([...FINISHED_STATUSES, DossierStatus.SUBMITTED]);

/** SQL of `deadlineClock` for the dossier row `a`, read at the SQL instant `at`. */
const clockSql = (a: string, at: string): string => `coalesce(${a}.paused_at, ${at})`;

/** SQL of "the due time has passed by the clock reading `reading`"; false when there is no due time. */
const pastDueSql = (a: string, reading: string): string => `(${a}.due_at is not null and ${reading} > ${a}.due_at)`;

/**
 * `isOverdue` as SQL over the dossier row `alias`, for filters. One
 * parameter: `?` is now. Negate it with `not` for "not overdue".
 */
export function overdueSql(alias = 'd'): string {
  const a = alias;
  return `(${a}.due_at is not null and (
  (${a}.status in (${FINISHED}) and ${a}.finished_at > ${a}.due_at)
  or (${a}.status not in (${FINISHED}) and ${pastDueSql(a, clockSql(a, '?'))})))`;
}

/**
 * The open half of `isOverdue` as SQL: a received, unfinished dossier whose
 * due time has passed by now (for a paused one: before its clock stopped).
 * What the overdue job records. One parameter: `?` is now.
 */
export function openOverdueSql(alias = 'd'): string {
  return `(${alias}.status not in (${NOT_OPEN}) and ${pastDueSql(alias, clockSql(alias, '?'))})`;
}

/**
 * The open half of `isOverdue` as of an instant T that may be past, for a
 * dossier known to be open at T (statistics over a period): the clock reads
 * T, or the moment it stopped if the dossier was paused before T (a pause
 * after T had not happened yet). Two parameters: `?` is T, twice.
 */
export function overdueAsOfSql(alias = 'd'): string {
  return pastDueSql(alias, `least(${clockSql(alias, '?::timestamptz')}, ?::timestamptz)`);
}
