/** Working-time calendar: pure deadline arithmetic over a loaded table of days off. */
export {
  WorkingCalendar,
  isHundredths,
  type CalendarDay,
  type ClockStartOptions,
  type Duration,
  type TimeUnit,
  type WorkingCalendarOptions,
} from './working-calendar.js';
export { DEFAULT_OFFICE_HOURS, parseClock, parseOfficeHours, type OfficeHours, type OfficePeriod } from './office-hours.js';
