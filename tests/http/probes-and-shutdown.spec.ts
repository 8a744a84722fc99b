import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub';

describe('probes and shutdown', () => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('/healthz answers while the process is up; /readyz while the database answers', async () => {
    t = await startTestHub({ env: { SEED_CATALOG: 'false' } });
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
  });

  it('/readyz answers 503 when the database does not', async () => {
    t = await startTestHub({ env: { SEED_CATALOG: 'false' } });
    await t.hub.database.orm.close(true);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false } } });
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('stopping lets a request in flight finish, refuses new connections, then closes the database', async () => {
    t = await startTestHub({ env: { SEED_CATALOG: 'false' } });
    const hub = t;
    const body = JSON.stringify({ query: '{ agencies { totalCount } }' });
    // A request whose body is still arriving when the stop begins.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = hub.hub.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { agencies: { totalCount: 0 } } });
    await stopped;
    expect(await hub.hub.database.ping(500)).toBe(false);
  });
});
