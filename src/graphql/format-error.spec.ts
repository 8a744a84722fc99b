import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AccessError, ErrorCode, UpstreamError, UserError } from '../errors';
import { formatError, safeMessage } from './format-error';

/** Formats `error` as Apollo would hand it over (a resolver's error wrapped in a located GraphQLError). */
function format(error: unknown, formatted: Partial<GraphQLFormattedError> = {}) {
  const reported: unknown[] = [];
  const located = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined, path: ['field'] });
  const shaped = formatError((e) => reported.push(e))({ message: located.message, path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' }, ...formatted }, located);
  return { shaped, reported };
}

/** What PostgreSQL's errors look like once MikroORM wrapped them. */
function databaseError(code: string, message: string): DriverException {
  return new DriverException(Object.assign(new Error(message), { code, detail: 'Key (personal_id)=(038095001234)', query: 'select * from dossier where applicant_personal_id = $1' }));
}

const STACK = 'Error: boom\n    at DocumentService.decode (/work/main/src/documents/document.service.ts:136:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';

describe('formatError: what a caller may see', () => {
  it('keeps a user error\'s code, field and Vietnamese message', () => {
    const { shaped, reported } = format(new UserError(ErrorCode.INVALID_INPUT, 'Số điện thoại không hợp lệ.', 'applicant.phone'));
    expect(shaped).toMatchObject({ message: 'Số điện thoại không hợp lệ.', path: ['field'], extensions: { code: 'INVALID_INPUT', field: 'applicant.phone' } });
    expect(reported).toEqual([]);
  });

  it('answers a bug as INTERNAL_SERVER_ERROR without its message, stack or SQL, and reports it', () => {
    const bug = Object.assign(new Error('column "foo" does not exist in select * from dossier where personal_id = \'038095001234\''), { stack: STACK });
    const { shaped, reported } = format(bug);
    expect(shaped).toEqual({ path: ['field'], message: 'Lỗi hệ thống; vui lòng thử lại sau.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(reported).toEqual([bug]);
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 'NUL'],
    ['08P01', "select * from agency where code = 'x' - invalid message format", 'NUL'],
    ['22P05', 'unsupported Unicode escape sequence', 'NUL'],
    ['22001', 'value too long for type character varying(200)', 'dài quá'],
    ['22007', 'invalid input syntax for type timestamp with time zone: "x"', 'không hợp lệ'],
    ['22P02', 'invalid input syntax for type uuid: "x"', 'không hợp lệ'],
    ['2201W', 'LIMIT must not be negative', 'không hợp lệ'],
  ])('answers PostgreSQL refusing a value (%s) as INVALID_INPUT, without the database\'s text', (code, message, shown) => {
    const { shaped, reported } = format(databaseError(code, message));
    expect(shaped.extensions).toEqual({ code: 'INVALID_INPUT' });
    expect(shaped.message).toContain(shown);
    expect(JSON.stringify(shaped)).not.toMatch(/select|038095001234|UTF8|syntax|varying|LIMIT/);
    expect(reported).toEqual([]);
  });

  it('still answers other database errors, and other protocol errors, as bugs', () => {
    for (const error of [databaseError('42703', 'column "x" does not exist'), databaseError('08P01', 'unexpected message type')]) {
      const { shaped, reported } = format(error);
      expect(shaped.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(reported).toHaveLength(1);
    }
  });

  it('drops GraphQL\'s "Did you mean" suggestions from every message', () => {
    const messages = [
      'Cannot query field "procedurez" on type "Query". Did you mean "procedure" or "procedures"?',
      'Unknown argument "frist" on field "Query.procedures". Did you mean "first"?',
      'Variable "$filter" got invalid value "COUNTR" at "filter.channel"; Value "COUNTR" does not exist in "Channel" enum. Did you mean the enum value "COUNTER"?',
    ];
    for (const message of messages) {
      const { shaped } = format(new GraphQLError(message), { message, path: undefined, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(shaped.message).not.toMatch(/Did you mean|"procedure"|"first"|"COUNTER"/);
      expect(shaped.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    expect(format(new UserError(ErrorCode.NOT_FOUND, 'Không thấy. Did you mean "x"?')).shaped.message).toBe('Không thấy.');
  });

  it('answers a value our scalars refused as INVALID_INPUT, however GraphQL wrapped it', () => {
    const scalar = new GraphQLError('DateTime phải nằm trong khoảng từ năm 0001 đến năm 9999.', { extensions: { code: 'INVALID_INPUT' } });
    const wrapped = new GraphQLError(`Variable "$from" got invalid value "0000-01-01T00:00:00Z"; ${scalar.message}`, { originalError: scalar });
    const { shaped } = format(wrapped, { message: wrapped.message, path: undefined, extensions: { code: 'BAD_USER_INPUT' } });
    expect(shaped).toMatchObject({ message: wrapped.message, extensions: { code: 'INVALID_INPUT' } });
  });

  it('never passes a stack trace, SQL, a source location or a whole personal id, whatever error carries them', () => {
    const cases: Array<[unknown, Partial<GraphQLFormattedError>]> = [
      [new UserError(ErrorCode.INVALID_INPUT, `Không hợp lệ\n${STACK}`), {}],
      [new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy công dân 038095001234.'), {}],
      [new AccessError(ErrorCode.FORBIDDEN, 'select * from citizen_access_log where personal_id = 038095001234'), {}],
      [new UpstreamError('population', 'ORA-00942 at DataService.call (/opt/app/dist/soap.js:41:7)'), {}],
      [new GraphQLError(`Syntax Error\n${STACK}`), { path: undefined, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
      [new GraphQLError('Variable "$id" got invalid value "038095001234"'), { path: undefined, extensions: { code: 'BAD_USER_INPUT' } }],
      [new GraphQLError('x'.repeat(100_000)), { path: undefined, extensions: { code: 'BAD_USER_INPUT' } }],
    ];
    for (const [error, formatted] of cases) {
      const message = error instanceof Error ? error.message : '';
      const { shaped } = format(error, { message, ...formatted });
      const text = JSON.stringify(shaped);
      expect(text).not.toMatch(/038095001234|\bat \S+ \(|\.ts:\d|\.js:\d|select \*|ORA-|stack/);
      expect(shaped.message.length).toBeLessThanOrEqual(1001);
      expect(Object.keys(shaped.extensions ?? {}).every((key) => key === 'code' || key === 'field')).toBe(true);
    }
  });
});

describe('safeMessage', () => {
  it('keeps an ordinary message as it is, and masks personal ids as the logs do', () => {
    expect(safeMessage('Mã hồ sơ 000.00.91.H56-261123-0001 không tồn tại.', 'x')).toBe('Mã hồ sơ 000.00.91.H56-261123-0001 không tồn tại.');
    expect(safeMessage('Hồ sơ của 038095001234', 'x')).toBe('Hồ sơ của 038*******34');
  });

  it('answers the fallback for a message that is SQL or a source location', () => {
    expect(safeMessage('insert into dossier (code) values ($1)', 'thay thế')).toBe('thay thế');
    expect(safeMessage('failed at Object.run (/work/main/src/x.ts:1:2)', 'thay thế')).toBe('thay thế');
  });
});
