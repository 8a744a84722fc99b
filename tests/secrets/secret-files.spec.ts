import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';

/** What loadConfig refuses with, as `npm start` prints it (the start stops, exit code 2). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

const SECRET = 'a-jwt-secret-of-forty-characters-exactly';

describe('secrets from files (*_FILE, as Docker secrets): owner-only, not empty, never with the variable', () => {
  let dir: string;
  const file = (name: string, content: string, mode: number) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    chmodSync(target, mode);
    return target;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lienthong-secrets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JWT_SECRET_FILE of mode 0600 or 0400, without its final new line', () => {
    expect(loadConfig({ JWT_SECRET_FILE: file('jwt-600', `${SECRET}\n`, 0o600) }).auth.jwtSecret).toBe(SECRET);
    expect(loadConfig({ JWT_SECRET_FILE: file('jwt-400', SECRET, 0o400) }).auth.jwtSecret).toBe(SECRET);
  });

  it.each([
    ['readable by others', 0o644],
    ['readable by its group', 0o640],
    ['writable by others', 0o602],
  ])('refuses a secret file %s, naming the variable, the file and its mode', (_case, mode) => {
    const open = file(`jwt-${mode.toString(8)}`, SECRET, mode);
    const message = refusal({ JWT_SECRET_FILE: open });
    expect(message).toContain(`JWT_SECRET_FILE (${open}) may be read or written by other users (mode ${mode.toString(8)})`);
    expect(message).toContain('chmod 600');
    expect(message).not.toContain(SECRET);
  });

  it('refuses an empty file, a missing file and a directory', () => {
    const empty = file('empty', '\n', 0o600);
    expect(refusal({ POPULATION_PASSWORD_FILE: empty })).toContain(`POPULATION_PASSWORD_FILE (${empty}) is empty`);
    const missing = path.join(dir, 'missing');
    expect(refusal({ JWT_SECRET_FILE: missing })).toContain(`JWT_SECRET_FILE (${missing}) cannot be read (ENOENT)`);
    const folder = path.join(dir, 'folder');
    mkdirSync(folder, { mode: 0o700 });
    expect(refusal({ DATABASE_URL_FILE: folder })).toContain(`DATABASE_URL_FILE (${folder}) is not a file`);
  });

  it('refuses a variable set together with its _FILE twin', () => {
    const good = file('jwt-both', SECRET, 0o600);
    expect(refusal({ JWT_SECRET: SECRET, JWT_SECRET_FILE: good })).toContain('JWT_SECRET and JWT_SECRET_FILE are both set: set only one');
  });

  it('checks what a file holds as it checks the variable, naming the file and never showing the value', () => {
    const short = file('jwt-short', 'abc', 0o600);
    const message = refusal({ JWT_SECRET_FILE: short });
    expect(message).toContain(`JWT_SECRET read from JWT_SECRET_FILE (${short}) must be at least 32 characters (got a value of 3 characters, not shown)`);
    expect(message).not.toContain('"abc"');
    // The variable itself is not echoed either.
    expect(refusal({ JWT_SECRET: 'short-secret' })).not.toContain('short-secret');
    const badUrl = file('db-url', 'mysql://hub:s3cret@db/lienthong', 0o600);
    expect(refusal({ DATABASE_URL_FILE: badUrl })).not.toContain('s3cret');
  });

  it('reads POPULATION_PASSWORD_FILE and DATABASE_URL_FILE', () => {
    const config = loadConfig({
      POPULATION_URL: 'https://dancu.example.vn/ws',
      POPULATION_USERNAME: 'hub',
      POPULATION_PASSWORD_FILE: file('population', 'p@ss word\n', 0o400),
      DATABASE_URL_FILE: file('database', 'postgres://hub:s3cret@db:5432/lienthong\n', 0o600),
    });
    expect(config.population.password).toBe('p@ss word');
    expect(config.database.url).toBe('postgres://hub:s3cret@db:5432/lienthong');
  });
});
