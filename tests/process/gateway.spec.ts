import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The gateway as a user runs it (issue 11): beside the hub with
 * GATEWAY_ENABLED=true (`npm start`), and on its own (`npm run gateway`,
 * dist/mesh/gateway.cli.js) in front of a running hub; each reports health
 * and exits 0 on SIGTERM.
 */
const ROOT = path.resolve(__dirname, '../..');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(entry: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [path.join(ROOT, entry)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(running: Running, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const started = Date.now();
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (running.child.exitCode !== null) throw new Error(`exited before printing ${pattern}; output:\n${running.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}; output:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const catalogue = async (url: string) =>
  (await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ procedures(search: "ly lich tu phap") { edges { node { code } } } }' }),
  }).then((r) => r.json())) as unknown;

/** Children never see DATABASE_URL: the PostgreSQL run of CI leaves this file out (vitest.config.mts). */
const sameOnEitherDatabase = it.skipIf(process.env.TEST_DATABASE_ONLY === 'true');

describe('the gateway process', () => {
  let dataDir: string;
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-gateway-'));
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  sameOnEitherDatabase('starts beside the hub with GATEWAY_ENABLED, answers through the hub, reports health, and both stop on SIGTERM; alone, it stops on SIGTERM too', async () => {
    const hub = start('dist/src/main.js', { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', GATEWAY_ENABLED: 'true', GATEWAY_PORT: '0', DEPARTMENTS_ENABLED: 'true' });
    const [, hubUrl] = await waitFor(hub, /GraphQL at (http:\/\/[^/\s]+)\/graphql/);
    const [, gatewayUrl, systems] = await waitFor(hub, /GraphQL gateway ready: (http:\/\/[^/\s]+)\/graphql \(the hub and (\d+) department systems\)/);
    expect(systems).toBe('2');
    const expected = { data: { procedures: { edges: [{ node: { code: '3.000333' } }] } } };
    expect(await catalogue(gatewayUrl)).toEqual(expected);
    expect((await fetch(`${gatewayUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${gatewayUrl}/readyz`)).status).toBe(200);

    // The gateway alone, in front of that hub.
    const alone = start('dist/mesh/gateway.cli.js', { HUB_URL: `${hubUrl}/graphql`, HOST: '127.0.0.1', GATEWAY_PORT: '0', DATA_DIR: dataDir, DEPARTMENTS_ENABLED: 'true' });
    const [, aloneUrl] = await waitFor(alone, /GraphQL gateway ready: (http:\/\/[^/\s]+)\/graphql, in front of/);
    // The simulated departments' addresses are the hub's to know: said, not guessed.
    expect(alone.output()).toMatch(/so-nnmt is simulated \(no url in its file\)/);
    expect(await catalogue(aloneUrl)).toEqual(expected);
    alone.child.kill('SIGTERM');
    expect(await alone.exited, alone.output()).toBe(0);

    hub.child.kill('SIGTERM');
    expect(await hub.exited, hub.output()).toBe(0);
    expect(hub.output()).toMatch(/stopped/);
    await expect(fetch(`${gatewayUrl}/healthz`)).rejects.toThrow();
  }, 120_000);

  sameOnEitherDatabase('a bad gateway setting stops the start with a message naming it', async () => {
    const running = start('dist/mesh/gateway.cli.js', { GATEWAY_PORT: 'x', DATA_DIR: dataDir });
    expect(await running.exited).toBe(2);
    expect(running.output()).toMatch(/GATEWAY_PORT must be a whole number/);
  });
});
