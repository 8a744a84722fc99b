import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../mesh/compose-config';
import { startGateway, type RunningGateway } from '../../mesh/gateway';
import { TestClock } from '../support/clock';
import { contractVariables, everyCaller, WHO, type Who } from '../support/contract-variables';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type GraphqlResponse, type TestHub } from '../support/hub';
import { contractOperation, contractOperationNames } from '../support/operations';


/**
 * Issue 11, Deliver 4: every operation of the contract validates against
 * the gateway's schema and gives the same answer through the gateway as
 * from the hub, for each role. A query is asked both ways in a row; a
 * mutation is made once each way on twin dossiers (same procedure, same
 * state), and the answers compared with what differs by nature between
 * twins (their codes, ids) written as placeholders. Refusals must be the
 * same refusal: same message, same code, no data.
 */
describe('the contract through the gateway, as every role', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let t: TestHub;
  let gateway: RunningGateway;
  const headers = {} as Record<Who, Record<string, string>>;
  let tracked: string;
  const rateable: string[] = [];

  beforeAll(async () => {
    t = await startTestHub({ clock });
    gateway = await startGateway({ hubUrl: `${t.url}/graphql`, departments: [], departmentUrls: new Map(), host: '127.0.0.1', port: 0, log: () => undefined });
    Object.assign(headers, await everyCaller());
    // Returned dossiers of `citizen` to rate: one per way.
    for (let i = 0; i < 2; i += 1) {
      const done = await receive(t, headers.officer, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
      let version = done.version;
      for (const action of ['FORWARD', 'COMPLETE_STEP', 'RETURN']) version = (await transition(t, headers.officer, done.code, action, version)).data!.transitionDossier.dossier!.version;
      rateable.push(done.code);
    }
    tracked = (await receive(t, headers.officer, PROCEDURES.drivingLicence)).code;
  });
  afterAll(async () => {
    await gateway?.stop();
    await t?.stop();
  });

  async function post(base: string, operation: string, variables: Record<string, unknown>, who: Who): Promise<GraphqlResponse> {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers[who] },
      body: JSON.stringify({ query: contractOperation(operation), variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphqlResponse, 'status'>) };
  }

  /** An answer with what differs between twins replaced: dossier codes, UUIDs. Errors as message, code and path. */
  function comparable(res: GraphqlResponse): unknown {
    const text = JSON.stringify({
      data: res.data ?? null,
      errors: (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code ?? null, path: (e as { path?: unknown }).path ?? null })),
    });
    return JSON.parse(text.replace(/\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4,}/g, '<code>').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')) as unknown;
  }

  /** The variables of one call; a mutation gets its own returned dossier to rate per way (one rating each). */
  const variables = (operation: string, way: 0 | 1) => contractVariables(operation, { t, officer: headers.officer, tracked, rateable: rateable[way] });

  it('every contract operation validates against the composed schema (schema/supergraph.graphql, as the gateway serves it)', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect(response.status).toBe(200);
    // The public schema, as clients see it: the supergraph without its composition directives.
    const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const schema = buildSchema(sdl, { assumeValidSDL: true });
    for (const name of contractOperationNames()) expect(validate(schema, parse(contractOperation(name))), name).toEqual([]);
  });

  const cases = contractOperationNames().flatMap((operation) => WHO.map((who) => [operation, who] as const));
  it.each(cases)('%s as %s: the same answer through the gateway as from the hub', async (operation, who) => {
    const isMutation = /^\s*mutation\b/.test(contractOperation(operation));
    const direct = await post(t.url, operation, await variables(operation, 0), who);
    const through = await post(gateway.url, operation, isMutation ? await variables(operation, 1) : await variables(operation, 0), who);
    expect(comparable(through)).toEqual(comparable(direct));
  });
});
