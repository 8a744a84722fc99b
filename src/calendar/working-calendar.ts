/**
 * The working-time calendar of a one-stop centre: which days are working days,
 * when the deadline clock starts for a receipt, and when a procedure is due.
 *
 * Pure: no I/O, no clock, no globals. Days off and make-up working days are
 * data loaded by administrators (the yearly civil-service notice); nothing here
 * computes a holiday.
 *
 * Instants are `Date`s; everything is reckoned in the centre's local time,
 * a fixed UTC offset (Asia/Ho_Chi_Minh, +07:00, has no daylight saving).
 * Internally an instant is its local millisecond count, split into a day
 * number and a time of day.
 */
import { DAY_MS, MINUTE_MS, dayOfWeek, formatLocalDate, parseLocalDate } from './local-date.js';
import { DEFAULT_OFFICE_HOURS, checkOfficeHours, type OfficeHours } from './office-hours.js';
import { CENTRE_UTC_OFFSET_MINUTES } from '../shared/local-time.js';

/** How a procedure's processing time is counted (DVCQG `DONVITINH`). */
export type TimeUnit = 'WORKING_DAYS' | 'WORKING_HOURS' | 'DAYS' | 'MONTHS';

/** A procedure's processing time, e.g. `{ amount: 3, unit: 'WORKING_DAYS' }`. */
export interface Duration {
  /**
   * ≥ 0. Working days and hours may carry up to two decimals, as the national
   * catalogue gives them (7.5, 6.25, 4.75 working days); calendar days and
   * months are whole. `0` with `WORKING_DAYS` means "within the day" (trong ngày).
   */
  amount: number;
  unit: TimeUnit;
}

/**
 * A dated exception to the Monday–Friday week: a day off on a weekday (public
 * holiday, official day off) or a make-up working day on a weekend.
 * Administrators load these as data; they are never computed.
 * A `HOLIDAY` on a weekend or a `WORKING_DAY` on a weekday is accepted and
 * changes nothing, so a notice can be loaded as announced ("nghỉ từ 14/2 đến 22/2").
 */
export interface CalendarDay {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  kind: 'HOLIDAY' | 'WORKING_DAY';
  /** For display, e.g. "Tết Nguyên đán". */
  name?: string;
}

/** Options of {@link WorkingCalendar}. */
export interface WorkingCalendarOptions {
  /** Office hours of every working day. Default {@link DEFAULT_OFFICE_HOURS} (07:00–11:30, 13:30–17:00). */
  officeHours?: OfficeHours;
  /** Minutes east of UTC of the centre's local time. Default `CENTRE_UTC_OFFSET_MINUTES` (420: +07:00, Asia/Ho_Chi_Minh, no DST). */
  utcOffsetMinutes?: number;
}

/** Options of {@link WorkingCalendar.clockStart} and {@link WorkingCalendar.dueAt}. */
export interface ClockStartOptions {
  /**
   * Per-procedure receipt cut-off, minutes after local midnight (e.g. 900 for
   * 15:00; see `parseClock`). A receipt on a working day whose clock time, as
   * printed on the Giấy tiếp nhận (to the minute), is later than the cut-off
   * counts from the next working day's start; a receipt at 15:00 exactly is
   * still that day's. Default: no cut-off.
   */
  cutoff?: number;
}

const TIME_UNITS: readonly TimeUnit[] = ['WORKING_DAYS', 'WORKING_HOURS', 'DAYS', 'MONTHS'];

/** Units counted in working time, whose amounts may be fractional (hundredths). */
const WORKING_UNITS: readonly TimeUnit[] = ['WORKING_DAYS', 'WORKING_HOURS'];

/**
 * How far the calendar will walk looking for an answer (about 100 years):
 * a deadline further away is a data-entry error, not a procedure.
 */
const MAX_SCAN_DAYS = 36_600;

/** A local instant split into a day number and milliseconds after local midnight. */
interface LocalTime {
  day: number;
  ms: number;
}

/**
 * Working-time arithmetic over a table of days off and make-up working days.
 *
 * Conventions a one-stop officer expects:
 * - Working time only runs during office periods of working days.
 * - A due instant is the *earliest* instant at which the required working time
 *   has run, so it lands on the end of a period rather than the start of the
 *   next (received Monday 07:00 with 1 working day → Monday 17:00).
 * - Instants keep their seconds; nothing is rounded except the cut-off check,
 *   which reads the receipt to the minute like the printed receipt does.
 *
 * Invalid input (NaN dates, malformed dates, negative or fractional amounts,
 * conflicting calendar rows) throws a `RangeError` whose message names the value.
 */
export class WorkingCalendar {
  /** The office hours in force, validated and frozen. */
  readonly officeHours: OfficeHours;
  /** Minutes east of UTC of local time. */
  readonly utcOffsetMinutes: number;
  /** Length of a working day: the sum of the office periods (480 by default). */
  readonly workingMinutesPerDay: number;

