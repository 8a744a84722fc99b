import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** In-memory data directory for PGlite (tests). */
export const IN_MEMORY = 'memory://';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second hub on the same directory
 * would corrupt it. A lock file with the owner's pid keeps it single; a
 * lock left by a dead process is taken over.
 */
function lockDirectory(dir: string): () => void {
  const lockFile = path.join(dir, 'hub.lock');
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new Error(`${dir} is in use by another hub (process ${owner}); stop it or set another DATA_DIR`);
      }
      rmSync(lockFile, { force: true });
    }
  }
}

/**
 * PostgreSQL embedded in the process (PGlite), served over the PostgreSQL
 * wire protocol on a loopback port so that the hub's ordinary `pg` driver
 * (and any other PostgreSQL client) talks to it exactly as to a server.
 * PGlite is a single session: the socket server queues statements and keeps
 * an open transaction's connection exclusive until it ends.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly unlock: () => void,
    readonly url: string,
  ) {}

  /** Opens (or creates) the database in `dataDir`, or in memory for `IN_MEMORY`, and starts serving it. */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    let unlock = () => {};
    let location: string | undefined;
    if (dataDir !== IN_MEMORY) {
      const root = path.resolve(dataDir);
      mkdirSync(root, { recursive: true });
      unlock = lockDirectory(root);
      location = path.join(root, 'pglite');
    }
    try {
      const db = await PGlite.create(location);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      await server.start();
      return new EmbeddedPostgres(db, server, unlock, `postgresql://postgres@${server.getServerConn()}/postgres`);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.unlock();
    }
  }
}
