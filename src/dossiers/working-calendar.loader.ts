import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkingCalendar, type OfficeHours } from '../calendar';
import { CalendarDay } from '../catalog/calendar-day.entity';

/**
 * The working calendar from the loaded days off, read when needed: the
 * table is small, and reading it each time means a holiday an administrator
 * loads counts at once, in every hub process.
 */
export async function loadWorkingCalendar(em: EntityManager, officeHours: OfficeHours, fromDate: string): Promise<WorkingCalendar> {
  const days = await em.find(CalendarDay, { date: { $gte: fromDate } }, { orderBy: { date: 'asc' } });
  return new WorkingCalendar(
    days.map((day) => ({ date: day.date, kind: day.kind, name: day.name })),
    { officeHours },
  );
}