  private readonly exceptions = new Map<number, CalendarDay['kind']>();
  /** Office periods in milliseconds after local midnight. */
  private readonly periods: ReadonlyArray<{ start: number; end: number }>;
  private readonly offsetMs: number;

  /**
   * @param days Days off on weekdays and make-up working days on weekends.
   *   The same date twice with the same kind is accepted (first name kept);
   *   with different kinds it is a conflict and throws.
   * @throws RangeError on a malformed date, an unknown kind, a conflicting
   *   duplicate, bad office hours or a bad UTC offset.
   */
  constructor(days: readonly CalendarDay[], options: WorkingCalendarOptions = {}) {
    this.officeHours = checkOfficeHours(options.officeHours ?? DEFAULT_OFFICE_HOURS);
    this.periods = this.officeHours.periods.map((p) => ({ start: p.start * MINUTE_MS, end: p.end * MINUTE_MS }));
    this.workingMinutesPerDay = this.officeHours.periods.reduce((sum, p) => sum + p.end - p.start, 0);

    const offset = options.utcOffsetMinutes ?? CENTRE_UTC_OFFSET_MINUTES;
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
      throw new RangeError(`Invalid utcOffsetMinutes ${String(offset)}: expected a whole number of minutes within ±840`);
    }
    this.utcOffsetMinutes = offset;
    this.offsetMs = offset * MINUTE_MS;

