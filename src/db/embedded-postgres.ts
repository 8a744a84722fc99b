import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * pglite-socket 0.2.17 handles each 'data' event of a connection in its own
 * setImmediate callback, so two chunks arriving close together are parsed
 * concurrently over one shared buffer, and a message can be lost: its
 * client then waits forever (seen with 50 concurrent receptions). Chaining
 * the calls per connection keeps the bytes in order.
 */
function serialiseSocketHandlers(): void {
  const proto = PGLiteSocketHandler.prototype as unknown as {
    handleData: (data: Buffer) => Promise<number>;
    __serialised?: boolean;
  };
  if (proto.__serialised) return;
  const original = proto.handleData;
  proto.handleData = function (this: { __chain?: Promise<unknown> }, data: Buffer) {
    const run = (this.__chain ?? Promise.resolve()).then(() => original.call(this, data));
    this.__chain = run.catch(() => undefined);
    return run;
  };
  proto.__serialised = true;
}
serialiseSocketHandlers();

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
 * talks to it exactly as to a server. PGlite is a single session: the
 * socket server keeps an open transaction's connection exclusive, but it
 * interleaves the extended-protocol messages (Parse, Bind, Execute, Sync)
 * of two connections outside transactions, which mixes their statements.
 * The hub therefore uses ONE connection to it (see database.ts); others
 * (the start-up lock) only send simple queries.
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
