/**
 * Office hours of a one-stop counter: the periods of a working day during
 * which the deadline clock runs.
 */

/** One stretch of office time, in minutes after local midnight; `start` is inside, `end` is not. */
export interface OfficePeriod {
  readonly start: number;
  readonly end: number;
}

/** The same office hours apply to every working day (weekday or make-up Saturday). */
export interface OfficeHours {
  /** Minutes after local midnight, ordered and not overlapping; periods may touch. */
  readonly periods: readonly OfficePeriod[];
}

/** 07:00–11:30 and 13:30–17:00: eight hours, the civil-service day used by Vietnamese one-stop systems. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  periods: Object.freeze([
    Object.freeze({ start: 7 * 60, end: 11 * 60 + 30 }),
    Object.freeze({ start: 13 * 60 + 30, end: 17 * 60 }),
  ]),
});

const CLOCK = /^(\d{1,2})(?::(\d{2})|[hH](\d{2})?)$/;

/**
 * Minutes after midnight of a clock time: `"15:00"` → 900.
 * Also accepts the Vietnamese written forms `"15h00"` and `"15h"`, and `"24:00"`
 * (1440, the end of the day, useful as a period end).
 * @throws RangeError naming the text when it is not a clock time.
 */
export function parseClock(text: string): number {
  const match = typeof text === 'string' ? CLOCK.exec(text.trim()) : null;
  if (!match) {
    throw new RangeError(`Invalid clock time ${JSON.stringify(text)}: expected HH:MM, e.g. "15:00"`);
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? match[3] ?? '0');
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Invalid clock time ${JSON.stringify(text)}: out of range 00:00–24:00`);
  }
  return hours * 60 + minutes;
}

/** `900` → `"15:00"`. */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Office hours from text such as `"07:00-11:30,13:30-17:00"` (spaces and an
 * en dash are tolerated).
 * @throws RangeError naming the bad part: a bad clock time, an empty period,
 * periods out of order or overlapping.
 */
export function parseOfficeHours(text: string): OfficeHours {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new RangeError(`Invalid office hours ${JSON.stringify(text)}: expected e.g. "07:00-11:30,13:30-17:00"`);
  }
  const periods = text.split(',').map((part) => {
    const match = /^\s*([^-–\s]+)\s*[-–]\s*([^-–\s]+)\s*$/.exec(part);
    if (!match) {
      throw new RangeError(`Invalid office period ${JSON.stringify(part.trim())} in ${JSON.stringify(text)}: expected HH:MM-HH:MM`);
    }
    return { start: parseClock(match[1]), end: parseClock(match[2]) };
  });
  return checkOfficeHours({ periods });
}

/**
 * Checks office hours given as data and returns a frozen copy.
 * @throws RangeError when there is no period, a bound is not an integer in
 * 0..1440, a period is empty, or periods are out of order or overlap.
 */
export function checkOfficeHours(hours: OfficeHours): OfficeHours {
  const given: unknown = (hours as Partial<OfficeHours> | undefined)?.periods;
  if (!Array.isArray(given) || given.length === 0) {
    throw new RangeError('Invalid office hours: at least one period is required');
  }
  const periods = hours.periods;
  const isMinute = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 1440;
  periods.forEach((period: OfficePeriod, i: number) => {
    const label = isMinute(period?.start) && isMinute(period?.end)
      ? `${formatClock(period.start)}-${formatClock(period.end)}`
      : JSON.stringify(period);
    if (!isMinute(period?.start) || !isMinute(period?.end)) {
      throw new RangeError(`Invalid office period ${label}: start and end must be whole minutes 0..1440`);
    }
    if (period.start >= period.end) {
      throw new RangeError(`Invalid office period ${label}: it must end after it starts`);
    }
    const previous = periods[i - 1];
    if (previous && period.start < previous.end) {
      const what = period.start < previous.start ? 'out of order after' : 'overlaps';
      throw new RangeError(
        `Invalid office period ${label}: ${what} ${formatClock(previous.start)}-${formatClock(previous.end)}`,
      );
    }
  });
  return Object.freeze({
    periods: Object.freeze(periods.map((p: OfficePeriod) => Object.freeze({ start: p.start, end: p.end }))),
  });
}
