import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { CENTRE_TIME_ZONE, CENTRE_UTC_OFFSET, formatLocalDateTime } from '../shared/local-time';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a DateTime may carry: years 0001 to 9999 both in UTC and in
 * the centre's time, the range ISO 8601's four-digit years (and so the
 * hub's answers) can write. Outside it JavaScript and PostgreSQL disagree
 * (year 0, year 10000), which answered INTERNAL_SERVER_ERROR.
 */
const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LATEST_INSTANT = Date.parse('9999-12-31T16:59:59.999Z');

const invalidInput = (message: string) => new GraphQLError(message, { extensions: { code: 'INVALID_INPUT' } });

function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (typeof value !== 'string' || !match) {
    throw invalidInput('DateTime phải theo ISO 8601 có múi giờ, ví dụ 2026-11-23T09:00:00+07:00.');
  }
  // JavaScript rolls 30 February over to March and takes hour 24: check each field ourselves.
  const at = (index: number, max: number) => Number(match[index] ?? 0) <= max;
  const fieldsValid = isLocalDate(match[1]) && at(2, 23) && at(3, 59) && at(4, 59) && at(5, 14) && at(6, 59);
  const date = new Date(value);
  if (date.getTime() < EARLIEST_INSTANT || date.getTime() > LATEST_INSTANT) {
    throw invalidInput('DateTime phải nằm trong khoảng từ năm 0001 đến năm 9999.');
  }
  if (!fieldsValid || Number.isNaN(date.getTime())) {
    throw invalidInput('DateTime không hợp lệ: ngày, giờ hoặc múi giờ không có thật.');
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: `An instant, ISO 8601 with offset; the hub answers in ${CENTRE_TIME_ZONE} time (${CENTRE_UTC_OFFSET})`,
  serialize(value) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('DateTime cannot represent a non-date value');
    return formatLocalDateTime(value);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalidInput('DateTime phải là một chuỗi ISO 8601, ví dụ 2026-11-23T09:00:00+07:00.');
    return parseDateTime(ast.value);
  },
});

/** Validates a calendar date YYYY-MM-DD (a real day of a real month). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are (not as 1900-1999).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(value: unknown): string {
  if (!isLocalDate(value)) {
    throw invalidInput('Date phải là một ngày có thật dạng YYYY-MM-DD (năm 0001 đến 9999), ví dụ 2026-11-23.');
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
    if (ast.kind !== Kind.STRING) throw invalidInput('Date phải là một chuỗi dạng YYYY-MM-DD, ví dụ 2026-11-23.');
    return parseDate(ast.value);
  },
});
