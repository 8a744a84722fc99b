import { describe, expect, it } from 'vitest';
import { CENTRE_UTC_OFFSET, CENTRE_UTC_OFFSET_MINUTES, formatLocalDateTime, localDateOf, localDayEnd, localMidnight } from './local-time';

describe('the centre local time (Asia/Ho_Chi_Minh)', () => {
  it('is +07:00 all year', () => {
    expect(CENTRE_UTC_OFFSET_MINUTES).toBe(7 * 60);
    expect(CENTRE_UTC_OFFSET).toBe('+07:00');
    expect(formatLocalDateTime(new Date('2026-11-23T02:00:00Z'))).toBe('2026-11-23T09:00:00+07:00');
    expect(formatLocalDateTime(new Date('2026-06-23T02:00:00.999Z'))).toBe('2026-06-23T09:00:00+07:00');
  });

  it('reads the local date, not the UTC one', () => {
    expect(localDateOf(new Date('2026-02-13T16:59:59Z'))).toBe('2026-02-13');
    expect(localDateOf(new Date('2026-02-13T17:00:00Z'))).toBe('2026-02-14');
  });

  it('starts and ends a local day at local midnight', () => {
    expect(localMidnight('2026-12-01')).toEqual(new Date('2026-12-01T00:00:00+07:00'));
    expect(localDayEnd('2026-12-31')).toEqual(new Date('2027-01-01T00:00:00+07:00'));
  });
});
