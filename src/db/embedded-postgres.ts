import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

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

/**
 * `memory://` keeps the database in memory; `memory://<file>` starts it from
 * a data directory dumped to that file (PGlite's `dumpDataDir`), which skips
 * initdb: the test suites start each hub from a migrated snapshot.
 */
export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith(IN_MEMORY);
}

/** The folder under DATA_DIR that holds PGlite's own files. */
export const PGLITE_DIR = 'pglite';
const LOCK_FILE = 'hub.lock';

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
  const lockFile = path.join(dir, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
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
 * The embedded database holds citizens' data: DATA_DIR is the owner's
 * alone (0700), and so is every file the hub keeps there (0600). The umask
 * covers files created later; PGlite also chmods files it writes (to 0666
 * or 0644), so its tree is put right after opening and again at closing.
 * Only the hub's own files are walked (DATA_DIR may hold other things), and
 * symbolic links are left alone (chmod would follow them elsewhere).
 */
function restrictToOwner(root: string): void {
  // Worker threads may not set the umask (the chmod pass below still runs there).
  if (isMainThread) process.umask(process.umask() | 0o077);
  const restrictFile = (file: string) => {
    if ((lstatSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  };
  const visit = (dir: string) => {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(entryPath);
      else if (entry.isFile()) restrictFile(entryPath);
    }
  };
  try {
    chmodSync(root, 0o700);
    for (const name of OWN_FILES) {
      const file = path.join(root, name);
      const stat = lstatSync(file, { throwIfNoEntry: false });
      if (stat?.isFile()) restrictFile(file);
      else if (stat?.isDirectory()) visit(file);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot make DATA_DIR (${root}) private to the user running the hub (${reason}); give that user ownership of it, or set another DATA_DIR`, { cause: error });
  }
}

/**
 * The database and the lock. Not DATA_DIR/jwt-secret: one found open to
 * others may have been read, so src/auth/secret.ts refuses it rather than
 * have it quietly closed.
 */
const OWN_FILES = [PGLITE_DIR, LOCK_FILE];

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
    private readonly root: string | undefined,
    readonly url: string,
  ) {}

  /** Opens (or creates) the database in `dataDir`, or in memory for `IN_MEMORY`, and starts serving it. */
  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    let unlock = () => {};
    let location: string | undefined;
    let root: string | undefined;
    let snapshot: Blob | undefined;
    if (isInMemory(dataDir)) {
      const file = dataDir.slice(IN_MEMORY.length);
      if (file !== '') snapshot = new Blob([readFileSync(file)]);
    } else {
      root = path.resolve(dataDir);
      mkdirSync(root, { recursive: true, mode: 0o700 });
      restrictToOwner(root);
      unlock = lockDirectory(root);
      location = path.join(root, PGLITE_DIR);
    }
    try {
      const db = await PGlite.create(location, snapshot ? { loadDataDir: snapshot } : {});
      if (root) restrictToOwner(root);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      await server.start();
      return new EmbeddedPostgres(db, server, unlock, root, `postgresql://postgres@${server.getServerConn()}/postgres`);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
      try {
        if (this.root) restrictToOwner(this.root);
      } catch {
        // Best effort at closing: the next start puts the files right again, or refuses to.
      }
    } finally {
      this.unlock();
    }
  }
}