    const given: unknown = days;
    if (!Array.isArray(given)) {
      throw new RangeError('Invalid calendar days: expected an array of { date, kind }');
    }
    for (const entry of days) {
      const day = parseLocalDate(entry?.date, 'calendar date');
      if (entry.kind !== 'HOLIDAY' && entry.kind !== 'WORKING_DAY') {
        throw new RangeError(`Invalid kind ${JSON.stringify(entry.kind)} for calendar date ${entry.date}: expected HOLIDAY or WORKING_DAY`);
      }
      const known = this.exceptions.get(day);
      if (known !== undefined && known !== entry.kind) {
        throw new RangeError(`Conflicting calendar entries for ${entry.date}: both ${known} and ${entry.kind}`);
      }
      this.exceptions.set(day, entry.kind);
    }
  }

  /**
   * Whether a local date is a working day: Monday–Friday unless loaded as a
   * `HOLIDAY`; Saturday and Sunday only when loaded as a `WORKING_DAY`.
   * @param localDate `YYYY-MM-DD`.
   */
  isWorkingDay(localDate: string): boolean {
    return this.isWorkingDayNumber(parseLocalDate(localDate));
  }

  /** The first working day strictly after `localDate` (`YYYY-MM-DD` in and out). */
  nextWorkingDay(localDate: string): string {
    return formatLocalDate(this.nextWorkingDayNumber(parseLocalDate(localDate)));
  }

  /**
   * The `n`-th working day strictly after `localDate`, for display ("hẹn trả
   * sau 3 ngày làm việc"); `n = 0` returns `localDate` itself, working or not.
   * @throws RangeError when `n` is not a whole number ≥ 0.
   */
  addWorkingDays(localDate: string, n: number): string {
    let day = parseLocalDate(localDate);
    checkCount(n, 'working-day count');
    for (let i = 0; i < n; i++) day = this.nextWorkingDayNumber(day);
    return formatLocalDate(day);
  }

  /** The local date (`YYYY-MM-DD`) of an instant, e.g. to compare due and finish dates. */
  localDateOf(at: Date): string {
    return formatLocalDate(this.toLocal(checkDate(at, 'instant')).day);
  }

  /** Whether `at` falls in an office period of a working day (a period's end included: 17:00 is still that day's). */
  isWorkingTime(at: Date): boolean {
    const { day, ms } = this.toLocal(checkDate(at, 'instant'));
    return this.isWorkingDayNumber(day) && this.periods.some((p) => ms >= p.start && ms <= p.end);
  }

  /**
   * The instant the clock starts for something received at `at`:
   * - `at` itself when inside an office period of a working day;
   * - the next period's start when before opening or over lunch (12:00 → 13:30);
   * - the next working day's first period start when at or after the last
   *   period's end (17:00, 17:05) or on a day off;
   * - with `cutoff`, a receipt on a working day later than the cut-off counts
   *   from the next working day's start (14:59 → now, 15:01 → tomorrow 07:00).
   */
  clockStart(at: Date, options: ClockStartOptions = {}): Date {
    const { day, ms } = this.toLocal(checkDate(at, 'receipt time'));
    const cutoff = options.cutoff;
    if (cutoff !== undefined) checkMinuteOfDay(cutoff, 'cutoff');
    if (this.isWorkingDayNumber(day) && (cutoff === undefined || Math.floor(ms / MINUTE_MS) <= cutoff)) {
      for (const period of this.periods) {
        if (ms < period.start) return this.fromLocal(day, period.start);
        if (ms < period.end) return new Date(at.getTime());
      }
    }
    return this.fromLocal(this.nextWorkingDayNumber(day), this.periods[0].start);
  }

  /**
   * The earliest instant at which `minutes` working minutes have run since
   * `from`. So a result on a period boundary is that period's end, never the
   * next period's start; `0` returns `from` unchanged. `minutes` may be
   * fractional (instants carry seconds); it is rounded to the millisecond.
   * Walks day by day, never minute by minute.
   * @throws RangeError on an invalid date or a negative or non-finite amount.
   */
  addWorkingMinutes(from: Date, minutes: number): Date {
    checkDate(from, 'start instant');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`Invalid working minutes ${String(minutes)}: expected a finite number ≥ 0`);
    }
    return this.addWorkingMs(from, Math.round(minutes * MINUTE_MS));
  }

  /**
   * Working minutes from `a` to `b`: the overlap of `[a, b]` with office
   * periods of working days; 0 when `b <= a`. Fractional when the instants
   * carry seconds. The inverse of {@link addWorkingMinutes}:
   * `addWorkingMinutes(a, workingMinutesBetween(a, addWorkingMinutes(a, m)))`
   * is `addWorkingMinutes(a, m)`.
   */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.workingMsBetween(checkDate(a, 'start instant'), checkDate(b, 'end instant')) / MINUTE_MS;
  }

  /**
   * The due instant (ngày hẹn trả) for a procedure time counted from receipt,
   * from {@link clockStart} (which applies `cutoff`):
   * - `WORKING_DAYS n > 0`: n × {@link workingMinutesPerDay} working minutes
   *   (7.5 working days: seven days and half of one, 3 600 minutes by default);
   * - `WORKING_DAYS 0` ("trong ngày"): the end of the clock-start day's last
   *   period (received 15:01 with a 15:00 cut-off → end of the next working day);
   * - `WORKING_HOURS n`: n × 60 working minutes;
   * - `DAYS n` (calendar days): clock start + n × 24 h; on a day off, the same
   *   clock time on the next working day; should that clock time fall outside
   *   office hours, the end of that day's last period. (With the same office
   *   hours every day the clock start's time is always inside them, so this
   *   last rule is a guard.)
   * - `MONTHS n` (calendar months, Bộ luật Dân sự Điều 147–148): the same day
   *   of the month n months after the clock start, or that month's last day
   *   when it has no such day (31/1 + 1 month → 28/2); then as `DAYS`.
   * @throws RangeError on an invalid date, an unknown unit, or an amount that
   *   is negative, fractional beyond hundredths (or at all for days and
   *   months), or absurdly large (over 36 600; 1 200 months).
   */
  dueAt(receivedAt: Date, time: Duration, options: ClockStartOptions = {}): Date {
    checkDuration(time);
    const start = this.clockStart(receivedAt, options);
    switch (time.unit) {
      case 'WORKING_DAYS':
        if (time.amount === 0) {
          const { day } = this.toLocal(start);
          return this.fromLocal(day, this.lastPeriodEnd);
        }
        return this.addWorkingMs(start, Math.round(time.amount * this.workingMinutesPerDay * MINUTE_MS));
      case 'WORKING_HOURS':
        return this.addWorkingMs(start, Math.round(time.amount * 60 * MINUTE_MS));
      case 'DAYS': {
        const { day, ms } = this.toLocal(start);
        return this.onWorkingDay(day + time.amount, ms);
      }
      case 'MONTHS': {
        const { day, ms } = this.toLocal(start);
        return this.onWorkingDay(addMonths(day, time.amount), ms);
      }
    }
  }

  /** `ms` on `day`, or on the next working day when `day` is a day off; the day's last period end when `ms` is outside office hours. */
  private onWorkingDay(day: number, ms: number): Date {
    const working = this.isWorkingDayNumber(day) ? day : this.nextWorkingDayNumber(day);
    const inside = this.periods.some((p) => ms >= p.start && ms <= p.end);
    return this.fromLocal(working, inside ? ms : this.lastPeriodEnd);
  }

  /**
   * The due instant after a pause (supplement requested at `pausedAt`, the
   * applicant supplemented at `resumedAt`): `due` moved later by the working
   * time between the two, i.e. the working time during which the clock stood
   * still. Requested Friday 16:00 and supplemented Monday 08:00 stands still
   * for Friday 16:00–17:00 and Monday 07:00–08:00: two working hours; the
   * weekend costs nothing. A pause entirely outside office hours moves nothing.
   * @throws RangeError on an invalid date or when `resumedAt` is before `pausedAt`.
   */
  resume(due: Date, pausedAt: Date, resumedAt: Date): Date {
    checkDate(due, 'due instant');
    checkDate(pausedAt, 'pause instant');
    checkDate(resumedAt, 'resume instant');
    if (resumedAt.getTime() < pausedAt.getTime()) {
      throw new RangeError(
        `Invalid pause: resumed at ${resumedAt.toISOString()} before it was paused at ${pausedAt.toISOString()}`,
      );
    }
    return this.addWorkingMs(due, this.workingMsBetween(pausedAt, resumedAt));
  }

  // ---- internals -------------------------------------------------------

  private get lastPeriodEnd(): number {
    return this.periods[this.periods.length - 1].end;
  }

  private isWorkingDayNumber(day: number): boolean {
    const exception = this.exceptions.get(day);
    if (exception !== undefined) return exception === 'WORKING_DAY';
    const weekday = dayOfWeek(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** Terminates: at most the loaded holidays plus weekends stand in the way. */
  private nextWorkingDayNumber(day: number): number {
    let next = day + 1;
    while (!this.isWorkingDayNumber(next)) next++;
    return next;
  }

  private toLocal(at: Date): LocalTime {
    const local = at.getTime() + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    return { day, ms: local - day * DAY_MS };
  }

  private fromLocal(day: number, ms: number): Date {
    const result = new Date(day * DAY_MS + ms - this.offsetMs);
    if (Number.isNaN(result.getTime())) {
      throw new RangeError(`Result out of the representable date range (local day ${day})`);
    }
    return result;
  }

  private addWorkingMs(from: Date, amount: number): Date {
    if (amount === 0) return new Date(from.getTime());
    let { day, ms } = this.toLocal(from);
    let remaining = amount;
    for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned++) {
      if (this.isWorkingDayNumber(day)) {
        for (const period of this.periods) {
          const begin = Math.max(period.start, ms);
          if (begin >= period.end) continue;
          const available = period.end - begin;
          // `<=`, not `<`: a requirement that uses a period up exactly ends at
          // that period's end rather than at the next period's start.
          if (remaining <= available) return this.fromLocal(day, begin + remaining);
          remaining -= available;
        }
      }
      day++;
      ms = 0;
    }
    throw new RangeError(
      `Working time of ${amount / MINUTE_MS} minutes from ${from.toISOString()} reaches beyond ${MAX_SCAN_DAYS} days`,
    );
  }

  private workingMsBetween(a: Date, b: Date): number {
    if (b.getTime() <= a.getTime()) return 0;
    const from = this.toLocal(a);
    const to = this.toLocal(b);
    let total = 0;
    for (let day = from.day; day <= to.day; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      const lo = day === from.day ? from.ms : 0;
      const hi = day === to.day ? to.ms : DAY_MS;
      for (const period of this.periods) {
        total += Math.max(0, Math.min(period.end, hi) - Math.max(period.start, lo));
      }
    }
    return total;
  }
}

