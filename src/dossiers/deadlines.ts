import type { EntityManager } from '@mikro-orm/postgresql';
import { parseClock, WorkingCalendar, type Duration, type OfficeHours } from '../calendar';
import { CalendarDay } from '../catalog';
import type { TimeUnit } from '../catalog';
import { localDateOf } from '../shared/local-time';

/**
 * The working calendar from the loaded days off, read when needed: the
 * table is small, and reading it each time means a holiday an administrator
 * loads counts at once, in every hub process. `since` is the earliest
 * instant the computation looks at.
 */
export async function loadWorkingCalendar(em: EntityManager, officeHours: OfficeHours, since: Date): Promise<WorkingCalendar> {
  const days = await em.find(CalendarDay, { date: { $gte: localDateOf(since) } }, { orderBy: { date: 'asc' } });
  return new WorkingCalendar(
    days.map((day) => ({ date: day.date, kind: day.kind, name: day.name })),
    { officeHours },
  );
}

/** A stored amount and unit as a duration, or null where no source gave the time. */
export function durationOf(amount: number | null, unit: TimeUnit | null): Duration | null {
  return amount === null || unit === null ? null : { amount, unit };
}

/** The due instant of something that takes `time` from `start`, honouring a procedure's cut-off (HH:mm). */
export function dueFrom(calendar: WorkingCalendar, start: Date, time: Duration, cutoffTime: string | null): Date {
  return calendar.dueAt(start, time, cutoffTime ? { cutoff: parseClock(cutoffTime) } : {});
}
