import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populationConnector } from '../../connectors';
import { ExchangeLogEntry } from '../../src/audit';
import { UpstreamError } from '../../src/errors';
import { lookupRequest } from '../contract/population.contract';
import { startTestHub, type TestHub } from '../support/hub';
import { ControlledSimulator, SIMULATOR_CREDENTIALS } from '../support/population';
import { OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

interface Ready {
  status: string;
  checks: Record<string, { ok: boolean; mode?: string; breaker?: string; error?: string }>;
}
interface Connector {
  name: string;
  system: string;
  protocol: string;
  mode: string;
  url: string;
  ok: boolean;
  breaker: string;
  error: string | null;
}

/**
 * Two departments on the same kind of system: the hub runs the population
 * kind three times side by side. `population` (the POPULATION_* settings)
 * and `population-hcm` each on a simulator the hub starts; `population-hn`
 * (from the CONNECTORS file) on a simulator the test stops. Each has its own
 * resilience, health line and exchange-log name.
 */
describe('two instances of one connector kind', () => {
  let t: TestHub;
  let dir: string;
  const hanoi = new ControlledSimulator();
  const readyz = async (): Promise<Ready> => (await fetch(`${t.url}/readyz`)).json() as Promise<Ready>;
  const connectors = async (): Promise<Connector[]> => {
    const res = await t.gql<{ connectors: Connector[] }>('{ connectors { name system protocol mode url ok breaker error } }', {}, await supervisor());
    expect(res.errors).toBeUndefined();
    return res.data!.connectors;
  };

  beforeAll(async () => {
    await hanoi.start();
    dir = mkdtempSync(path.join(tmpdir(), 'lienthong-connectors-'));
    const file = path.join(dir, 'connectors.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          name: 'population-hn',
          kind: 'population',
          system: 'CSDL dân cư (Công an TP Hà Nội)',
          url: hanoi.url,
          ...SIMULATOR_CREDENTIALS,
          resilience: { timeoutMs: 2000, retries: 0, breakerThreshold: 1, breakerCooldownMs: 600_000 },
        },
        { name: 'population-hcm', kind: 'population' },
      ]),
    );
    chmodSync(file, 0o600);
    // The health answers are not reused, so each probe sees the systems as they are now.
    t = await startTestHub({ env: { CONNECTORS: file, HEALTH_CACHE_MS: '0', POPULATION_BREAKER_THRESHOLD: '1', POPULATION_RETRIES: '0' } });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await hanoi.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every instance shows in /readyz and `connectors` under its own name, each on its own simulator', async () => {
    const ready = await readyz();
    expect(ready.status).toBe('ready');
    expect(ready.checks).toMatchObject({
      database: { ok: true },
      population: { ok: true, mode: 'simulator', breaker: 'closed' },
      'population-hn': { ok: true, mode: 'remote', breaker: 'closed' },
      'population-hcm': { ok: true, mode: 'simulator', breaker: 'closed' },
    });
    // The population kind's instances (the payment platform's instance is beside them: tests/connectors/configuration.spec.ts).
    const listed = (await connectors()).filter((c) => c.name.startsWith('population'));
    expect(listed.map((c) => [c.name, c.mode, c.ok, c.breaker])).toEqual([
      ['population', 'simulator', true, 'closed'],
      ['population-hn', 'remote', true, 'closed'],
      ['population-hcm', 'simulator', true, 'closed'],
    ]);
    expect(listed.map((c) => c.system)).toEqual(['Cơ sở dữ liệu quốc gia về dân cư', 'CSDL dân cư (Công an TP Hà Nội)', 'Cơ sở dữ liệu quốc gia về dân cư']);
    expect(listed[1].url).toBe(hanoi.url);
    // Three systems, three endpoints: each built-in instance got a simulator of its own.
    expect(new Set(listed.map((c) => c.url)).size).toBe(3);
    expect(t.hub.connectors.ofKind(populationConnector).map((i) => i.name)).toEqual(['population', 'population-hn', 'population-hcm']);
    expect(t.hub.connectors.all().map((i) => i.name)).toEqual(['population', 'payment', 'postal', 'portal', 'population-hn', 'population-hcm']);
    expect(t.hub.connectors.get(populationConnector, 'population').simulator?.url).toBe(listed[0].url);
  });

  it('each instance answers through its own adapter, and its exchanges are logged under its own name', async () => {
    for (const instance of t.hub.connectors.ofKind(populationConnector)) {
      const port = t.hub.connectors.get(populationConnector, instance.name).port;
      const request = lookupRequest(OTHER_CITIZEN_ID, { kind: 'OTP', code: '482913' }, { requestId: `two-instances-${instance.name}` });
      await expect(port.lookup(request)).resolves.toMatchObject({ found: true, citizen: { personalId: OTHER_CITIZEN_ID } });
      const rows = await t.hub.database.fork().find(ExchangeLogEntry, { requestId: request.requestId });
      expect(rows.map((r) => r.system)).toEqual([instance.name, instance.name]);
      expect(rows[0].endpoint).toBe(instance.url);
    }
    expect(hanoi.seen().map((r) => r.requestId)).toEqual(['two-instances-population-hn']);
  });

  it('with one simulator stopped, only that instance is unhealthy and only its breaker opens', async () => {
    await hanoi.stop();
    const hn = t.hub.connectors.get(populationConnector, 'population-hn');
    await expect(hn.port.lookup(lookupRequest(OTHER_CITIZEN_ID))).rejects.toBeInstanceOf(UpstreamError);
    expect(hn.resilience.state).toBe('open');
    // Refused at once now, without reaching the (stopped) system.
    await expect(hn.port.lookup(lookupRequest(OTHER_CITIZEN_ID))).rejects.toThrow(/circuit/);

    // The others go on: their calls go through and their breakers stay closed.
    await expect(t.hub.population.lookup(lookupRequest(OTHER_CITIZEN_ID))).resolves.toMatchObject({ found: true });
    await expect(t.hub.connectors.get(populationConnector, 'population-hcm').port.lookup(lookupRequest(OTHER_CITIZEN_ID))).resolves.toMatchObject({ found: true });

    const ready = await readyz();
    expect(ready.status).toBe('degraded');
    expect(ready.checks).toMatchObject({
      population: { ok: true, breaker: 'closed' },
      'population-hn': { ok: false, breaker: 'open' },
      'population-hcm': { ok: true, breaker: 'closed' },
    });
    const listed = (await connectors()).filter((c) => c.name.startsWith('population'));
    expect(listed.map((c) => [c.name, c.ok, c.breaker])).toEqual([
      ['population', true, 'closed'],
      ['population-hn', false, 'open'],
      ['population-hcm', true, 'closed'],
    ]);
    expect(listed[1].error).toMatch(/Population database unavailable/);
    expect(t.hub.connectors.get(populationConnector, 'population').resilience.state).toBe('closed');
    expect(t.hub.connectors.get(populationConnector, 'population-hcm').resilience.state).toBe('closed');
  });
});
