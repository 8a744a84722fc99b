// How the screens write times, numbers and rates: Vietnamese, in the centre's time zone.
const ZONE = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
const time = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });
const integer = new Intl.NumberFormat('vi-VN');

/** "09:00 14/12/2026"; a dash for none. */
export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function hourOf(iso: string): string {
  return time.format(new Date(iso));
}

export function nowLong(date: Date): string {
  return clock.format(date);
}

export function count(n: number): string {
  return integer.format(n);
}

/** A 0–1 rate as a percentage with one decimal ("96,4%"); a dash when there is nothing to count. */
export function rate(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** Today in the centre's time zone, YYYY-MM-DD. */
export function today(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The dossier code in what a person typed or a scanner read: the code
 * itself, or the lookup page's address from a receipt's QR code (?ma=…).
 */
export function codeFrom(input: string): string {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      return (new URL(text).searchParams.get('ma') ?? '').trim();
    } catch {
      return text;
    }
  }
  return text;
}
