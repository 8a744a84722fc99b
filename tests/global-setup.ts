import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { loadConfig } from '../src/config';
import { PGLITE_DIR } from '../src/db/embedded-postgres';
import { startHub } from '../src/hub';
import { createLogger } from '../src/shared/logger';
import { SNAPSHOT_ENV } from './support/database';
import { TEST_JWT_SECRET } from './support/tokens';

/**
 * On the embedded database, PGlite's initdb costs about three seconds for
 * every hub a suite starts. Once per run, this starts a hub on a real
 * folder (migrations, the job queue's schema, with and without the bundled
 * catalogue), dumps each data directory to a file, and lets every test
 * start from that file (`DATA_DIR=memory://<file>`): the same migrations,
 * run once. On PostgreSQL each test file still creates its own database.
 */
export default async function setup(): Promise<() => void> {
  // The hall screens as the hub serves them (dist/screens), built from the sources under test (tests/screens).
  await build({ configFile: path.resolve(__dirname, '../src/screens/web/vite.config.mts'), logLevel: 'warn' });
  if (process.env.DATABASE_URL) return () => {};
  const root = mkdtempSync(path.join(tmpdir(), 'lienthong-snapshots-'));
  for (const [kind, variable] of Object.entries(SNAPSHOT_ENV)) {
    const dataDir = path.join(root, kind);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      JOBS_ENABLED: 'false',
      OUTBOX_ENABLED: 'false',
      DEPARTMENTS_ENABLED: 'false',
      DATA_DIR: dataDir,
      SEED_CATALOG: kind === 'seeded' ? 'true' : 'false',
    });
    const hub = await startHub(config, { logger: createLogger(config.log) });
    await hub.stop();
    const db = await PGlite.create(path.join(dataDir, PGLITE_DIR));
    const dump = await db.dumpDataDir('none');
    await db.close();
    const file = path.join(root, `${kind}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    rmSync(dataDir, { recursive: true, force: true });
    process.env[variable] = file;
  }
  return () => rmSync(root, { recursive: true, force: true });
}
