import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentProof } from '../../src/citizens/population.port';
import { UpstreamError } from '../../src/errors';
import { lookupRequest, OTP, populationRegistryContract } from '../../tests/contract/population.contract';
import { SoapPopulationRegistry } from './population.connector';
import { startPopulationSimulator, type PopulationSimulator } from './population.simulator';

const CREDENTIALS = { username: 'hub-contract', password: 'mat-khau-thu' };

populationRegistryContract('SoapPopulationRegistry against the simulator', async () => {
  const simulator = await startPopulationSimulator(CREDENTIALS);
  return { registry: new SoapPopulationRegistry({ url: simulator.url, ...CREDENTIALS }), teardown: () => simulator.stop() };
});

/** An HTTP server that takes every request and never answers: an upstream that hangs. */
async function startSilentServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer(() => {
    // Deliberately no answer.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dancu`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('SoapPopulationRegistry', () => {
  let simulator: PopulationSimulator;

  beforeAll(async () => {
    simulator = await startPopulationSimulator(CREDENTIALS);
  });

  afterAll(async () => {
    await simulator.stop();
  });

  const registry = (password = CREDENTIALS.password): SoapPopulationRegistry =>
    new SoapPopulationRegistry({ url: simulator.url, username: CREDENTIALS.username, password });

  describe('credentials', () => {
    it('a wrong password is an UpstreamError that points at the credentials', async () => {
      const error = await registry('sai-mat-khau').lookup(lookupRequest('038095001234')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).system).toBe('population');
      expect((error as UpstreamError).message).toMatch(/credentials/i);
    });

    it('a wrong password fails the health check the same way', async () => {
      const error = await registry('sai-mat-khau').ping().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).message).toMatch(/credentials/i);
    });

    it('a wrong user name is refused like a wrong password', async () => {
      const other = new SoapPopulationRegistry({ url: simulator.url, username: 'someone-else', password: CREDENTIALS.password });
      await expect(other.lookup(lookupRequest('038095001234'))).rejects.toThrow(/credentials/i);
    });

    it('a refused login is not a refused consent, and reaches no lookup', async () => {
      const before = simulator.requests.length;
      await expect(registry('sai-mat-khau').lookup(lookupRequest('038095001234'))).rejects.toBeInstanceOf(UpstreamError);
      expect(simulator.requests).toHaveLength(before);
    });
  });

  describe('an upstream that is not there', () => {
    it('a stopped simulator is an UpstreamError, for lookup and for ping', async () => {
      const gone = await startPopulationSimulator(CREDENTIALS);
      const adapter = new SoapPopulationRegistry({ url: gone.url, ...CREDENTIALS });
      await expect(adapter.ping()).resolves.toBeUndefined();
      await gone.stop();

      const lookupError = await adapter.lookup(lookupRequest('038095001234')).catch((e: unknown) => e);
      expect(lookupError).toBeInstanceOf(UpstreamError);
      expect((lookupError as UpstreamError).message).toMatch(/unavailable/i);
      await expect(adapter.ping()).rejects.toBeInstanceOf(UpstreamError);
    });

    it('a simulator that comes back is used again by the same adapter', async () => {
      const first = await startPopulationSimulator(CREDENTIALS);
      const port = Number(new URL(first.url).port);
      const adapter = new SoapPopulationRegistry({ url: first.url, ...CREDENTIALS });
      await first.stop();
      await expect(adapter.lookup(lookupRequest('038095001234'))).rejects.toBeInstanceOf(UpstreamError);

      const again = await startPopulationSimulator({ ...CREDENTIALS, port });
      try {
        await expect(adapter.lookup(lookupRequest('038095001234'))).resolves.toMatchObject({ found: true });
      } finally {
        await again.stop();
      }
    });
  });

  describe('what the simulator is told', () => {
    const CONSENTS: [string, ConsentProof][] = [
      ['OTP', OTP],
      ['DINH_DANH', { kind: 'IDENTITY_LOGIN', subject: 'vneid:038195012345' }],
      ['CO_SO_PHAP_LY', { kind: 'LEGAL_BASIS', purpose: 'Xác minh nhân thân theo Nghị định 104/2022/NĐ-CP' }],
    ];

    it.each(CONSENTS)('the request id and the consent kind %s reach the registry\'s log', async (kind, consent) => {
      const request = lookupRequest('038195012345', consent);
      await expect(registry().lookup(request)).resolves.toMatchObject({ found: true });
      expect(simulator.requests).toContainEqual({ requestId: request.requestId, personalId: '038195012345', consentKind: kind, answer: 'FOUND' });
    });

    it('a lookup without consent is logged with no consent kind, and refused', async () => {
      const request = lookupRequest('038195012345', null);
      await expect(registry().lookup(request)).rejects.toThrow();
      expect(simulator.requests).toContainEqual({ requestId: request.requestId, personalId: '038195012345', consentKind: null, answer: 'CONSENT_REFUSED' });
    });

    it('an id the registry does not hold is logged as not found', async () => {
      const request = lookupRequest('038195012000');
      await expect(registry().lookup(request)).resolves.toEqual({ found: false });
      expect(simulator.requests).toContainEqual({ requestId: request.requestId, personalId: '038195012000', consentKind: 'OTP', answer: 'NOT_FOUND' });
    });

    it('every request id is logged once per lookup', async () => {
      const requests = ['038095001234', '001203004567', '079305000999'].map((id) => lookupRequest(id));
      await Promise.all(requests.map((request) => registry().lookup(request)));
      for (const request of requests) expect(simulator.requests.filter((seen) => seen.requestId === request.requestId)).toHaveLength(1);
    });
  });

  describe('abort signal', () => {
    it('an aborted signal makes lookup reject with an UpstreamError', async () => {
      await expect(registry().lookup(lookupRequest('038095001234'), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(UpstreamError);
    });

    it('an aborted signal makes ping reject with an UpstreamError', async () => {
      await expect(registry().ping({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(UpstreamError);
    });

    it('a signal that fires while the upstream hangs abandons the lookup', async () => {
      const silent = await startSilentServer();
      try {
        const adapter = new SoapPopulationRegistry({ url: silent.url, ...CREDENTIALS });
        const started = Date.now();
        await expect(adapter.lookup(lookupRequest('038095001234'), { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(UpstreamError);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await silent.stop();
      }
    });

    it('a signal that is never aborted changes nothing', async () => {
      const controller = new AbortController();
      await expect(registry().lookup(lookupRequest('038095001234'), { signal: controller.signal })).resolves.toMatchObject({ found: true });
    });
  });
});
