import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** The centre's offset from UTC: Asia/Ho_Chi_Minh, +07:00 all year (no daylight saving). */
export const CENTRE_UTC_OFFSET_MINUTES = 420;

/** ISO 8601 in the centre's local time with its offset: 2026-11-23T09:00:00+07:00. */
export function formatLocalDateTime(date: Date): string {
  const local = new Date(date.getTime() + CENTRE_UTC_OFFSET_MINUTES * 60_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** The centre's local date (YYYY-MM-DD) of an instant. */
export function localDateOf(date: Date): string {
  return new Date(date.getTime() + CENTRE_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    throw new GraphQLError('DateTime phải theo ISO 8601 có múi giờ, ví dụ 2026-11-23T09:00:00+07:00.', {
      extensions: { code: 'INVALID_INPUT' },
    });
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime không hợp lệ: ${value}.`, { extensions: { code: 'INVALID_INPUT' } });
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset; the hub answers in Asia/Ho_Chi_Minh time (+07:00)',
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent a non-date value');
    return formatLocalDateTime(value);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'INVALID_INPUT' } });
    return parseDateTime(ast.value);
  },
});

/** Validates a calendar date YYYY-MM-DD (a real day of a real month). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(value: unknown): string {
  if (!isLocalDate(value)) {
    throw new GraphQLError('Date phải có dạng YYYY-MM-DD, ví dụ 2026-11-23.', { extensions: { code: 'INVALID_INPUT' } });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in the centre\'s time zone, YYYY-MM-DD',
  serialize(value) {
    if (!isLocalDate(value)) throw new GraphQLError('Date cannot represent this value');
    return value;
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string', { extensions: { code: 'INVALID_INPUT' } });
    return parseDate(ast.value);
  },
});
