import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_REFUSED_MESSAGE, SoapPopulationRegistry, UPSTREAM_MESSAGES } from '../../connectors/population/population.connector';
import { startPopulationSimulator, type PopulationSimulator } from '../../connectors/population/population.simulator';
import { ConsentRefusedError } from '../../src/citizens/population.port';
import { UpstreamError } from '../../src/errors';
import { lookupRequest } from '../contract/population.contract';
import { PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { SIMULATOR_CREDENTIALS } from '../support/population';
import { citizen, CITIZEN_ID, officer, supervisor } from '../support/tokens';
import { envelope, HostileSoapServer, soapFault } from './hostile-soap-server';

/** Words an upstream put in its answers that no client of the hub may see. */
const INTERNAL_HOST = 'db-internal.bca.gov.vn';
const ORACLE = 'ORA-12541';
const THEIR_ID = '079300001111';
const LEAKY_FAULT = soapFault('soap:Server', `${ORACLE}: TNS:no listener at ${INTERNAL_HOST} (10.20.30.40:1521) while reading ${THEIR_ID}`);

/** Fails when `seen` (anything a client received, as JSON) carries upstream text or any 12-digit id. */
function expectNoLeak(seen: unknown): void {
  const text = JSON.stringify(seen);
  for (const word of [INTERNAL_HOST, ORACLE, '10.20.30.40', 'TNS', 'Cannot read properties', 'undefined']) expect(text).not.toContain(word);
  expect(text).not.toMatch(/\d{12}/);
}

const env = (url: string, more: Record<string, string> = {}) => ({
  POPULATION_URL: url,
  POPULATION_USERNAME: SIMULATOR_CREDENTIALS.username,
  POPULATION_PASSWORD: SIMULATOR_CREDENTIALS.password,
  POPULATION_RETRIES: '0',
  POPULATION_BREAKER_THRESHOLD: '1000',
  POPULATION_TIMEOUT_MS: '5000',
  ...more,
});

/**
 * Issue 7, finding 6 and Low: an upstream that answers badly. What a
 * GraphQL client, /readyz and the supervisors' `connectors` see is the
 * hub's own text by category, never the upstream's; a 50 MB answer is cut
 * off; an answer in another namespace is refused.
 */
describe('a hostile population database', () => {
  let simulator: PopulationSimulator;
  let hostile: HostileSoapServer;
  let t: TestHub;
  let police: Record<string, string>;

  beforeAll(async () => {
    simulator = await startPopulationSimulator(SIMULATOR_CREDENTIALS);
    hostile = await new HostileSoapServer(simulator.url).start();
    t = await startTestHub({ env: env(hostile.url) });
    police = await officer(PROCEDURES.drivingLicence.agency);
  });
  afterAll(async () => {
    await t?.stop();
    await hostile?.stop();
    await simulator?.stop();
  });

  const lookup = () => t.gql<{ citizen: { personalId: string } | null }>(contractOperation('CitizenLookup'), { personalId: CITIZEN_ID, purpose: 'Tiếp nhận hồ sơ' }, police);
  const receive = (fullName?: string) =>
    t.gql<{ receiveDossier: { dossier: { code: string } | null; userErrors: Array<{ code: string; message: string; field: string }> } }>(
      contractOperation('ReceiveDossier'),
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '123456', ...(fullName ? { fullName } : {}) },
          components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
        },
      },
      police,
    );

  it('/readyz shows the hub\'s text for a fault naming an internal host and an Oracle error, and pings once for many probes', async () => {
    hostile.mode = { kind: 'answer', status: 500, body: LEAKY_FAULT };
    const before = hostile.pings();
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => fetch(`${t.url}/readyz`)));
    const bodies: unknown[] = await Promise.all(concurrent.map((res) => res.json()));
    for (let i = 0; i < 5; i += 1) bodies.push(await (await fetch(`${t.url}/readyz`)).json());
    expect(concurrent.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    for (const body of bodies) {
      expect(body).toMatchObject({ status: 'degraded', checks: { database: { ok: true }, population: { ok: false, error: UPSTREAM_MESSAGES.UNAVAILABLE } } });
      expectNoLeak(body);
    }
    // Ten anonymous probes, one health check upstream (the answer is reused for HEALTH_CACHE_MS).
    expect(hostile.pings() - before).toBe(1);

    const connectors = await t.gql<{ connectors: Array<{ name: string; ok: boolean; error: string | null }> }>('{ connectors { name ok error } }', {}, await supervisor());
    expect(connectors.data?.connectors).toEqual([
      { name: 'population', ok: false, error: UPSTREAM_MESSAGES.UNAVAILABLE },
      { name: 'payment', ok: true, error: null },
      { name: 'postal', ok: true, error: null },
      { name: 'portal', ok: true, error: null },
    ]);
    expectNoLeak(connectors);
  });

  it('the same fault reaches no GraphQL client: a lookup, an online submission and a counter reception get fixed texts', async () => {
    hostile.mode = { kind: 'answer', status: 500, body: LEAKY_FAULT };
    const looked = await lookup();
    expect(looked.errors?.[0]).toMatchObject({ message: UPSTREAM_MESSAGES.UNAVAILABLE, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expectNoLeak(looked);

    const submitted = await t.gql(
      contractOperation('SubmitDossier'),
      { input: { procedureCode: PROCEDURES.drivingLicence.code, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } },
      await citizen(),
    );
    expect(submitted.errors?.[0]).toMatchObject({ message: UPSTREAM_MESSAGES.UNAVAILABLE, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expectNoLeak(submitted);

    const received = await receive();
    expect(received.data?.receiveDossier.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'input.applicant.fullName' });
    expectNoLeak(received);
  });

  it('a refused consent whose fault carries a personal id and an Oracle error is CONSENT_REQUIRED in the hub\'s words', async () => {
    hostile.mode = { kind: 'answer', status: 500, body: soapFault('soap:Client', `ORA-00942 table CONGDAN missing for ${THEIR_ID} at ${INTERNAL_HOST}`, 'CONSENT_REQUIRED') };
    const received = await receive('Nguyễn Văn A');
    const [error] = received.data?.receiveDossier.userErrors ?? [];
    expect(error).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(received.data?.receiveDossier.dossier).toBeNull();
    expect(JSON.stringify(received)).not.toContain('ORA-');
    expectNoLeak(received);
  });

  it('a 50 MB answer is cut off at the size cap: a clean UPSTREAM_UNAVAILABLE within seconds, and the hub stays up', async () => {
    hostile.mode = { kind: 'huge', bytes: 50 * 1024 * 1024 };
    const started = Date.now();
    const looked = await lookup();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(looked.errors?.[0]).toMatchObject({ message: UPSTREAM_MESSAGES.MALFORMED, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expectNoLeak(looked);
    const outcome = await t.hub.database.fork().getConnection().execute<Array<{ outcome: string }>>("select outcome from exchange_log where operation = 'TraCuuCongDan' order by chain_seq desc limit 1");
    expect(outcome).toEqual([{ outcome: 'TOO_LARGE' }]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('an answer whose body element is in another namespace is refused as malformed; the same answer in the WSDL\'s namespace is read', async () => {
    hostile.mode = { kind: 'foreign-namespace', namespace: 'urn:attacker:dancu' };
    const foreign = await lookup();
    expect(foreign.errors?.[0]).toMatchObject({ message: UPSTREAM_MESSAGES.MALFORMED, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(foreign.data?.citizen ?? null).toBeNull();

    hostile.mode = { kind: 'proxy' };
    const genuine = await lookup();
    expect(genuine.errors).toBeUndefined();
    expect(genuine.data?.citizen?.personalId).toBe(CITIZEN_ID);
  });

  it.each([
    ['an HTML 502 page of a proxy naming internal hosts', { status: 502, body: `<html><body>Bad gateway: ${INTERNAL_HOST} ${ORACLE}</body></html>`, contentType: 'text/html' }, UPSTREAM_MESSAGES.UNAVAILABLE],
    ['an INVALID_REQUEST fault carrying upstream text', { status: 500, body: soapFault('soap:Client', `${ORACLE} at ${INTERNAL_HOST} for ${THEIR_ID}`, 'INVALID_REQUEST') }, UPSTREAM_MESSAGES.UNAVAILABLE],
    ['a 200 answer that is not XML', { status: 200, body: `ERROR ${ORACLE} at ${INTERNAL_HOST}`, contentType: 'text/plain' }, UPSTREAM_MESSAGES.MALFORMED],
    ['a 200 envelope with an empty Body', { status: 200, body: envelope('') }, UPSTREAM_MESSAGES.MALFORMED],
    ['a refusal of the hub\'s credentials (401)', { status: 401, body: `<html>Unauthorized by ${INTERNAL_HOST}</html>`, contentType: 'text/html' }, UPSTREAM_MESSAGES.CREDENTIALS_REFUSED],
  ])('%s: a fixed text by category', async (_, answer, message) => {
    hostile.mode = { kind: 'answer', ...answer };
    const looked = await lookup();
    expect(looked.errors?.[0]).toMatchObject({ message, extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expectNoLeak(looked);
  });

  it('the adapter gives a refused consent its own words, whatever the fault said', async () => {
    const adapter = new SoapPopulationRegistry({ url: hostile.url, ...SIMULATOR_CREDENTIALS });
    hostile.mode = { kind: 'answer', status: 500, body: soapFault('soap:Client', `${ORACLE} for ${THEIR_ID}`, 'CONSENT_REQUIRED') };
    const error = await adapter.lookup(lookupRequest(CITIZEN_ID)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsentRefusedError);
    expect((error as Error).message).toBe(CONSENT_REFUSED_MESSAGE);
  });

  it('the health check refuses a foreign namespace and a huge answer too', async () => {
    const adapter = new SoapPopulationRegistry({ url: hostile.url, ...SIMULATOR_CREDENTIALS });
    hostile.mode = { kind: 'foreign-namespace', namespace: 'urn:attacker:dancu' };
    await expect(adapter.ping()).rejects.toThrow(UPSTREAM_MESSAGES.MALFORMED);
    hostile.mode = { kind: 'huge', bytes: 50 * 1024 * 1024 };
    const error = await adapter.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe(UPSTREAM_MESSAGES.MALFORMED);
    hostile.mode = { kind: 'proxy' };
    await expect(adapter.ping()).resolves.toBeUndefined();
    await expect(adapter.lookup(lookupRequest(CITIZEN_ID))).resolves.toMatchObject({ found: true });
  });
});

describe('/readyz of a hub whose population database sends 50 MB', () => {
  let simulator: PopulationSimulator;
  let hostile: HostileSoapServer;
  let t: TestHub;

  beforeAll(async () => {
    simulator = await startPopulationSimulator(SIMULATOR_CREDENTIALS);
    hostile = await new HostileSoapServer(simulator.url).start();
    hostile.mode = { kind: 'huge', bytes: 50 * 1024 * 1024 };
    t = await startTestHub({ env: env(hostile.url, { SEED_CATALOG: 'false' }) });
  });
  afterAll(async () => {
    await t?.stop();
    await hostile?.stop();
    await simulator?.stop();
  });

  // The audit saw "Cannot read properties of undefined" on the anonymous /readyz.
  it('answers 200 degraded with the hub\'s text for a malformed answer', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    expect(body).toMatchObject({ status: 'degraded', checks: { population: { ok: false, error: UPSTREAM_MESSAGES.MALFORMED } } });
    expectNoLeak(body);
  });
});
