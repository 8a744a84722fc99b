/**
 * The centre's local time: Asia/Ho_Chi_Minh, a fixed +07:00 all year (no
 * daylight saving), so local dates and times are plain offset arithmetic.
 * The one place the time zone is written; everything that reckons in local
 * time (the DateTime scalar, statistics periods, the working calendar, the
 * job schedules) takes it from here.
 */

/** The IANA name of the centre's time zone, for schedulers and anything that takes a zone name. */
export const CENTRE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The centre's offset from UTC in minutes (+07:00). */
export const CENTRE_UTC_OFFSET_MINUTES = 420;

/** The offset as ISO 8601 writes it. */
export const CENTRE_UTC_OFFSET = '+07:00';

/** The offset as a PostgreSQL interval, to read a `timestamptz` as local time in SQL: `(t + interval '420 minutes')::date`. */
export const CENTRE_UTC_OFFSET_INTERVAL = `${CENTRE_UTC_OFFSET_MINUTES} minutes`;

const OFFSET_MS = CENTRE_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** ISO 8601 in the centre's local time with its offset: 2026-11-23T09:00:00+07:00. */
export function formatLocalDateTime(date: Date): string {
  return `${new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 19)}${CENTRE_UTC_OFFSET}`;
}

/** The centre's local date (YYYY-MM-DD) of an instant. */
export function localDateOf(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of local midnight starting a YYYY-MM-DD date. */
export function localMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** An instant as Vietnamese forms and messages print it, in the centre's time: "09:00 14/12/2026". */
export function displayLocalDateTime(date: Date): string {
  return date.toLocaleString('vi-VN', { timeZone: CENTRE_TIME_ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** The instant of local midnight ending a YYYY-MM-DD date (the next day's start). */
export function localDayEnd(date: string): Date {
  return new Date(localMidnight(date).getTime() + DAY_MS);
}
