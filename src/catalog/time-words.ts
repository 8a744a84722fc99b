import type { TimeUnit } from './catalog.enums';

const UNIT: Record<TimeUnit, string> = { WORKING_DAYS: 'ngày làm việc', WORKING_HOURS: 'giờ làm việc', DAYS: 'ngày', MONTHS: 'tháng' };

/** "7,5 ngày làm việc": a processing time with a decimal comma, as Vietnamese forms and notices print it. */
export const timeInWords = (amount: number, unit: TimeUnit): string => `${amount.toLocaleString('vi-VN', { maximumFractionDigits: 2 })} ${UNIT[unit]}`;
