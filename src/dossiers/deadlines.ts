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

/**
 * The last day the official calendar is known for: 31 December of the last
 * year with a loaded day off or make-up day (the yearly notice covers a
 * year). Null when none is loaded. A due time after it counts that year's
 * holidays as working days: it is provisional until they are loaded.
 */
export async function calendarHorizon(em: EntityManager): Promise<string | null> {
  const rows = await em.execute<Array<{ last: string | null }>>('select max(date) as last from calendar_day');
  const last = rows[0]?.last ?? null;
  return last === null ? null : `${last.slice(0, 4)}-12-31`;
}

/** Whether `due` falls after the calendar's horizon (so it may move when the next year's days off are loaded). */
export function beyondHorizon(due: Date | null, horizon: string | null): boolean {
  return due !== null && horizon !== null && localDateOf(due) > horizon;
}

/** What the history says of a due time beyond the horizon; null for one within it. */
export function provisionalNote(due: Date | null, horizon: string | null): string | null {
  if (!beyondHorizon(due, horizon) || horizon === null) return null;
  const [year, month, day] = horizon.split('-');
  return `Ngày hẹn trả tính theo lịch nghỉ đã nạp đến ${day}/${month}/${year}: có thể thay đổi khi nạp lịch nghỉ năm ${Number(year) + 1}.`;
}

/** A stored amount and unit as a duration, or null where no source gave the time. */
export function durationOf(amount: number | null, unit: TimeUnit | null): Duration | null {
  return amount === null || unit === null ? null : { amount, unit };
}

/** The due instant of something that takes `time` from `start`, honouring a procedure's cut-off (HH:mm). */
export function dueFrom(calendar: WorkingCalendar, start: Date, time: Duration, cutoffTime: string | null): Date {
  return calendar.dueAt(start, time, cutoffTime ? { cutoff: parseClock(cutoffTime) } : {});
}
