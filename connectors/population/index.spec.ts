import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/integration/exchange.port';
import { Resilience, withResilience } from '../../src/integration/resilience';
import { lookupRequest, populationRegistryContract } from '../../tests/contract/population.contract';
import { populationConnector } from '.';

/** An instance as the hub makes one from the definition: settings through the kind's schema, its simulator, its adapter under its own resilience. */
async function instance(name: string, settings: Record<string, unknown> = {}) {
  const config = populationConnector.configSchema.parse(settings);
  const simulator = await populationConnector.simulator.start(config);
  const exchanges: Exchange[] = [];
  const adapter = populationConnector.create({ ...config, url: simulator.url }, { instance: name, recorder: { record: (e) => Promise.resolve(void exchanges.push(e)) } });
  const registry = withResilience(adapter, new Resilience(name, config.resilience), populationConnector.methods);
  return { config, simulator, adapter, registry, exchanges };
}

populationRegistryContract('the population definition: an instance on its simulator, under its resilience', async () => {
  const { registry, simulator } = await instance('population-contract', { username: 'hub-definition', password: 'mat-khau' });
  return { registry, teardown: () => simulator.stop() };
});

describe('populationConnector', () => {
  it('is the population kind, speaking SOAP, with no topics or jobs of its own yet', () => {
    expect(populationConnector).toMatchObject({ kind: 'population', protocol: 'SOAP', topics: [], jobs: [] });
    expect(Object.keys(populationConnector.methods).sort()).toEqual(['lookup', 'ping']);
  });

  it('checks health with the cheap ping, and logs each exchange under the instance\'s name', async () => {
    const { adapter, registry, simulator, exchanges } = await instance('population-hn');
    try {
      await populationConnector.health(adapter, { signal: AbortSignal.timeout(2000) });
      await registry.lookup(lookupRequest('001203004567'));
      expect(exchanges.map((e) => [e.system, e.operation, e.endpoint])).toEqual([
        ['population-hn', 'KiemTraKetNoi', simulator.url],
        ['population-hn', 'TraCuuCongDan', simulator.url],
      ]);
    } finally {
      await simulator.stop();
    }
  });

  it('names the instance in the errors of a system that is down', async () => {
    const { registry, simulator } = await instance('population-hcm', { resilience: { retries: 0 } });
    await simulator.stop();
    await expect(registry.lookup(lookupRequest('001203004567'))).rejects.toMatchObject({ name: 'UpstreamError', system: 'population-hcm' });
  });
});
