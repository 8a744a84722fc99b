import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalData, maskPersonalIds, safeError, stripSqlValues } from './logger';

describe('logs never carry a whole personal id', () => {
  it('masks 12-digit ids, leaving other numbers alone', () => {
    expect(maskPersonalIds('tra cứu 038095001234 cho hồ sơ 000.00.91.H56-261123-0001')).toBe('tra cứu 038*******34 cho hồ sơ 000.00.91.H56-261123-0001');
    expect(maskPersonalIds('time 1795313378332 and 12345678901 stay')).toBe('time 1795313378332 and 12345678901 stay');
  });

  it('masks ids wherever they are in a log line: message, fields, errors; redacts consent codes', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    logger.info({ personalId: '038095001234', consentToken: '123456', payload: { dossier: 'x', personalId: '001203004567' } }, 'lookup 038195012345');
    logger.error({ err: new Error('no answer for 079305000999') }, 'failed');
    const all = lines.join('');
    expect(all).not.toMatch(/038095001234|001203004567|038195012345|079305000999|123456/);
    expect(all).toContain('038*******34');
    expect(all).toContain('[masked]');
  });
});

describe('logs never carry phone numbers or e-mail addresses', () => {
  it('masks Vietnamese phone numbers, written in any usual way, and leaves other numbers alone', () => {
    const masked = maskPersonalData('gọi 0912345678, 0912 345 678, 0912.345.678 hoặc +84 912 345 678; bàn 02373 852 123');
    expect(masked).not.toMatch(/345\s?\.?678|852 123/);
    expect(masked).toContain('091*****78');
    const untouched = 'time 1795313378332, hồ sơ 000.00.91.H56-261123-0001, id 0b2f3c4d-0123-4567-8901-23456789abcd, port 127.0.0.1:5432';
    expect(maskPersonalData(untouched)).toBe(untouched);
  });

  it('masks a number right after a JSON escape (a new line in a message)', () => {
    expect(maskPersonalData('a\\n0912345678 b\\n038095001234')).toBe('a\\n091*****78 b\\n038*******34');
  });

  it('masks e-mail addresses, keeping their first letter and top-level domain', () => {
    expect(maskPersonalData('gửi lan.nguyen@example.vn và "hoa+1@mail.thanhhoa.gov.vn".')).toBe('gửi l***@***.vn và "h***@***.vn".');
    expect(maskPersonalData('not an address: a@b, @home, x@localhost')).toBe('not an address: a@b, @home, x@localhost');
  });

  it('takes linear time on hostile text (no backtracking pattern)', () => {
    const hostile = [`a@${'.'.repeat(200_000)}`, 'a'.repeat(200_000), `${'a@'.repeat(100_000)}`, `0${' 1'.repeat(100_000)}`, '1'.repeat(200_000)];
    const started = performance.now();
    for (const text of hostile) maskPersonalData(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('SQL in logs loses its values', () => {
  it('replaces string literals (with quotes and backslashes in them) and numbers, keeping identifiers and placeholders', () => {
    const sql = `insert into "dossier" ("applicant_full_name", "t0", "amount") values ('Nguyễn Thị Lan', E'C:\\\\it''s', 'it''s - "x"', 150000, $1) - error`;
    expect(stripSqlValues(sql)).toBe(`insert into "dossier" ("applicant_full_name", "t0", "amount") values (?, ?, ?, ?, $1) - error`);
  });
});

describe('errors are logged without SQL values, parameters, bodies or rows', () => {
  /** What the pg driver and MikroORM make of a failed INSERT: the statement with its values, then PostgreSQL's message and detail. */
  function failedInsert(): Error {
    const error = new Error(
      `insert into "dossier" ("applicant_full_name", "applicant_date_of_birth", "applicant_email") values ('Nguyễn Thị Lan', '1990-04-17', 'lan.nguyen@example.vn') - duplicate key value violates unique constraint "dossier_code_unique"\n - detail: Key (code)=(X-1) already exists. Failing row contains (Nguyễn Thị Lan, 1990-04-17).`,
    );
    error.name = 'UniqueConstraintViolationException';
    Object.assign(error, {
      code: '23505',
      severity: 'ERROR',
      table: 'dossier',
      constraint: 'dossier_code_unique',
      detail: 'Failing row contains (Nguyễn Thị Lan, 1990-04-17)',
      where: 'row (Nguyễn Thị Lan)',
      query: "insert ... 'Nguyễn Thị Lan'",
      params: ['Nguyễn Thị Lan'],
    });
    return error;
  }

  it('keeps the SQLSTATE, constraint, table, message and the statement with placeholders', () => {
    const safe = safeError(failedInsert());
    expect(safe).toMatchObject({
      sqlState: '23505',
      constraint: 'dossier_code_unique',
      table: 'dossier',
      message: 'duplicate key value violates unique constraint "dossier_code_unique"',
      statement: 'insert into "dossier" ("applicant_full_name", "applicant_date_of_birth", "applicant_email") values (?, ?, ?)',
    });
    expect(JSON.stringify(safe)).not.toMatch(/Nguyễn|1990|lan\.nguyen|X-1/);
  });

  it('masks a value PostgreSQL quotes in its message, keeping the names the error reports', () => {
    const error = Object.assign(new Error('invalid input syntax for type date: "Lê Thị Hoa"'), { code: '22007', severity: 'ERROR' });
    expect(safeError(error).message).toBe('invalid input syntax for type date: "?"');
  });

  it('strips query, sql, params, parameters, body and detail of any error, and makes its causes safe', () => {
    const upstream = Object.assign(new Error('upstream refused lan.nguyen@example.vn'), {
      system: 'population',
      query: 'q',
      sql: 's',
      params: ['p'],
      parameters: ['p'],
      body: '<soap>Nguyễn Thị Lan</soap>',
      detail: 'Nguyễn Thị Lan',
    });
    const wrapper = new Error('verification failed', { cause: failedInsert() });
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    logger.warn({ err: upstream, attempt: 2 }, 'delivery failed');
    logger.error({ err: wrapper });
    logger.error(failedInsert());
    logger.error({ job: 'x', nested: { error: failedInsert(), list: [failedInsert()] } }, 'nested');
    const all = lines.join('');
    expect(all).not.toMatch(/Nguyễn|1990-04-17|lan\.nguyen@example|X-1|"query"|"sql"|"params"|"parameters"|"body"|"detail"|<soap>/);
    const [warned, wrapped, bare, nested] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warned).toMatchObject({ err: { type: 'Error', system: 'population', message: 'upstream refused l***@***.vn' } });
    expect(wrapped).toMatchObject({ err: { message: 'verification failed', cause: { sqlState: '23505', constraint: 'dossier_code_unique' } } });
    expect(String(wrapped?.msg)).toContain('SQLSTATE 23505');
    expect(bare).toMatchObject({ err: { sqlState: '23505' }, msg: expect.stringContaining('duplicate key value') as unknown });
    expect(nested).toMatchObject({ nested: { error: { sqlState: '23505' }, list: [{ sqlState: '23505' }] } });
  });

  it('strips the values of a statement logged as a message', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    logger.debug("select * from dossier where applicant_full_name = 'Lê Thị Hoa'");
    expect(lines.join('')).toContain('applicant_full_name = ?');
    expect(lines.join('')).not.toContain('Hoa');
  });
});
