import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSecret } from '../../src/auth/secret';
import { loadConfig } from '../../src/config';
import { startHub } from '../../src/hub';
import { createLogger } from '../../src/shared/logger';

/** Every path under `dir` (itself included) whose mode lets its group or others in, with that mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (target: string) => {
    const stat = lstatSync(target);
    if ((stat.mode & 0o077) !== 0) found.push(`${path.relative(dir, target) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
  };
  visit(dir);
  return found;
}

function walk(dir: string, each: (target: string, isDirectory: boolean) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const target = path.join(dir, entry.name);
    each(target, entry.isDirectory());
    if (entry.isDirectory()) walk(target, each);
  }
}

/**
 * The embedded database in a DATA_DIR of its own (whatever DATABASE_URL the
 * suite runs with: this is about the files the hub keeps), with the token
 * secret generated there as `npm start` does.
 */
function hubConfig(dataDir: string) {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', OUTBOX_ENABLED: 'false', SEED_CATALOG: 'false', DATA_DIR: dataDir });
}

describe('DATA_DIR and the generated token secret are the owner’s alone', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'lienthong-datadir-')), 'data');
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('a fresh DATA_DIR is 0700 and every file in it 0600, while the hub runs and after it stops', async () => {
    const hub = await startHub(hubConfig(dataDir), { logger: createLogger({ level: 'silent' }) });
    try {
      const answer = await fetch(`http://127.0.0.1:${hub.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ procedures(first: 1) { totalCount } }' }),
      });
      expect(answer.status).toBe(200);
      expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
      expect(openToOthers(dataDir)).toEqual([]);
      const secret = path.join(dataDir, 'jwt-secret');
      expect(lstatSync(secret).mode & 0o777).toBe(0o600);
      expect(readFileSync(secret, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    } finally {
      await hub.stop();
    }
    expect(openToOthers(dataDir)).toEqual([]);
  }, 120_000);

  it('a DATA_DIR left open by an earlier version is closed at start', async () => {
    chmodSync(dataDir, 0o777);
    walk(path.join(dataDir, 'pglite'), (target, isDirectory) => chmodSync(target, isDirectory ? 0o777 : 0o666));
    expect(openToOthers(dataDir).length).toBeGreaterThan(100);
    const hub = await startHub(hubConfig(dataDir), { logger: createLogger({ level: 'silent' }) });
    try {
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await hub.stop();
    }
  }, 120_000);

  it.each([
    ['shorter than 32 characters', 'abc\n', 0o600, /The token secret .*jwt-secret is too short \(3 characters; at least 32\): delete it .* or set JWT_SECRET/],
    ['readable by others', `${'k'.repeat(64)}\n`, 0o644, /The token secret .*jwt-secret may be read or written by other users \(mode 644\).*or set JWT_SECRET/],
  ])('refuses to start with a DATA_DIR/jwt-secret %s, naming the file and what to do', async (_case, content, mode, message) => {
    const secret = path.join(dataDir, 'jwt-secret');
    writeFileSync(secret, content);
    chmodSync(secret, mode);
    await expect(startHub(hubConfig(dataDir), { logger: createLogger({ level: 'silent' }) })).rejects.toThrow(message);
    // `npm run token` reads the same file: it refuses it as well.
    expect(() => localSecret(dataDir)).toThrow(message);
    // The refused file is left as it was: it may have been read, so replacing it is the operator's call.
    expect(readFileSync(secret, 'utf8')).toBe(content);
    expect(lstatSync(secret).mode & 0o777).toBe(mode);
  }, 120_000);
});