function checkDate(value: Date, what: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`Invalid ${what} ${value instanceof Date ? 'Invalid Date' : JSON.stringify(value)}: expected a valid Date`);
  }
  return value;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Invalid ${what} ${String(n)}: expected a whole number ≥ 0`);
  }
}

function checkMinuteOfDay(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 1440) {
    throw new RangeError(`Invalid ${what} ${String(value)}: expected minutes after midnight, 0..1440 (see parseClock)`);
  }
}

/** The most months a processing time may count (a hundred years, like {@link MAX_SCAN_DAYS}). */
const MAX_MONTHS = 1_200;

function checkDuration(time: Duration): void {
  if (typeof time !== 'object' || time === null || !TIME_UNITS.includes(time.unit)) {
    throw new RangeError(`Invalid time unit ${JSON.stringify(time?.unit)}: expected one of ${TIME_UNITS.join(', ')}`);
  }
  const what = `${time.unit} amount`;
  if (WORKING_UNITS.includes(time.unit)) {
    if (!isHundredths(time.amount)) {
      throw new RangeError(`Invalid ${what} ${String(time.amount)}: expected a number ≥ 0 with at most two decimals`);
    }
  } else {
    checkCount(time.amount, what);
  }
  const limit = time.unit === 'MONTHS' ? MAX_MONTHS : MAX_SCAN_DAYS;
  if (time.amount > limit) {
    throw new RangeError(`Invalid ${what} ${time.amount}: more than ${limit}, surely a data-entry error`);
  }
}

/** Whether `n` is a finite number ≥ 0 with at most two decimals (7.5, 6.25). */
export function isHundredths(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
}

/** The day `months` calendar months after `day`: the same day of the month, or that month's last day when it has none. */
function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const target = new Date(0);
  target.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + months + 1, 0); // last day of the target month
  const lastDay = target.getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.round(target.getTime() / DAY_MS);
}
