import { describe, expect, it } from 'vitest';
import { syntheticCitizen } from '../../../connectors/population/synthetic-citizen';
import type { CitizenRecord } from '../../../src/citizens/population.port';
import { UpstreamError } from '../../../src/errors';
import { lookupRequest, populationRegistryContract } from '../../contract/population.contract';
import { InMemoryPopulationRegistry } from './population.fake';

populationRegistryContract(
  'InMemoryPopulationRegistry',
  () => Promise.resolve({ registry: new InMemoryPopulationRegistry(), teardown: () => Promise.resolve() }),
);

describe('InMemoryPopulationRegistry', () => {
  describe('down', () => {
    it('lookup and ping reject with an UpstreamError of the population system', async () => {
      const registry = new InMemoryPopulationRegistry();
      registry.down = true;
      const lookupError = await registry.lookup(lookupRequest('038095001234')).catch((e: unknown) => e);
      const pingError = await registry.ping().catch((e: unknown) => e);
      for (const error of [lookupError, pingError]) {
        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).system).toBe('population');
      }
    });

    it('being down wins over a missing consent: the caller is not blamed for an outage', async () => {
      const registry = new InMemoryPopulationRegistry();
      registry.down = true;
      await expect(registry.lookup(lookupRequest('038095001234', null))).rejects.toBeInstanceOf(UpstreamError);
    });

    it('answers again once it is back up', async () => {
      const registry = new InMemoryPopulationRegistry();
      registry.down = true;
      await expect(registry.ping()).rejects.toBeInstanceOf(UpstreamError);
      registry.down = false;
      await expect(registry.ping()).resolves.toBeUndefined();
      await expect(registry.lookup(lookupRequest('038095001234'))).resolves.toMatchObject({ found: true });
    });
  });

  describe('what it was asked', () => {
    it('keeps every request, answered or not, in order', async () => {
      const registry = new InMemoryPopulationRegistry();
      const asked = [lookupRequest('038095001234'), lookupRequest('038095001000'), lookupRequest('038195012345', null)];
      await registry.lookup(asked[0]);
      await registry.lookup(asked[1]);
      await registry.lookup(asked[2]).catch(() => undefined);
      registry.down = true;
      const whileDown = lookupRequest('001203004567');
      await registry.lookup(whileDown).catch(() => undefined);
      expect(registry.requests.map((r) => r.requestId)).toEqual([...asked, whileDown].map((r) => r.requestId));
    });
  });

  describe('people given to it', () => {
    const base = syntheticCitizen('038095001234');
    if (base === null) throw new Error('038095001234 should be in the synthetic registry');
    const chosen: CitizenRecord = { ...base, name: { family: 'Trần', middle: 'Thị', given: 'Bích', full: 'Trần Thị Bích' } };

    it('answers with the given record instead of the synthetic one', async () => {
      const registry = new InMemoryPopulationRegistry(new Map([[chosen.personalId, chosen]]));
      await expect(registry.lookup(lookupRequest(chosen.personalId))).resolves.toEqual({ found: true, citizen: chosen });
    });

    it('still asks for consent for them', async () => {
      const registry = new InMemoryPopulationRegistry(new Map([[chosen.personalId, chosen]]));
      await expect(registry.lookup(lookupRequest(chosen.personalId, null))).rejects.toThrow();
    });

    it('falls back to the synthetic citizen for everyone else', async () => {
      const registry = new InMemoryPopulationRegistry(new Map([[chosen.personalId, chosen]]));
      await expect(registry.lookup(lookupRequest('038195012345'))).resolves.toEqual({ found: true, citizen: syntheticCitizen('038195012345') });
    });
  });
});
