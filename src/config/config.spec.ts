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
    [{ NODE_ENV: 'prod' }, /^NODE_ENV must be development, production or test/],
    [{ CORS_ORIGINS: 'https://a.gov.vn/path' }, /^CORS_ORIGINS must be origins like/],
    [{ CORS_ORIGINS: 'evil' }, /^CORS_ORIGINS must be origins like/],
    [{ TRUST_PROXY: 'true' }, /^TRUST_PROXY must be a number of hops/],
    [{ GRAPHQL_MAX_COST: '0' }, /^GRAPHQL_MAX_COST must be between 1 and/],
    [{ RATE_LIMIT_PER_ADDRESS: 'many' }, /^RATE_LIMIT_PER_ADDRESS must be a whole number/],
  ])('%j stops the start with a message naming the variable', (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('under NODE_ENV=production, turns the explorer, introspection and browser origins off unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ graphql: { landingPage: false, introspection: false }, http: { production: true, corsOrigins: [] } });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', CORS_ORIGINS: 'https://dichvucong.thanhhoa.gov.vn' })).toMatchObject({
      graphql: { introspection: true, landingPage: false },
      http: { corsOrigins: ['https://dichvucong.thanhhoa.gov.vn'] },
    });
    expect(loadConfig({})).toMatchObject({ graphql: { landingPage: true, introspection: true }, http: { production: false, corsOrigins: ['http://localhost', 'http://127.0.0.1'] } });
  });

  it('sizes the request body from the document limit unless HTTP_MAX_BODY_BYTES is set', () => {
    expect(loadConfig({ DOCUMENT_MAX_BYTES: '3000' }).http.maxBodyBytes).toBe(5 * 4000 + 1024 * 1024);
    expect(loadConfig({ HTTP_MAX_BODY_BYTES: '4096' }).http.maxBodyBytes).toBe(4096);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).http.trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
  });

  it('reports every bad variable at once', () => {
    expect(problems({ PORT: 'x', DB_POOL_MAX: '-1', OFFICE_HOURS: 'all day' }).map((p) => p.split(' ')[0])).toEqual([
      'PORT',
      'DB_POOL_MAX',
      'OFFICE_HOURS',
    ]);
  });
});
