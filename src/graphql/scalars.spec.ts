import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar, isLocalDate } from './scalars';

const refusal = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    return error instanceof GraphQLError ? { code: error.extensions.code, message: error.message } : { code: 'not a GraphQLError', message: String(error) };
  }
  return undefined;
};

describe('DateTime', () => {
  it('reads ISO 8601 instants with an offset, years 0001 to 9999', () => {
    expect(DateTimeScalar.parseValue('2026-11-23T09:00:00+07:00')).toEqual(new Date('2026-11-23T02:00:00Z'));
    expect(DateTimeScalar.parseValue('0001-01-01T00:00:00Z')).toEqual(new Date('0001-01-01T00:00:00Z'));
    expect(DateTimeScalar.parseValue('9999-12-31T23:59:59.999+07:00')).toEqual(new Date('9999-12-31T16:59:59.999Z'));
    expect(DateTimeScalar.serialize(new Date('9999-12-31T16:59:59.999Z'))).toBe('9999-12-31T23:59:59+07:00');
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z', 'năm 0001'],
    ['year 10000 in UTC', '9999-12-31T23:00:00-07:00', 'năm 0001'],
    ['year 10000 in the centre\'s time', '9999-12-31T18:00:00Z', 'năm 0001'],
    ['30 February', '2026-02-30T09:00:00+07:00', 'không có thật'],
    ['hour 24', '2026-01-01T24:00:00Z', 'không có thật'],
    ['minute 60', '2026-01-01T10:60:00Z', 'không có thật'],
    ['offset +25:00', '2026-01-01T10:00:00+25:00', 'không có thật'],
    ['no offset', '2026-01-01T10:00:00', 'ISO 8601'],
    ['a number', 1_700_000_000_000, 'ISO 8601'],
  ])('refuses %s as INVALID_INPUT', (_label, value, said) => {
    const refused = refusal(() => DateTimeScalar.parseValue(value));
    expect(refused?.code).toBe('INVALID_INPUT');
    expect(refused?.message).toContain(said);
  });

  it('refuses a literal that is not a string, as INVALID_INPUT', () => {
    expect(refusal(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '0' }, {}))?.code).toBe('INVALID_INPUT');
  });
});

describe('Date', () => {
  it('takes real days of years 0001 to 9999, including years below 100', () => {
    expect(['0001-01-01', '0099-12-31', '2028-02-29', '9999-12-31'].every(isLocalDate)).toBe(true);
    expect(['0000-01-01', '2026-02-29', '2026-13-01', '10000-01-01'].some(isLocalDate)).toBe(false);
    expect(refusal(() => DateScalar.parseValue('0000-01-01'))?.code).toBe('INVALID_INPUT');
  });
});
