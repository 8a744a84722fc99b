import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase } from '../support/database';
import { contractOperation } from '../support/operations';
import { ControlledSimulator, eventually, SIMULATOR_CREDENTIALS } from '../support/population';
import { watch, wsClient } from '../support/subscriptions';
import { CITIZEN_ID, officer, supervisor, TEST_JWT_SECRET } from '../support/tokens';

/**
 * `npm start` as a user runs it: the built `dist/src/main.js` in its own
 * process, on the embedded database in a temporary DATA_DIR.
 */
const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  hasExited: () => boolean;
}

/** What the process test reads back over HTTP. */
interface GqlData {
  receiveDossier?: { dossier?: { code: string } | null };
  dossier?: { applicant: { identityStatus: string }; history: Array<{ action: string }> } | null;
  outboxMessages?: { totalCount: number };
}

function run(env: Record<string, string>): Running {
  return spawnHub(env);
}

/** Hub processes still running: a test that fails half-way must not leave them behind (they outlive the run). */
const spawned = new Set<ChildProcess>();

function spawnHub(env: Record<string, string>): Running {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...base, ...env } });
  spawned.add(child);
  child.on('exit', () => spawned.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  return { child, output: () => output, exited, hasExited: () => done };
}

async function waitFor(running: Running, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const started = Date.now();
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (running.hasExited()) throw new Error(`The hub exited before printing ${pattern}; output:\n${running.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${pattern}; output:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The PostgreSQL run of CI (TEST_DATABASE_ONLY, see vitest.config.mts) leaves out what runs the same on either database: these children never see DATABASE_URL. */
const sameOnEitherDatabase = it.skipIf(process.env.TEST_DATABASE_ONLY === 'true');

describe('the hub process', () => {
  afterEach(() => {
    for (const child of spawned) child.kill('SIGKILL');
  });

  let dataDir: string;
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-main-'));
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  sameOnEitherDatabase.each([
    [{ PORT: 'abc' }, /PORT must be a whole number \(got "abc"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a URL like postgres:/],
    [{ OFFICE_HOURS: 'nine to five' }, /OFFICE_HOURS must look like/],
  ])('a bad setting %j stops the start with a message naming the variable', async (env, message) => {
    const running = run(env);
    expect(await running.exited).toBe(2);
    expect(running.output()).toMatch(message);
  });

  sameOnEitherDatabase('an unreachable DATABASE_URL stops the start, naming the variable and hiding the password', async () => {
    const running = run({ DATABASE_URL: 'postgres://hub:s3cret@127.0.0.1:1/lienthong', PORT: '0' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/Cannot connect to the PostgreSQL at DATABASE_URL \(postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/lienthong\)/);
    expect(running.output()).not.toContain('s3cret');
  });

  sameOnEitherDatabase('starts on the embedded database with the catalogue, serves GraphQL, and exits cleanly on SIGTERM', async () => {
    const first = run({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const [, url] = await waitFor(first, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
    const answer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ procedures(search: "ly lich tu phap") { edges { node { code } } } }' }),
    });
    expect(await answer.json()).toEqual({ data: { procedures: { edges: [{ node: { code: '3.000333' } }] } } });
    expect(first.output()).toMatch(/applied database migrations/);
    expect(first.output()).toMatch(/loaded the bundled catalogue/);

    // A second hub on the same data directory is refused while the first runs.
    const intruder = run({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/is in use by another hub/);

    first.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toMatch(/stopped/);

    // Data survive the restart: nothing to migrate or seed the second time.
    const second = run({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    await waitFor(second, /GraphQL at/);
    expect(second.output()).not.toMatch(/applied database migrations|loaded the bundled catalogue/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('an outbox delivery killed mid-call is delivered exactly once after a restart', async () => {
    const provisioned = await provisionDatabase();
    const killDir = mkdtempSync(path.join(tmpdir(), 'lienthong-kill-'));
    const database: Record<string, string> = provisioned.url ? { DATABASE_URL: provisioned.url } : { DATA_DIR: killDir };
    // The population database as a black hole: first it refuses connections (so reception goes on
    // unverified), then it takes requests and never answers (so a delivery hangs mid-call).
    let mode: 'reset' | 'hang' = 'reset';
    const hanging: string[] = [];
    const hole = createServer((socket) => {
      if (mode === 'reset') {
        socket.destroy();
        return;
      }
      socket.on('data', (chunk: Buffer) => hanging.push(chunk.toString()));
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const holeUrl = `http://127.0.0.1:${(hole.address() as AddressInfo).port}/dancu`;
    const simulator = new ControlledSimulator();
    const common = {
      ...database,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      POPULATION_USERNAME: SIMULATOR_CREDENTIALS.username,
      POPULATION_PASSWORD: SIMULATOR_CREDENTIALS.password,
      POPULATION_RETRIES: '0',
      POPULATION_TIMEOUT_MS: '60000',
      OUTBOX_EXPIRE_SECONDS: '3',
      OUTBOX_POLL_SECONDS: '1',
      OUTBOX_RETRY_DELAY_SECONDS: '1',
      // Only the population database's delivery is counted here (the portal's reports are tests/portal/).
      PORTAL_SYNC_ENABLED: 'false',
    };
    try {
      const first = spawnHub({ ...common, POPULATION_URL: holeUrl });
      const [, firstUrl] = await waitFor(first, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
      const gql = async (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
        return (await response.json()) as { data?: GqlData | null; errors?: unknown[] };
      };
      const received = await gql(
        firstUrl,
        contractOperation('ReceiveDossier'),
        {
          input: {
            procedureCode: '3.000347',
            channel: 'COUNTER',
            applicant: { personalId: CITIZEN_ID, consentToken: '112233', fullName: 'Lê Thị Hoa' },
            components: [{ code: '3.000347.TP01' }, { code: '3.000347.TP03' }],
          },
        },
        await officer('000.00.96.H56'),
      );
      const code = received.data?.receiveDossier?.dossier?.code ?? '';
      expect(code).toMatch(/^000\.00\.96\.H56-/);
      mode = 'hang';
      await eventually(() => Promise.resolve(hanging.some((request) => request.includes('112233'))), 30_000, 'a delivery reaching the population database');
      first.child.kill('SIGKILL');
      await first.exited;

      await simulator.start();
      const second = spawnHub({ ...common, ...simulator.env() });
      const [, secondUrl] = await waitFor(second, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
      const sup = await supervisor();
      const view = () => gql(secondUrl, 'query($code: String!) { dossier(code: $code) { applicant { identityStatus } history { action } } }', { code }, sup);
      await eventually(async () => (await view()).data?.dossier?.applicant.identityStatus !== 'PENDING', 40_000, 'the verification after restart');
      const dossier = (await view()).data!.dossier!;
      expect(dossier.applicant.identityStatus).toBe('MISMATCH');
      expect(dossier.history.filter((h) => h.action === 'VERIFY_IDENTITY')).toHaveLength(1);
      const outbox = await gql(secondUrl, '{ outboxMessages(status: DELIVERED) { totalCount edges { node { attempts } } } }', {}, sup);
      expect(outbox.data?.outboxMessages?.totalCount).toBe(1);
      expect(simulator.seen().filter((r) => r.personalId === CITIZEN_ID && r.consentKind === 'OTP' && r.answer === 'FOUND')).toHaveLength(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      hole.close();
      await simulator.stop();
      await provisioned.drop();
      rmSync(killDir, { recursive: true, force: true });
    }
  }, 180_000);

  // Several processes share one PostgreSQL server; the embedded database is one process's alone (its lock).
  it.skipIf(!process.env.DATABASE_URL)('two hub processes on one PostgreSQL: a change made through either reaches a subscriber of each, once', async () => {
    const provisioned = await provisionDatabase();
    const common = { DATABASE_URL: provisioned.url!, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, JOBS_ENABLED: 'false', OUTBOX_ENABLED: 'false', PORTAL_SYNC_ENABLED: 'false' };
    const clients: Array<ReturnType<typeof wsClient>> = [];
    try {
      // One after the other: the first migrates and seeds, the second finds it done.
      const a = spawnHub(common);
      const [, urlA] = await waitFor(a, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
      const b = spawnHub(common);
      const [, urlB] = await waitFor(b, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
      const police = await officer('000.00.96.H56');
      const gql = async (url: string, query: string, variables: Record<string, unknown>) => {
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...police }, body: JSON.stringify({ query, variables }) });
        return (await response.json()) as { data?: Record<string, { dossier?: { code: string; version: number } | null }> | null };
      };
      const received = await gql(urlA, contractOperation('ReceiveDossier'), {
        input: { procedureCode: '3.000347', channel: 'COUNTER', applicant: { personalId: CITIZEN_ID, consentToken: '112233' }, components: [{ code: '3.000347.TP01' }, { code: '3.000347.TP03' }] },
      });
      const code = received.data?.receiveDossier?.dossier?.code ?? '';
      expect(code).toMatch(/^000\.00\.96\.H56-/);
      const watchers = [urlA, urlA, urlB, urlB].map((url) => {
        const client = wsClient(url);
        clients.push(client);
        return watch<{ dossierTracking: { status: string } }>(client, 'subscription ($code: String!) { dossierTracking(code: $code) { status } }', { code });
      });
      for (const w of watchers) await w.nth(1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const before = watchers.map((w) => w.values.length);
      const moved = await gql(urlB, contractOperation('TransitionDossier'), { code, action: 'FORWARD', input: null, expectedVersion: 1 });
      expect(moved.data?.transitionDossier?.dossier?.version).toBeGreaterThan(1);
      for (const [i, w] of watchers.entries()) expect((await w.nth(before[i] + 1)).dossierTracking.status).toBe('PROCESSING');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      for (const [i, w] of watchers.entries()) expect(w.values).toHaveLength(before[i] + 1);
      for (const hub of [a, b]) hub.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
    } finally {
      for (const client of clients) await client.dispose();
      await provisioned.drop();
    }
  }, 120_000);
});
