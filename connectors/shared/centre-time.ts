/**
 * Times as the national systems write them (DOMAIN.md §2.2, §5):
 * yyyyMMddHHmmss in the centre's time, UTC+7 without daylight saving.
 */

const OFFSET_MS = 7 * 3_600_000;

/** yyyyMMddHHmmss in the centre's time. */
export function centreTime(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
}

/** The instant a yyyyMMddHHmmss of the centre's time names; null for anything else (a 31 February included). */
export function parseCentreTime(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS);
  return centreTime(at) === text ? at : null;
}
