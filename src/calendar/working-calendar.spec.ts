import { describe, expect, it } from 'vitest';
import { VN_DAYS_OFF_2025, VN_DAYS_OFF_2025_2026, VN_DAYS_OFF_2026 } from './fixtures.js';
import {
  DEFAULT_OFFICE_HOURS,
  WorkingCalendar,
  parseClock,
  parseOfficeHours,
  type CalendarDay,
  type Duration,
} from './index.js';

/** An instant from an ISO string, written with +07:00 for readability. */
const t = (iso: string): Date => new Date(iso);
/** An instant as local ISO with +07:00, so failures read like the receipt. */
const vn = (d: Date): string => `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

const cal = new WorkingCalendar(VN_DAYS_OFF_2025_2026);
const WD = (amount: number): Duration => ({ amount, unit: 'WORKING_DAYS' });
const WH = (amount: number): Duration => ({ amount, unit: 'WORKING_HOURS' });
const DAYS = (amount: number): Duration => ({ amount, unit: 'DAYS' });
const CUTOFF_15H = { cutoff: parseClock('15:00') };

// 2026-03-02 is an ordinary Monday: no day off in that week or the next.
describe('parseClock', () => {
  it.each([
    ['15:00', 900],
    ['07:00', 420],
    ['7:05', 425],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', 1440],
    [' 13:30 ', 810],
    ['15h00', 900],
    ['15h', 900],
    ['7h30', 450],
  ])('%j → %i', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });

  it.each(['', '15', '1500', '15:0', '15:000', '25:00', '24:01', '12:60', '-1:00', 'abc', '15:00:00', '15.00'])(
    'rejects %j, naming it',
    (text) => {
      expect(() => parseClock(text)).toThrow(RangeError);
      expect(() => parseClock(text)).toThrow(JSON.stringify(text));
    },
  );

  it('rejects a non-string', () => {
    expect(() => parseClock(900 as unknown as string)).toThrow(/Invalid clock time 900/);
  });
});

describe('parseOfficeHours', () => {
  it('parses the default civil-service day', () => {
    expect(parseOfficeHours('07:00-11:30,13:30-17:00')).toEqual(DEFAULT_OFFICE_HOURS);
    expect(DEFAULT_OFFICE_HOURS.periods).toEqual([
      { start: 420, end: 690 },
      { start: 810, end: 1020 },
    ]);
  });

  it('tolerates spaces, an en dash and the 15h00 form', () => {
    expect(parseOfficeHours(' 7h30 – 11h30 , 13:00 - 16:30 ').periods).toEqual([
      { start: 450, end: 690 },
      { start: 780, end: 990 },
    ]);
  });

  it('accepts a single period and touching periods', () => {
    expect(parseOfficeHours('08:00-16:00').periods).toEqual([{ start: 480, end: 960 }]);
    expect(parseOfficeHours('07:00-12:00,12:00-16:00').periods).toHaveLength(2);
  });

  it.each([
    ['07:00-12:00,11:30-17:00', /11:30-17:00: overlaps 07:00-12:00/],
    ['13:30-17:00,07:00-11:30', /07:00-11:30: out of order after 13:30-17:00/],
    ['11:30-11:30', /11:30-11:30: it must end after it starts/],
    ['17:00-13:30', /17:00-13:30: it must end after it starts/],
    ['07:00-25:00', /"25:00"/],
    ['07:00-11:30,', /Invalid office period ""/],
    ['07:00', /Invalid office period "07:00"/],
    ['07:00-11:30-13:30', /Invalid office period/],
    ['', /Invalid office hours ""/],
    ['   ', /Invalid office hours/],
  ])('rejects %j', (text, message) => {
    expect(() => parseOfficeHours(text)).toThrow(RangeError);
    expect(() => parseOfficeHours(text)).toThrow(message);
  });

  it('returns frozen data', () => {
    const hours = parseOfficeHours('08:00-16:00');
    expect(Object.isFrozen(hours)).toBe(true);
    expect(Object.isFrozen(hours.periods)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OFFICE_HOURS.periods[0])).toBe(true);
  });
});

describe('WorkingCalendar construction', () => {
  it('has an 8-hour day by default', () => {
    expect(cal.workingMinutesPerDay).toBe(480);
    expect(cal.utcOffsetMinutes).toBe(420);
    expect(cal.officeHours).toEqual(DEFAULT_OFFICE_HOURS);
  });

  it('works with an empty table (plain Monday–Friday week)', () => {
    const plain = new WorkingCalendar([]);
    expect(plain.isWorkingDay('2026-02-17')).toBe(true);
    expect(plain.isWorkingDay('2026-02-21')).toBe(false);
  });

  it.each([
    ['2026-02-30', /"2026-02-30": no such day/],
    ['2026-2-3', /"2026-2-3": expected YYYY-MM-DD/],
    ['26-02-03', /"26-02-03"/],
    ['2026-02-03T00:00', /"2026-02-03T00:00"/],
    ['2025-02-29', /"2025-02-29": no such day/],
    ['', /Invalid calendar date ""/],
  ])('rejects the malformed date %j', (date, message) => {
    expect(() => new WorkingCalendar([{ date, kind: 'HOLIDAY' }])).toThrow(message);
  });

  it('rejects the same date loaded with different kinds, naming it', () => {
    const days: CalendarDay[] = [
      { date: '2026-04-25', kind: 'WORKING_DAY' },
      { date: '2026-04-25', kind: 'HOLIDAY' },
    ];
    expect(() => new WorkingCalendar(days)).toThrow(RangeError);
    expect(() => new WorkingCalendar(days)).toThrow('Conflicting calendar entries for 2026-04-25: both WORKING_DAY and HOLIDAY');
  });

  it('accepts the same date twice with the same kind', () => {
    const twice = new WorkingCalendar([
      { date: '2026-11-24', kind: 'HOLIDAY', name: 'Ngày Văn hóa Việt Nam' },
      { date: '2026-11-24', kind: 'HOLIDAY' },
    ]);
    expect(twice.isWorkingDay('2026-11-24')).toBe(false);
  });

  it('rejects an unknown kind', () => {
    expect(() => new WorkingCalendar([{ date: '2026-11-24', kind: 'OFF' as 'HOLIDAY' }])).toThrow(/Invalid kind "OFF" for calendar date 2026-11-24/);
  });

  it('rejects a table that is not an array', () => {
    expect(() => new WorkingCalendar(null as unknown as CalendarDay[])).toThrow(/expected an array/);
  });

  it.each([30.5, 1000, -900, Number.NaN])('rejects utcOffsetMinutes %s', (offset) => {
    expect(() => new WorkingCalendar([], { utcOffsetMinutes: offset })).toThrow(`Invalid utcOffsetMinutes ${offset}`);
  });

  it('rejects bad office hours given as data', () => {
    expect(() => new WorkingCalendar([], { officeHours: { periods: [] } })).toThrow(/at least one period/);
    expect(() => new WorkingCalendar([], { officeHours: { periods: [{ start: 420, end: 1500 }] } })).toThrow(/0\.\.1440/);
    expect(() => new WorkingCalendar([], { officeHours: { periods: [{ start: 420.5, end: 600 }] } })).toThrow(/whole minutes/);
    expect(
      () => new WorkingCalendar([], { officeHours: { periods: [{ start: 600, end: 700 }, { start: 650, end: 800 }] } }),
    ).toThrow('Invalid office period 10:50-13:20: overlaps 10:00-11:40');
  });

  it('copies the office hours it is given', () => {
    const periods = [{ start: 480, end: 960 }];
    const custom = new WorkingCalendar([], { officeHours: { periods } });
    periods[0].end = 1000;
    expect(custom.workingMinutesPerDay).toBe(480);
  });
});

describe('isWorkingDay on the 2025/2026 civil-service calendar', () => {
  it.each([
    ['2025-01-01', false], // Tết Dương lịch (Wednesday)
    ['2025-01-02', true],
    ['2025-01-24', true], // Friday before Tết
    ['2025-01-27', false],
    ['2025-01-31', false],
    ['2025-02-03', true], // back after Tết
    ['2025-04-07', false], // Giỗ Tổ
    ['2025-04-26', true], // make-up Saturday
    ['2025-04-27', false], // Sunday after it
    ['2025-04-30', false],
    ['2025-05-01', false],
    ['2025-05-02', false], // swapped with 26/4
    ['2025-05-03', false],
    ['2025-05-05', true],
    ['2025-09-01', false],
    ['2025-09-02', false],
    ['2025-09-03', true],
    ['2026-01-01', false],
    ['2026-01-02', true],
    ['2026-02-13', true], // Friday before Tết
    ['2026-02-14', false],
    ['2026-02-16', false],
    ['2026-02-17', false], // Mùng 1
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-26', false], // Giỗ Tổ falls on Sunday…
    ['2026-04-27', false], // …so Monday is off
    ['2026-04-30', false],
    ['2026-05-01', false],
    ['2026-05-04', true],
    ['2026-09-01', false],
    ['2026-09-02', false],
    ['2026-09-03', true],
    ['2026-11-23', true],
    ['2026-11-24', false], // Ngày Văn hóa Việt Nam
    ['2026-11-25', true],
    ['2026-03-07', false], // ordinary Saturday
    ['2026-03-08', false], // ordinary Sunday
    ['2026-03-09', true],
    ['2024-02-29', true], // leap day, outside the table
  ])('%s → %s', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('counts 250 working days in 2025 and 249 in 2026', () => {
    const count = (year: number): number => {
      let n = 0;
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
        if (cal.isWorkingDay(d.toISOString().slice(0, 10))) n++;
      }
      return n;
    };
    // 261 weekdays each year; 2025: −12 days off +1 make-up Saturday; 2026: −12 days off.
    expect(count(2025)).toBe(250);
    expect(count(2026)).toBe(249);
    expect(new WorkingCalendar(VN_DAYS_OFF_2025).workingMinutesBetween(t('2025-01-01T00:00:00+07:00'), t('2026-01-01T00:00:00+07:00'))).toBe(250 * 480);
    expect(new WorkingCalendar(VN_DAYS_OFF_2026).workingMinutesBetween(t('2026-01-01T00:00:00+07:00'), t('2027-01-01T00:00:00+07:00'))).toBe(249 * 480);
  });

  it.each(['2026-02-29', '2026-13-01', '2026/02/13', '13/02/2026', ''])('rejects %j, naming it', (date) => {
    expect(() => cal.isWorkingDay(date)).toThrow(RangeError);
    expect(() => cal.isWorkingDay(date)).toThrow(JSON.stringify(date));
  });
});

describe('nextWorkingDay and addWorkingDays', () => {
  it.each([
    ['2026-03-02', '2026-03-03'],
    ['2026-03-06', '2026-03-09'], // Friday → Monday
    ['2026-02-13', '2026-02-23'], // over Tết
    ['2026-02-14', '2026-02-23'], // from a day off
    ['2026-04-24', '2026-04-28'], // over Giỗ Tổ substitute
    ['2026-04-29', '2026-05-04'], // over 30/4–1/5
    ['2026-08-31', '2026-09-03'], // over Quốc khánh
    ['2026-11-23', '2026-11-25'],
    ['2025-12-31', '2026-01-02'],
    ['2025-04-25', '2025-04-26'], // make-up Saturday
    ['2025-04-26', '2025-04-28'],
    ['2025-04-29', '2025-05-05'],
    ['2025-01-24', '2025-02-03'],
  ])('%s → %s', (date, next) => {
    expect(cal.nextWorkingDay(date)).toBe(next);
  });

  it('adds working days for display', () => {
    expect(cal.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-01-02', 60)).toBe('2026-04-03'); // Tết inside
  });

  it('rejects bad input', () => {
    expect(() => cal.nextWorkingDay('2026-02-30')).toThrow('"2026-02-30"');
    expect(() => cal.addWorkingDays('2026-02-12', -1)).toThrow('Invalid working-day count -1');
    expect(() => cal.addWorkingDays('2026-02-12', 1.5)).toThrow('Invalid working-day count 1.5');
  });
});

describe('localDateOf', () => {
  it('reads the local (+07:00) date, not the UTC one', () => {
    expect(cal.localDateOf(t('2026-02-13T23:30:00+07:00'))).toBe('2026-02-13');
    expect(cal.localDateOf(t('2026-02-14T00:30:00+07:00'))).toBe('2026-02-14'); // still 13/2 in UTC
    expect(() => cal.localDateOf(new Date(Number.NaN))).toThrow('Invalid instant Invalid Date');
  });
});

describe('clockStart', () => {
  it.each([
    ['2026-03-02T16:55:00+07:00', '2026-03-02T16:55:00+07:00'], // 5 minutes left that day
    ['2026-03-02T17:05:00+07:00', '2026-03-03T07:00:00+07:00'], // after hours
    ['2026-03-02T17:00:00+07:00', '2026-03-03T07:00:00+07:00'], // at closing: nothing left
    ['2026-03-02T12:00:00+07:00', '2026-03-02T13:30:00+07:00'], // over lunch
    ['2026-03-02T11:30:00+07:00', '2026-03-02T13:30:00+07:00'],
    ['2026-03-02T11:29:00+07:00', '2026-03-02T11:29:00+07:00'],
    ['2026-03-02T13:30:00+07:00', '2026-03-02T13:30:00+07:00'],
    ['2026-03-02T06:30:00+07:00', '2026-03-02T07:00:00+07:00'], // before opening
    ['2026-03-02T00:00:00+07:00', '2026-03-02T07:00:00+07:00'],
    ['2026-03-02T07:00:00+07:00', '2026-03-02T07:00:00+07:00'],
    ['2026-03-02T10:15:42+07:00', '2026-03-02T10:15:42+07:00'], // seconds kept
    ['2026-03-06T17:05:00+07:00', '2026-03-09T07:00:00+07:00'], // Friday evening
    ['2026-03-07T10:00:00+07:00', '2026-03-09T07:00:00+07:00'], // Saturday (online filing)
    ['2026-02-13T17:05:00+07:00', '2026-02-23T07:00:00+07:00'], // before Tết
    ['2026-02-17T09:00:00+07:00', '2026-02-23T07:00:00+07:00'], // during Tết
    ['2025-04-25T17:30:00+07:00', '2025-04-26T07:00:00+07:00'], // make-up Saturday next
    ['2025-04-26T10:00:00+07:00', '2025-04-26T10:00:00+07:00'], // on the make-up Saturday
  ])('received %s → clock starts %s', (received, start) => {
    expect(vn(cal.clockStart(t(received)))).toBe(start);
  });

  it('returns a new Date, not the argument', () => {
    const at = t('2026-03-02T10:00:00+07:00');
    expect(cal.clockStart(at)).not.toBe(at);
  });

  it.each([
    ['2026-03-02T14:59:00+07:00', '2026-03-02T14:59:00+07:00'],
    ['2026-03-02T15:00:00+07:00', '2026-03-02T15:00:00+07:00'], // "after 15:00" — 15:00 itself is in time
    ['2026-03-02T15:00:59+07:00', '2026-03-02T15:00:59+07:00'], // printed as 15:00 on the receipt
    ['2026-03-02T15:01:00+07:00', '2026-03-03T07:00:00+07:00'],
    ['2026-03-02T16:55:00+07:00', '2026-03-03T07:00:00+07:00'],
    ['2026-03-02T06:30:00+07:00', '2026-03-02T07:00:00+07:00'], // before opening is before the cut-off
    ['2026-03-06T15:01:00+07:00', '2026-03-09T07:00:00+07:00'], // Friday → Monday
    ['2026-02-13T15:01:00+07:00', '2026-02-23T07:00:00+07:00'], // Friday before Tết
    ['2026-03-07T10:00:00+07:00', '2026-03-09T07:00:00+07:00'], // day off: cut-off changes nothing
  ])('with a 15:00 cut-off, received %s → %s', (received, start) => {
    expect(vn(cal.clockStart(t(received), CUTOFF_15H))).toBe(start);
  });

  it('a cut-off over lunch sends the afternoon to the next day', () => {
    expect(vn(cal.clockStart(t('2026-03-02T12:30:00+07:00'), { cutoff: parseClock('12:00') }))).toBe('2026-03-03T07:00:00+07:00');
    expect(vn(cal.clockStart(t('2026-03-02T11:00:00+07:00'), { cutoff: parseClock('12:00') }))).toBe('2026-03-02T11:00:00+07:00');
  });

  it.each([-1, 1441, 15.5, Number.NaN])('rejects cutoff %s', (cutoff) => {
    expect(() => cal.clockStart(t('2026-03-02T10:00:00+07:00'), { cutoff })).toThrow(`Invalid cutoff ${cutoff}`);
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.clockStart(new Date('not a date'))).toThrow('Invalid receipt time Invalid Date');
    expect(() => cal.clockStart('2026-03-02' as unknown as Date)).toThrow('Invalid receipt time "2026-03-02"');
  });
});

describe('dueAt — WORKING_DAYS', () => {
  it.each([
    // An ordinary week.
    ['2026-03-02T07:00:00+07:00', 1, '2026-03-02T17:00:00+07:00'], // end of the day, not Tuesday 07:00
    ['2026-03-02T07:00:00+07:00', 2, '2026-03-03T17:00:00+07:00'],
    ['2026-03-02T10:00:00+07:00', 1, '2026-03-03T10:00:00+07:00'],
    ['2026-03-02T16:55:00+07:00', 1, '2026-03-03T16:55:00+07:00'], // 5 min Monday + 475 Tuesday
    ['2026-03-02T17:05:00+07:00', 1, '2026-03-03T17:00:00+07:00'], // counts from Tuesday 07:00
    ['2026-03-02T12:00:00+07:00', 1, '2026-03-03T11:30:00+07:00'], // from 13:30; ends at 11:30, not 13:30
    ['2026-03-02T13:30:00+07:00', 1, '2026-03-03T11:30:00+07:00'],
    ['2026-03-06T10:00:00+07:00', 1, '2026-03-09T10:00:00+07:00'], // over the weekend
    ['2026-03-07T10:00:00+07:00', 1, '2026-03-09T17:00:00+07:00'], // filed on Saturday
    ['2026-03-02T07:00:00+07:00', 5, '2026-03-06T17:00:00+07:00'],
    ['2026-03-02T10:20:30+07:00', 5, '2026-03-09T10:20:30+07:00'], // seconds kept
    // Tết 2026: Friday 13/2 is the last working day before it; 23/2 the first after.
    ['2026-02-13T10:00:00+07:00', 3, '2026-02-25T10:00:00+07:00'],
    ['2026-02-13T16:55:00+07:00', 3, '2026-02-25T16:55:00+07:00'],
    ['2026-02-13T17:05:00+07:00', 3, '2026-02-25T17:00:00+07:00'],
    ['2026-02-12T08:00:00+07:00', 2, '2026-02-23T08:00:00+07:00'],
    // Tết 2025.
    ['2025-01-24T10:00:00+07:00', 1, '2025-02-03T10:00:00+07:00'],
    // Giỗ Tổ substitute Monday 27/4 and 30/4–1/5/2026.
    ['2026-04-24T14:00:00+07:00', 5, '2026-05-06T14:00:00+07:00'],
    ['2026-04-29T09:00:00+07:00', 2, '2026-05-05T09:00:00+07:00'],
    ['2026-04-29T17:05:00+07:00', 1, '2026-05-04T17:00:00+07:00'],
    // Quốc khánh 1–2/9/2026 (Tuesday, Wednesday).
    ['2026-08-31T10:00:00+07:00', 1, '2026-09-03T10:00:00+07:00'],
    ['2026-08-28T10:00:00+07:00', 3, '2026-09-04T10:00:00+07:00'],
    // Quốc khánh 2025 (Monday, Tuesday).
    ['2025-08-29T10:00:00+07:00', 1, '2025-09-03T10:00:00+07:00'],
    // Ngày Văn hóa Việt Nam, Tuesday 24/11/2026.
    ['2026-11-23T15:00:00+07:00', 1, '2026-11-25T15:00:00+07:00'],
    ['2026-11-20T09:00:00+07:00', 3, '2026-11-26T09:00:00+07:00'],
    // Make-up Saturday 26/4/2025, then 30/4–2/5/2025 off.
    ['2025-04-25T10:00:00+07:00', 1, '2025-04-26T10:00:00+07:00'],
    ['2025-04-25T17:05:00+07:00', 1, '2025-04-26T17:00:00+07:00'],
    ['2025-04-24T10:00:00+07:00', 2, '2025-04-26T10:00:00+07:00'],
    ['2025-04-29T10:00:00+07:00', 2, '2025-05-06T10:00:00+07:00'],
    // New Year.
    ['2025-12-31T10:00:00+07:00', 1, '2026-01-02T10:00:00+07:00'],
    // 60 working days (Tết 2026 inside).
    ['2026-01-05T07:00:00+07:00', 60, '2026-04-03T17:00:00+07:00'],
  ])('received %s + %i working days → %s', (received, amount, due) => {
    expect(vn(cal.dueAt(t(received), WD(amount)))).toBe(due);
  });

  it('received at opening, n working days ends at closing of the n-th working day (n = 1…120)', () => {
    for (let n = 1; n <= 120; n++) {
      const lastDay = cal.addWorkingDays('2026-01-02', n - 1);
      expect(vn(cal.dueAt(t('2026-01-02T07:00:00+07:00'), WD(n)))).toBe(`${lastDay}T17:00:00+07:00`);
    }
  });

  it('handles a very long time without walking minute by minute', () => {
    // 5,000 working days ≈ 19 years; the walk is one step per calendar day.
    const due = cal.dueAt(t('2027-01-04T07:00:00+07:00'), WD(5000));
    expect(vn(due)).toBe(`${cal.addWorkingDays('2027-01-04', 4999)}T17:00:00+07:00`);
  });
});

describe('dueAt — WORKING_DAYS 0 (within the day of receipt)', () => {
  it.each([
    ['2026-03-02T07:00:00+07:00', undefined, '2026-03-02T17:00:00+07:00'],
    ['2026-03-02T14:59:00+07:00', CUTOFF_15H, '2026-03-02T17:00:00+07:00'],
    ['2026-03-02T15:00:00+07:00', CUTOFF_15H, '2026-03-02T17:00:00+07:00'],
    ['2026-03-02T15:01:00+07:00', CUTOFF_15H, '2026-03-03T17:00:00+07:00'],
    ['2026-03-02T15:01:00+07:00', undefined, '2026-03-02T17:00:00+07:00'], // no cut-off for this procedure
    ['2026-03-02T16:55:00+07:00', undefined, '2026-03-02T17:00:00+07:00'],
    ['2026-03-02T17:05:00+07:00', undefined, '2026-03-03T17:00:00+07:00'],
    ['2026-03-02T12:00:00+07:00', CUTOFF_15H, '2026-03-02T17:00:00+07:00'],
    ['2026-03-06T15:01:00+07:00', CUTOFF_15H, '2026-03-09T17:00:00+07:00'],
    ['2026-02-13T15:01:00+07:00', CUTOFF_15H, '2026-02-23T17:00:00+07:00'], // Tết in between
    ['2026-11-23T15:30:00+07:00', CUTOFF_15H, '2026-11-25T17:00:00+07:00'], // 24/11 off
    ['2025-04-25T15:30:00+07:00', CUTOFF_15H, '2025-04-26T17:00:00+07:00'], // make-up Saturday
  ])('received %s (%j) → %s', (received, options, due) => {
    expect(vn(cal.dueAt(t(received), WD(0), options))).toBe(due);
  });
});

describe('dueAt — WORKING_HOURS', () => {
  it.each([
    ['2026-03-02T10:00:00+07:00', 4, '2026-03-02T16:00:00+07:00'], // 90 min before lunch + 150 after
    ['2026-03-02T11:00:00+07:00', 1, '2026-03-02T14:00:00+07:00'], // across lunch
    ['2026-03-02T10:30:00+07:00', 1, '2026-03-02T11:30:00+07:00'], // ends at the period end, not 13:30
    ['2026-03-02T12:00:00+07:00', 2, '2026-03-02T15:30:00+07:00'], // received over lunch
    ['2026-03-02T16:00:00+07:00', 2, '2026-03-03T08:00:00+07:00'], // across the night
    ['2026-03-06T16:00:00+07:00', 2, '2026-03-09T08:00:00+07:00'], // across the weekend
    ['2026-03-02T16:55:00+07:00', 1, '2026-03-03T07:55:00+07:00'],
    ['2026-03-02T10:00:00+07:00', 0, '2026-03-02T10:00:00+07:00'],
    ['2026-03-02T17:05:00+07:00', 0, '2026-03-03T07:00:00+07:00'],
    ['2026-02-13T16:00:00+07:00', 4, '2026-02-23T10:00:00+07:00'], // across Tết
    ['2026-03-02T07:00:00+07:00', 8, '2026-03-02T17:00:00+07:00'],
  ])('received %s + %i working hours → %s', (received, amount, due) => {
    expect(vn(cal.dueAt(t(received), WH(amount)))).toBe(due);
  });

  it('8 working hours equal 1 working day from any receipt', () => {
    const failures: string[] = [];
    for (let m = 0; m < 7 * 24 * 60; m += 25) {
      const received = new Date(t('2026-02-09T00:00:00+07:00').getTime() + m * 60_000);
      if (cal.dueAt(received, WH(8)).getTime() !== cal.dueAt(received, WD(1)).getTime()) failures.push(vn(received));
    }
    expect(failures).toEqual([]);
  });

  it('applies the cut-off too', () => {
    expect(vn(cal.dueAt(t('2026-03-02T15:30:00+07:00'), WH(2), CUTOFF_15H))).toBe('2026-03-03T09:00:00+07:00');
  });
});

describe('dueAt — DAYS (calendar days)', () => {
  it.each([
    ['2026-03-02T10:00:00+07:00', 10, '2026-03-12T10:00:00+07:00'], // lands on a Thursday
    ['2026-03-04T10:00:00+07:00', 4, '2026-03-09T10:00:00+07:00'], // lands on Sunday → Monday
    ['2026-03-04T10:00:00+07:00', 3, '2026-03-09T10:00:00+07:00'], // lands on Saturday → Monday
    ['2026-02-10T09:00:00+07:00', 7, '2026-02-23T09:00:00+07:00'], // lands on Mùng 1 Tết → 23/2
    ['2026-02-06T14:00:00+07:00', 10, '2026-02-23T14:00:00+07:00'], // lands on Monday 16/2 (Tết)
    ['2026-03-02T12:00:00+07:00', 1, '2026-03-03T13:30:00+07:00'], // clock started 13:30
    ['2026-03-02T17:05:00+07:00', 2, '2026-03-05T07:00:00+07:00'], // clock started Tuesday 07:00
    ['2026-04-21T10:00:00+07:00', 6, '2026-04-28T10:00:00+07:00'], // lands on the Giỗ Tổ substitute
    ['2026-04-23T10:00:00+07:00', 7, '2026-05-04T10:00:00+07:00'], // lands on 30/4
    ['2026-11-17T10:00:00+07:00', 7, '2026-11-25T10:00:00+07:00'], // lands on 24/11
    ['2025-04-21T10:00:00+07:00', 5, '2025-04-26T10:00:00+07:00'], // lands on the make-up Saturday: stays
    ['2025-04-25T10:00:00+07:00', 5, '2025-05-05T10:00:00+07:00'], // lands on 30/4/2025
    ['2026-03-02T10:00:00+07:00', 0, '2026-03-02T10:00:00+07:00'],
    ['2026-03-07T10:00:00+07:00', 0, '2026-03-09T07:00:00+07:00'],
  ])('received %s + %i days → %s', (received, amount, due) => {
    expect(vn(cal.dueAt(t(received), DAYS(amount)))).toBe(due);
  });

  it('with a cut-off, counts from the next working day', () => {
    expect(vn(cal.dueAt(t('2026-03-02T15:01:00+07:00'), DAYS(1), CUTOFF_15H))).toBe('2026-03-04T07:00:00+07:00');
    expect(vn(cal.dueAt(t('2026-03-02T14:59:00+07:00'), DAYS(1), CUTOFF_15H))).toBe('2026-03-03T14:59:00+07:00');
  });

  it('always lands inside office hours of a working day', () => {
    const failures: string[] = [];
    for (let m = 0; m < 30 * 24 * 60; m += 47) {
      const received = new Date(t('2026-02-01T00:00:00+07:00').getTime() + m * 60_000);
      for (const n of [1, 2, 5, 7, 10, 15]) {
        const due = cal.dueAt(received, DAYS(n));
        const minuteOfDay = (((due.getTime() / 60_000 + 420) % 1440) + 1440) % 1440;
        if (
          !cal.isWorkingDay(cal.localDateOf(due)) ||
          !DEFAULT_OFFICE_HOURS.periods.some((p) => minuteOfDay >= p.start && minuteOfDay <= p.end) ||
          due.getTime() < cal.clockStart(received).getTime() + n * 86_400_000
        ) {
          failures.push(`${vn(received)} + ${n} days → ${vn(due)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('dueAt — fractions of working days (7.5, 6.25 in the national catalogue)', () => {
  it.each([
    // Monday 07:00 + 0.5 day = 240 working minutes: 07:00–11:00.
    ['2026-03-02T07:00:00+07:00', 0.5, '2026-03-02T11:00:00+07:00'],
    // 0.5 from 10:00: 90 min to the lunch break, 150 after it → 16:00.
    ['2026-03-02T10:00:00+07:00', 0.5, '2026-03-02T16:00:00+07:00'],
    // 7.5 days from Monday 07:00: Mon–Fri (5) + Mon, Tue (7) + half of Wednesday.
    ['2026-03-02T07:00:00+07:00', 7.5, '2026-03-11T11:00:00+07:00'],
    // 6.25 days = 3 000 minutes: 6 days + 120 minutes.
    ['2026-03-02T07:00:00+07:00', 6.25, '2026-03-10T09:00:00+07:00'],
    // 4.75 days across Tết 2026: Friday 13/2 is one; 23/2–25/2 three; 0.75 of 26/2 (360 min) ends 15:00.
    ['2026-02-13T07:00:00+07:00', 4.75, '2026-02-26T15:00:00+07:00'],
  ])('received %s + %s working days → %s', (received, amount, due) => {
    expect(vn(cal.dueAt(t(received), WD(amount)))).toBe(due);
  });

  it('counts half a working hour', () => {
    expect(vn(cal.dueAt(t('2026-03-02T11:15:00+07:00'), WH(0.5)))).toBe('2026-03-02T13:45:00+07:00');
  });
});

describe('dueAt — MONTHS (calendar months, Bộ luật Dân sự Điều 147–148)', () => {
  const MONTHS = (amount: number): Duration => ({ amount, unit: 'MONTHS' });
  it.each([
    ['2026-03-02T10:00:00+07:00', 2, '2026-05-04T10:00:00+07:00'], // 2/5 is a Saturday → Monday 4/5
    ['2026-03-10T10:00:00+07:00', 2, '2026-05-11T10:00:00+07:00'], // 10/5 is a Sunday → Monday 11/5
    ['2026-03-11T09:00:00+07:00', 1, '2026-04-13T09:00:00+07:00'], // 11/4 Saturday → 13/4
    ['2026-01-30T10:00:00+07:00', 1, '2026-03-02T10:00:00+07:00'], // no 30/2: 28/2 (Saturday) → Monday 2/3
    ['2026-12-31T10:00:00+07:00', 2, '2027-03-01T10:00:00+07:00'], // 28/2/2027 is a Sunday → 1/3
    ['2026-07-01T10:00:00+07:00', 2, '2026-09-03T10:00:00+07:00'], // 1/9 and 2/9 are Quốc khánh → 3/9
    ['2026-03-02T17:30:00+07:00', 1, '2026-04-03T07:00:00+07:00'], // clock starts Tuesday 3/3 07:00
  ])('received %s + %i months → %s', (received, amount, due) => {
    expect(vn(cal.dueAt(t(received), MONTHS(amount)))).toBe(due);
  });
});

describe('dueAt — bad input', () => {
  const received = t('2026-03-02T10:00:00+07:00');
  it.each([
    [{ amount: -1, unit: 'WORKING_DAYS' }, 'Invalid WORKING_DAYS amount -1'],
    [{ amount: 1.255, unit: 'WORKING_DAYS' }, 'Invalid WORKING_DAYS amount 1.255: expected a number ≥ 0 with at most two decimals'],
    [{ amount: 1.5, unit: 'DAYS' }, 'Invalid DAYS amount 1.5'],
    [{ amount: 0.5, unit: 'MONTHS' }, 'Invalid MONTHS amount 0.5'],
    [{ amount: 1_201, unit: 'MONTHS' }, 'Invalid MONTHS amount 1201: more than 1200'],
    [{ amount: Number.NaN, unit: 'DAYS' }, 'Invalid DAYS amount NaN'],
    [{ amount: Number.POSITIVE_INFINITY, unit: 'DAYS' }, 'Invalid DAYS amount Infinity'],
    [{ amount: '3', unit: 'WORKING_DAYS' }, 'Invalid WORKING_DAYS amount 3'],
    [{ amount: 36_601, unit: 'DAYS' }, 'Invalid DAYS amount 36601'],
    [{ amount: 3, unit: 'YEARS' }, 'Invalid time unit "YEARS"'],
    [{ amount: 3 }, 'Invalid time unit undefined'],
  ])('rejects %j', (time, message) => {
    expect(() => cal.dueAt(received, time as Duration)).toThrow(RangeError);
    expect(() => cal.dueAt(received, time as Duration)).toThrow(message);
  });

  it('rejects a null duration and an invalid receipt time', () => {
    expect(() => cal.dueAt(received, null as unknown as Duration)).toThrow('Invalid time unit');
    expect(() => cal.dueAt(new Date(Number.NaN), WD(1))).toThrow('Invalid receipt time Invalid Date');
  });
});

describe('addWorkingMinutes', () => {
  it.each([
    ['2026-03-02T10:00:00+07:00', 0, '2026-03-02T10:00:00+07:00'],
    ['2026-03-02T12:00:00+07:00', 0, '2026-03-02T12:00:00+07:00'], // 0 leaves `from` alone, even over lunch
    ['2026-03-02T12:00:00+07:00', 1, '2026-03-02T13:31:00+07:00'],
    ['2026-03-02T10:00:00+07:00', 90, '2026-03-02T11:30:00+07:00'],
    ['2026-03-02T10:00:00+07:00', 91, '2026-03-02T13:31:00+07:00'],
    ['2026-03-02T16:30:00+07:00', 30, '2026-03-02T17:00:00+07:00'],
    ['2026-03-02T16:30:00+07:00', 31, '2026-03-03T07:01:00+07:00'],
    ['2026-03-02T10:00:00+07:00', 0.5, '2026-03-02T10:00:30+07:00'],
    ['2026-03-07T10:00:00+07:00', 480, '2026-03-09T17:00:00+07:00'],
    ['2026-02-13T16:00:00+07:00', 61, '2026-02-23T07:01:00+07:00'],
  ])('%s + %s min → %s', (from, minutes, result) => {
    expect(vn(cal.addWorkingMinutes(t(from), minutes))).toBe(result);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s minutes', (minutes) => {
    expect(() => cal.addWorkingMinutes(t('2026-03-02T10:00:00+07:00'), minutes)).toThrow(`Invalid working minutes ${minutes}`);
  });

  it('rejects an invalid start and an absurd amount', () => {
    expect(() => cal.addWorkingMinutes(new Date(Number.NaN), 1)).toThrow('Invalid start instant Invalid Date');
    expect(() => cal.addWorkingMinutes(t('2026-03-02T10:00:00+07:00'), 1e12)).toThrow(/reaches beyond 36600 days/);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['2026-03-02T10:00:00+07:00', '2026-03-02T10:00:00+07:00', 0],
    ['2026-03-02T11:00:00+07:00', '2026-03-02T10:00:00+07:00', 0], // b before a
    ['2026-03-02T10:00:00+07:00', '2026-03-02T11:00:00+07:00', 60],
    ['2026-03-02T11:00:00+07:00', '2026-03-02T14:00:00+07:00', 60], // lunch does not count
    ['2026-03-02T12:00:00+07:00', '2026-03-02T13:00:00+07:00', 0],
    ['2026-03-02T00:00:00+07:00', '2026-03-03T00:00:00+07:00', 480],
    ['2026-03-02T00:00:00+07:00', '2026-03-09T00:00:00+07:00', 2400],
    ['2026-03-06T16:00:00+07:00', '2026-03-09T08:00:00+07:00', 120],
    ['2026-02-13T00:00:00+07:00', '2026-02-23T00:00:00+07:00', 480], // Tết
    ['2026-04-24T00:00:00+07:00', '2026-05-04T00:00:00+07:00', 1440], // 24/4, 28/4, 29/4
    ['2025-04-26T00:00:00+07:00', '2025-04-27T00:00:00+07:00', 480], // make-up Saturday
    ['2026-03-02T10:00:00+07:00', '2026-03-02T10:00:30+07:00', 0.5],
  ])('%s → %s: %s min', (a, b, minutes) => {
    expect(cal.workingMinutesBetween(t(a), t(b))).toBe(minutes);
  });

  it('rejects invalid instants', () => {
    expect(() => cal.workingMinutesBetween(new Date(Number.NaN), t('2026-03-02T10:00:00+07:00'))).toThrow('Invalid start instant');
    expect(() => cal.workingMinutesBetween(t('2026-03-02T10:00:00+07:00'), new Date(Number.NaN))).toThrow('Invalid end instant');
  });
});

describe('addWorkingMinutes and workingMinutesBetween agree', () => {
  /** Deterministic PRNG (mulberry32) so a failure is reproducible. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const AMOUNTS = [0, 1, 29, 60, 90, 210, 270, 479, 480, 481, 1000, 2400, 7 * 480, 60 * 480];
  // Every 97 minutes across Tết 2026 through mid-March: nights, lunches, weekends, days off.
  const STARTS: Date[] = [];
  for (let m = 0; m < 40 * 24 * 60; m += 97) STARTS.push(new Date(t('2026-02-05T00:00:00+07:00').getTime() + m * 60_000));

  // Loops collect failures and assert once: readable reports, and fast.
  it('round-trips for many start instants and amounts', () => {
    const failures: string[] = [];
    for (const s of STARTS) {
      for (const m of AMOUNTS) {
        const end = cal.addWorkingMinutes(s, m);
        const between = cal.workingMinutesBetween(s, end);
        const again = cal.addWorkingMinutes(s, between);
        if (between !== m || again.getTime() !== end.getTime() || end < s) {
          failures.push(`${vn(s)} + ${m}: end ${vn(end)}, between ${between}, again ${vn(again)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('is monotonic and never lands on a period start when a period end would do', () => {
    const failures: string[] = [];
    for (const s of STARTS) {
      let previous = s.getTime();
      for (const m of AMOUNTS.slice(1)) {
        const end = cal.addWorkingMinutes(s, m);
        // One millisecond earlier is never enough.
        const earlier = cal.workingMinutesBetween(s, new Date(end.getTime() - 1));
        if (end.getTime() <= previous || earlier >= m || ['07:00', '13:30'].includes(vn(end).slice(11, 16))) {
          failures.push(`${vn(s)} + ${m}: ${vn(end)}`);
        }
        previous = end.getTime();
      }
    }
    expect(failures).toEqual([]);
  });

  it('round-trips with random instants carrying seconds', () => {
    const next = random(20260213);
    const base = t('2025-01-01T00:00:00+07:00').getTime();
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const s = new Date(base + Math.floor(next() * 730 * 86_400_000));
      const b = new Date(s.getTime() + Math.floor(next() * 40 * 86_400_000));
      const between = cal.workingMinutesBetween(s, b);
      const reached = cal.addWorkingMinutes(s, between);
      // The earliest instant with that much working time: b itself, or the end of the last period before b.
      if (
        reached > b ||
        cal.workingMinutesBetween(reached, b) !== 0 ||
        cal.addWorkingMinutes(s, cal.workingMinutesBetween(s, reached)).getTime() !== reached.getTime()
      ) {
        failures.push(`${s.toISOString()} → ${b.toISOString()}: ${between} min reached ${reached.toISOString()}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('matches a minute-by-minute count written independently', () => {
    const off = new Set(VN_DAYS_OFF_2025_2026.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date));
    const extra = new Set(VN_DAYS_OFF_2025_2026.filter((d) => d.kind === 'WORKING_DAY').map((d) => d.date));
    const isWorkingMinute = (ms: number): boolean => {
      const local = new Date(ms + 7 * 3_600_000);
      const date = local.toISOString().slice(0, 10);
      const weekday = local.getUTCDay();
      const working = extra.has(date) || (!off.has(date) && weekday !== 0 && weekday !== 6);
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      return working && ((minute >= 420 && minute < 690) || (minute >= 810 && minute < 1020));
    };
    const next = random(42);
    for (const windowStart of ['2026-02-10', '2025-04-22', '2026-08-27', '2026-11-19']) {
      const base = t(`${windowStart}T00:00:00+07:00`).getTime();
      for (let i = 0; i < 25; i++) {
        const a = base + Math.floor(next() * 6 * 1440) * 60_000;
        const b = a + Math.floor(next() * 4 * 1440) * 60_000;
        let expected = 0;
        for (let m = a; m < b; m += 60_000) if (isWorkingMinute(m)) expected++;
        expect(cal.workingMinutesBetween(new Date(a), new Date(b))).toBe(expected);
      }
    }
  });
});

describe('resume after a supplement request', () => {
  it('requested Friday 16:00, supplemented Monday 08:00: the weekend costs nothing', () => {
    const due = t('2026-03-11T10:00:00+07:00');
    const paused = t('2026-03-06T16:00:00+07:00');
    const resumed = t('2026-03-09T08:00:00+07:00');
    // The clock stood still for Friday 16:00–17:00 and Monday 07:00–08:00: two working hours, none for the weekend.
    expect(cal.workingMinutesBetween(paused, resumed)).toBe(120);
    const moved = cal.resume(due, paused, resumed);
    expect(vn(moved)).toBe('2026-03-11T14:00:00+07:00');
    expect(cal.workingMinutesBetween(due, moved)).toBe(120);
  });

  it('moves by exactly 1 working hour when only one office hour was lost', () => {
    const due = t('2026-03-11T10:00:00+07:00');
    // Requested at Friday's closing, supplemented Monday 08:00: only Monday 07:00–08:00 stood still.
    expect(vn(cal.resume(due, t('2026-03-06T17:00:00+07:00'), t('2026-03-09T08:00:00+07:00')))).toBe('2026-03-11T11:00:00+07:00');
    // Requested Friday 16:00, supplemented before Monday's opening: only Friday 16:00–17:00 stood still.
    expect(vn(cal.resume(due, t('2026-03-06T16:00:00+07:00'), t('2026-03-09T06:45:00+07:00')))).toBe('2026-03-11T11:00:00+07:00');
  });

  it.each([
    // due, paused, resumed, new due
    ['2026-03-02T17:00:00+07:00', '2026-03-02T09:00:00+07:00', '2026-03-02T10:00:00+07:00', '2026-03-03T08:00:00+07:00'],
    ['2026-03-11T10:00:00+07:00', '2026-03-07T09:00:00+07:00', '2026-03-08T16:00:00+07:00', '2026-03-11T10:00:00+07:00'], // weekend only
    ['2026-03-11T10:00:00+07:00', '2026-03-03T17:30:00+07:00', '2026-03-04T06:45:00+07:00', '2026-03-11T10:00:00+07:00'], // overnight only
    ['2026-03-11T10:00:00+07:00', '2026-03-03T10:00:00+07:00', '2026-03-03T10:00:00+07:00', '2026-03-11T10:00:00+07:00'], // zero pause
    ['2026-03-11T10:00:00+07:00', '2026-03-03T11:00:00+07:00', '2026-03-03T14:00:00+07:00', '2026-03-11T11:00:00+07:00'], // over lunch
    // Across Tết: Thursday 16–17, Friday 13/2, Monday 07–08 = 600 minutes.
    ['2026-02-26T10:00:00+07:00', '2026-02-12T16:00:00+07:00', '2026-02-23T08:00:00+07:00', '2026-02-27T14:00:00+07:00'],
    // Across 24/11/2026: Monday 10:00–17:00 and Wednesday 07:00–10:00 = one working day.
    ['2026-11-27T10:00:00+07:00', '2026-11-23T10:00:00+07:00', '2026-11-25T10:00:00+07:00', '2026-11-30T10:00:00+07:00'],
  ])('due %s, paused %s, resumed %s → %s', (due, paused, resumed, moved) => {
    expect(vn(cal.resume(t(due), t(paused), t(resumed)))).toBe(moved);
  });

  it('keeps the due date on the same working-time footing as a fresh count', () => {
    // Received Monday 07:00 with 5 working days, paused a whole working day (Tuesday) → one more day.
    const received = t('2026-03-02T07:00:00+07:00');
    const due = cal.dueAt(received, WD(5));
    const moved = cal.resume(due, t('2026-03-03T07:00:00+07:00'), t('2026-03-04T07:00:00+07:00'));
    expect(moved.getTime()).toBe(cal.dueAt(received, WD(6)).getTime());
  });

  it('rejects a resumption before the pause and invalid dates', () => {
    const due = t('2026-03-11T10:00:00+07:00');
    expect(() => cal.resume(due, t('2026-03-09T08:00:00+07:00'), t('2026-03-06T16:00:00+07:00'))).toThrow(
      'Invalid pause: resumed at 2026-03-06T09:00:00.000Z before it was paused at 2026-03-09T01:00:00.000Z',
    );
    expect(() => cal.resume(new Date(Number.NaN), due, due)).toThrow('Invalid due instant');
    expect(() => cal.resume(due, new Date(Number.NaN), due)).toThrow('Invalid pause instant');
    expect(() => cal.resume(due, due, new Date(Number.NaN))).toThrow('Invalid resume instant');
  });
});

describe('custom office hours and offsets', () => {
  it('a single 9-hour period', () => {
    const c = new WorkingCalendar(VN_DAYS_OFF_2026, { officeHours: parseOfficeHours('07:30-16:30') });
    expect(c.workingMinutesPerDay).toBe(540);
    expect(vn(c.dueAt(t('2026-03-02T07:30:00+07:00'), WD(1)))).toBe('2026-03-02T16:30:00+07:00');
    expect(vn(c.dueAt(t('2026-03-02T12:00:00+07:00'), WD(1)))).toBe('2026-03-03T12:00:00+07:00'); // no lunch break
    expect(vn(c.dueAt(t('2026-03-02T07:00:00+07:00'), WH(9)))).toBe('2026-03-02T16:30:00+07:00');
    expect(vn(c.clockStart(t('2026-03-02T16:45:00+07:00')))).toBe('2026-03-03T07:30:00+07:00');
    expect(vn(c.dueAt(t('2026-02-13T16:00:00+07:00'), WH(1)))).toBe('2026-02-23T08:00:00+07:00');
  });

  it('three periods with an evening shift', () => {
    const c = new WorkingCalendar([], { officeHours: parseOfficeHours('07:00-11:00,13:00-16:00,18:00-20:00') });
    expect(c.workingMinutesPerDay).toBe(540);
    expect(vn(c.clockStart(t('2026-03-02T17:00:00+07:00')))).toBe('2026-03-02T18:00:00+07:00');
    expect(vn(c.dueAt(t('2026-03-02T10:00:00+07:00'), WH(5)))).toBe('2026-03-02T19:00:00+07:00');
    expect(vn(c.dueAt(t('2026-03-02T10:00:00+07:00'), WH(4)))).toBe('2026-03-02T16:00:00+07:00');
    expect(vn(c.dueAt(t('2026-03-02T10:00:00+07:00'), WD(0)))).toBe('2026-03-02T20:00:00+07:00');
    expect(c.workingMinutesBetween(t('2026-03-02T10:00:00+07:00'), t('2026-03-02T19:00:00+07:00'))).toBe(300);
  });

  it('a custom calendar: a province that adds its own day off and make-up Saturday', () => {
    const c = new WorkingCalendar([
      { date: '2026-03-10', kind: 'HOLIDAY', name: 'Ngày giải phóng tỉnh' },
      { date: '2026-03-14', kind: 'WORKING_DAY', name: 'Làm bù' },
    ]);
    expect(vn(c.dueAt(t('2026-03-09T10:00:00+07:00'), WD(1)))).toBe('2026-03-11T10:00:00+07:00');
    expect(vn(c.dueAt(t('2026-03-13T10:00:00+07:00'), WD(1)))).toBe('2026-03-14T10:00:00+07:00');
    expect(c.nextWorkingDay('2026-03-14')).toBe('2026-03-16');
  });

  it('reckons local time with the configured UTC offset', () => {
    const utc = new WorkingCalendar([], { utcOffsetMinutes: 0 });
    expect(utc.clockStart(t('2026-03-02T06:00:00Z')).toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(utc.dueAt(t('2026-03-02T07:00:00Z'), WD(1)).toISOString()).toBe('2026-03-02T17:00:00.000Z');
    // The same instant, read at +07:00, is 13:00 (lunch) and clocks from 13:30.
    expect(vn(cal.clockStart(t('2026-03-02T06:00:00Z')))).toBe('2026-03-02T13:30:00+07:00');
    // Late Sunday UTC is already Monday morning in Vietnam.
    expect(vn(cal.clockStart(t('2026-03-08T23:30:00Z')))).toBe('2026-03-09T07:00:00+07:00');
    expect(vn(cal.clockStart(t('2026-03-09T00:30:00Z')))).toBe('2026-03-09T07:30:00+07:00');
  });
});
