import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { loadConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: port 4000, embedded database under ./data, office hours 07:00–11:30 and 13:30–17:00', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(4000);
    expect(config.database).toMatchObject({ url: undefined, dataDir: './data' });
    expect(config.calendar.officeHours.periods).toEqual([
      { start: 420, end: 690 },
      { start: 810, end: 1020 },
    ]);
    expect(config.catalog.seedOnStart).toBe(true);
  });

  it('reads every area from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://hub:secret@db:5432/lienthong',
      OFFICE_HOURS: '07:30-11:30,13:00-17:00',
      GRAPHQL_MAX_PAGE_SIZE: '50',
      SEED_CATALOG: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(config.server.port).toBe(8080);
    expect(config.database.url).toBe('postgres://hub:secret@db:5432/lienthong');
    expect(config.graphql.maxPageSize).toBe(50);
    expect(config.catalog.seedOnStart).toBe(false);
    expect(config.log.level).toBe('warn');
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /^DATABASE_URL must be a URL like postgres:/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ OFFICE_HOURS: '17:00-07:00' }, /^OFFICE_HOURS must look like 07:00-11:30,13:30-17:00/],
    [{ GRAPHQL_MAX_PAGE_SIZE: '0' }, /^GRAPHQL_MAX_PAGE_SIZE must be between 1 and 1000/],
    [{ SEED_CATALOG: 'maybe' }, /^SEED_CATALOG must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
  ])('%j stops the start with a message naming the variable', (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('reports every bad variable at once', () => {
    expect(problems({ PORT: 'x', DB_POOL_MAX: '-1', OFFICE_HOURS: 'all day' }).map((p) => p.split(' ')[0])).toEqual([
      'PORT',
      'DB_POOL_MAX',
      'OFFICE_HOURS',
    ]);
  });
});
