/**
 * Test fixture: the civil-service days off of 2025 and 2026 as a one-stop
 * centre would load them from the yearly notices (see DOMAIN.md §3).
 * Multi-day breaks are listed as announced, weekends included; the calendar
 * ignores a HOLIDAY that falls on a weekend. Not exported from the module's
 * index: production calendars come from administrators' data.
 */
import type { CalendarDay } from './working-calendar.js';

/** Every date from `first` to `last` inclusive (YYYY-MM-DD), as days off. */
function daysOff(first: string, last: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'HOLIDAY', name });
  }
  return days;
}

export const VN_DAYS_OFF_2025: readonly CalendarDay[] = [
  { date: '2025-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' },
  ...daysOff('2025-01-25', '2025-02-02', 'Tết Nguyên đán'), // weekdays 27–31/1
  { date: '2025-04-07', kind: 'HOLIDAY', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-26', kind: 'WORKING_DAY', name: 'Làm bù cho ngày 2/5' },
  { date: '2025-04-30', kind: 'HOLIDAY', name: 'Ngày Giải phóng miền Nam' },
  { date: '2025-05-01', kind: 'HOLIDAY', name: 'Ngày Quốc tế Lao động' },
  { date: '2025-05-02', kind: 'HOLIDAY', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)' },
  { date: '2025-09-01', kind: 'HOLIDAY', name: 'Quốc khánh' },
  { date: '2025-09-02', kind: 'HOLIDAY', name: 'Quốc khánh' },
];

export const VN_DAYS_OFF_2026: readonly CalendarDay[] = [
  { date: '2026-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' },
  ...daysOff('2026-02-14', '2026-02-22', 'Tết Nguyên đán'), // weekdays 16–20/2
  { date: '2026-04-27', kind: 'HOLIDAY', name: 'Giỗ Tổ Hùng Vương (nghỉ bù, 10/3 âm lịch là Chủ nhật 26/4)' },
  { date: '2026-04-30', kind: 'HOLIDAY', name: 'Ngày Giải phóng miền Nam' },
  { date: '2026-05-01', kind: 'HOLIDAY', name: 'Ngày Quốc tế Lao động' },
  { date: '2026-09-01', kind: 'HOLIDAY', name: 'Quốc khánh' },
  { date: '2026-09-02', kind: 'HOLIDAY', name: 'Quốc khánh' },
  { date: '2026-11-24', kind: 'HOLIDAY', name: 'Ngày Văn hóa Việt Nam' },
];

export const VN_DAYS_OFF_2025_2026: readonly CalendarDay[] = [...VN_DAYS_OFF_2025, ...VN_DAYS_OFF_2026];
