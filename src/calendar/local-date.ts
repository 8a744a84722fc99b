/**
 * Local calendar dates as day numbers (days since 1970-01-01), so the calendar
 * can step over days with integer arithmetic instead of `Date` objects.
 * Internal to `src/calendar`; not exported from its index.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` local date; throws a RangeError naming the bad text. */
export function parseLocalDate(text: string, what = 'date'): number {
  const match = typeof text === 'string' ? LOCAL_DATE.exec(text) : null;
  if (!match) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(text)}: expected YYYY-MM-DD`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(text)}: no such day in the calendar`);
  }
  return Math.round(date.getTime() / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function formatLocalDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}
