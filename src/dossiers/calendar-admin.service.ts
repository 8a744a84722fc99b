import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { OfficeHours } from '../calendar';
import { CalendarDay, CatalogDataError, holidayRecord, loadCatalog, type CalendarChange, type CalendarDayKind } from '../catalog';
import { ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import type { DossierAccess } from './dossier-access';
import { moveDueTimes, type DueTimeMove } from './due-times';

/** A day off or make-up day as a supervisor loads it from the year's notice. */
export interface CalendarDayEntry {
  date: string;
  kind: CalendarDayKind;
  name: string;
  notice: string;
  verified?: boolean | null;
}

/** The most days one load takes: every day of two years, far more than any notice. */
export const MAX_CALENDAR_DAYS = 731;

/**
 * The official calendar, kept by the centre's supervisors: loading the days
 * off and make-up days of a year (the yearly notice) replaces that year's
 * days, and moves the due times of open dossiers the change moves, with a
 * history entry each (issue 13, item 8).
 */
export class CalendarAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly deps: { officeHours: OfficeHours; clock: Clock },
  ) {}

  async load(entries: readonly CalendarDayEntry[]): Promise<{ days: CalendarDay[]; moved: DueTimeMove[] }> {
    const user = this.access.requireRole(Role.SUPERVISOR);
    if (entries.length === 0) throw new UserError(ErrorCode.INVALID_INPUT, 'Cần ít nhất một ngày nghỉ hoặc ngày làm bù.', 'days');
    if (entries.length > MAX_CALENDAR_DAYS) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Mỗi lần nạp tối đa ${MAX_CALENDAR_DAYS} ngày.`, 'days');
    }
    const records = entries.map((entry, i) => {
      const parsed = holidayRecord.safeParse({
        date: entry.date,
        kind: entry.kind,
        name: entry.name,
        source: entry.notice,
        confidence: entry.verified ? 'source' : 'secondary',
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue.path[0] === 'source' ? 'notice' : String(issue.path[0] ?? 'date');
        throw new UserError(ErrorCode.INVALID_INPUT, `Ngày thứ ${i + 1} (${String(entry.date)}): ${field === 'notice' ? 'cần nêu văn bản thông báo' : issue.message}.`, `days.${i}.${field}`);
      }
      return parsed.data;
    });
    const seen = new Set<string>();
    records.forEach((record, i) => {
      if (seen.has(record.date)) throw new UserError(ErrorCode.INVALID_INPUT, `Ngày ${record.date} được nêu hai lần.`, `days.${i}.date`);
      seen.add(record.date);
    });
    const actor = { id: user.id, name: user.name, agencyId: null };
    const now = this.deps.clock.now();
    let moved: DueTimeMove[] = [];
    try {
      const onCalendarChange = async (tx: EntityManager, change: CalendarChange): Promise<void> => {
        moved = await moveDueTimes(tx, change, this.deps.officeHours, actor, now);
      };
      await loadCatalog(this.em, { holidays: records }, { onCalendarChange });
    } catch (error) {
      if (error instanceof CatalogDataError) throw new UserError(ErrorCode.INVALID_INPUT, error.problems.join('; '), 'days');
      throw error;
    }
    const years = records.map((r) => r.date.slice(0, 4)).sort();
    const days = await this.em.find(CalendarDay, { date: { $gte: `${years[0]}-01-01`, $lte: `${years[years.length - 1]}-12-31` } }, { orderBy: { date: 'asc' } });
    return { days, moved };
  }
}
