import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';
import { mintToken } from '../../src/auth/mint-token';
import { Role } from '../../src/auth/viewer';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';
import { DocumentGenerator, rootFields, type GraphqlBody, type RootField } from './document-generator';
import { exchange, type RawRequest } from './exchange';
import { changedTables, DatabaseFingerprint, type Fingerprint } from './fingerprint';
import type { KnownValues } from './hostile-values';
import { Random, fuzzSeed } from './random';
import { errorCodes, graphqlJson, problemsOf, showRequest, type Exchange, type LeakPolicy, type PersonalData } from './response-checks';

/**
 * Issue 7, Deliver 4: documents and variables generated from the schema,
 * sent over HTTP by every kind of caller to a hub holding seeded dossiers.
 * No answer may leak a stack trace, SQL, internal error text or personal
 * data the caller may not see; no bad input may be answered
 * INTERNAL_SERVER_ERROR; a refused request (and any anonymous one) changes
 * no data; the hub answers its probes afterwards.
 *
 * Bounded: FUZZ_DOCUMENTS_PER_FIELD (default 3, at most 50) documents per
 * root field and caller. FUZZ_SEED replays or varies a run; every failure
 * names its case, which with the seed regenerates the same document.
 */

const SEED = fuzzSeed();
const PER_FIELD = Math.min(50, Math.max(1, Number(process.env.FUZZ_DOCUMENTS_PER_FIELD ?? 3) || 3));
const SCHEMA = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
const ROOTS = rootFields(SCHEMA);

const POLICE = PROCEDURES.drivingLicence.agency;
const LAND = PROCEDURES.landTransfer.agency;

type CallerName = 'anonymous' | 'forged-token' | 'citizen' | 'officer-police' | 'officer-land' | 'supervisor';
const ANONYMOUS_CALLERS: CallerName[] = ['anonymous', 'forged-token'];
const SIGNED_IN_CALLERS: CallerName[] = ['citizen', 'officer-police', 'officer-land', 'supervisor'];

/** The seeded citizens' personal data (what the population simulator gives their ids). */
function personalData(personalId: string): PersonalData {
  const record = syntheticCitizen(personalId);
  if (!record) throw new Error(`no synthetic citizen ${personalId}`);
  return { personalId, values: [personalId, record.name.full, record.dateOfBirth] };
}
const SEEDED: PersonalData[] = [personalData(CITIZEN_ID), personalData(OTHER_CITIZEN_ID)];

/**
 * What each caller may not see. The police received every seeded dossier
 * and the supervisor sees all, so for them only `errors` is checked; the
 * land officer may see none of them, except a citizen it names itself (an
 * officer may look a citizen up by id, with a purpose); the citizen sees
 * only their own.
 */
function policyFor(caller: CallerName, requestText: string): LeakPolicy {
  switch (caller) {
    case 'anonymous':
    case 'forged-token':
      return { nowhere: SEEDED, notInErrors: SEEDED };
    case 'citizen':
      return { nowhere: SEEDED.filter((p) => p.personalId !== CITIZEN_ID), notInErrors: SEEDED };
    case 'officer-land':
      return { nowhere: SEEDED.filter((p) => !requestText.includes(p.personalId)), notInErrors: SEEDED };
    case 'officer-police':
    case 'supervisor':
      return { nowhere: [], notInErrors: SEEDED };
  }
}

/**
 * True when the answer says nothing was done: not run at all (unparsable,
 * invalid, refused before execution), or every root field null or with
 * userErrors. Data null after a field error is not counted: a sibling root
 * field may have run (a non-null field's error nulls the whole answer).
 */
function refused(answer: Exchange): boolean {
  const json = graphqlJson(answer);
  if (typeof json === 'string' || answer.status !== 200) return true;
  if (!json.data) return !(json.errors ?? []).some((e) => e.path !== undefined);
  return Object.values(json.data).every((value) => {
    if (value === null) return true;
    const userErrors = (value as { userErrors?: unknown }).userErrors;
    return Array.isArray(userErrors) && userErrors.length > 0;
  });
}

describe(`GraphQL fuzz: documents generated from the schema (seed ${SEED}, FUZZ_SEED to change; ${PER_FIELD} per field and caller)`, () => {
  let t: TestHub;
  let fingerprint: DatabaseFingerprint;
  let generator: DocumentGenerator;
  const headers = {} as Record<CallerName, Record<string, string>>;
  const sentTexts: string[] = [];
  const tally = { requests: 0, internal: 0, writes: 0, byKind: {} as Record<string, number>, byStatus: {} as Record<string, number> };
  let started = 0;

  const everSent = (text: string) => sentTexts.some((sent) => sent.includes(text));

  beforeAll(async () => {
    started = Date.now();
    t = await startTestHub({
      env: {
        // Deliveries would change dossiers in the background, between fingerprints.
        OUTBOX_ENABLED: 'false',
        // Rate limits (issue 7) must not throttle the run; the names of the settings being added.
        RATE_LIMIT_PER_ADDRESS: '1000000',
        RATE_LIMIT_PER_TOKEN: '1000000',
        RATE_LIMIT_LOOKUPS: '1000000',
      },
    });
    fingerprint = new DatabaseFingerprint(t.hub.database);
    headers.anonymous = {};
    headers['forged-token'] = {
      authorization: `Bearer ${await mintToken({ sub: 'supervisor-1', name: 'Giả mạo', roles: [Role.SUPERVISOR] }, 'a-secret-that-is-not-the-hub-s-own-secret!')}`,
    };
    headers.citizen = await citizen(CITIZEN_ID);
    headers['officer-police'] = await officer(POLICE);
    headers['officer-land'] = await officer(LAND);
    headers.supervisor = await supervisor();

    // Dossiers with personal data to leak: two received at the counter, one submitted online with a document.
    const first = await receive(t, headers['officer-police'], PROCEDURES.drivingLicence, { personalId: CITIZEN_ID });
    const second = await receive(t, headers['officer-police'], PROCEDURES.drivingLicence, { personalId: OTHER_CITIZEN_ID });
    const accepted = await transition(t, headers['officer-police'], second.code, 'FORWARD', second.version);
    if (accepted.data?.transitionDossier.userErrors.length !== 0) throw new Error(`seeding: FORWARD failed: ${JSON.stringify(accepted)}`);
    const online = await t.gql<{ submitDossier: { dossier: { code: string; components: Array<{ documentId: string | null }> } | null; userErrors: unknown[] } }>(
      contractOperation('SubmitDossier'),
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          components: PROCEDURES.drivingLicence.components.map((code, i) =>
            i === 0 ? { code, contentBase64: Buffer.from('%PDF-1.4\n1 0 obj\n%%EOF\n').toString('base64'), contentType: 'application/pdf', fileName: 'don.pdf' } : { code },
          ),
        },
      },
      headers.citizen,
    );
    const submitted = online.data?.submitDossier.dossier;
    if (!submitted) throw new Error(`seeding: submission failed: ${JSON.stringify(online)}`);

    const sup = headers.supervisor;
    const pages = await t.gql<{
      procedures: { pageInfo: { endCursor: string | null }; edges: Array<{ node: { code: string } }> };
      agencies: { pageInfo: { endCursor: string | null }; edges: Array<{ node: { code: string } }> };
      dossiers: { pageInfo: { endCursor: string | null } };
      citizenAccessLog: { pageInfo: { endCursor: string | null } };
      outboxMessages: { edges: Array<{ node: { id: string } }> };
    }>(
      `{ procedures(first: 3) { pageInfo { endCursor } edges { node { code } } }
         agencies(first: 5) { pageInfo { endCursor } edges { node { code } } }
         dossiers(first: 1) { pageInfo { endCursor } }
         citizenAccessLog(first: 1) { pageInfo { endCursor } }
         outboxMessages(status: PENDING) { edges { node { id } } } }`,
      {},
      sup,
    );
    if (!pages.data) throw new Error(`seeding: reading pages failed: ${JSON.stringify(pages.errors)}`);
    const known: KnownValues = {
      procedureCodes: [...new Set([...Object.values(PROCEDURES).map((p) => p.code), ...pages.data.procedures.edges.map((e) => e.node.code)])],
      agencyCodes: [...new Set([POLICE, LAND, ...pages.data.agencies.edges.map((e) => e.node.code)])],
      componentCodes: Object.values(PROCEDURES).flatMap((p) => [...p.components]),
      dossierCodes: [first.code, second.code, submitted.code],
      documentIds: submitted.components.map((c) => c.documentId).filter((id): id is string => id !== null),
      outboxIds: pages.data.outboxMessages.edges.map((e) => e.node.id),
      personalIds: [CITIZEN_ID, OTHER_CITIZEN_ID],
      cursors: [pages.data.procedures, pages.data.agencies, pages.data.dossiers, pages.data.citizenAccessLog].map((p) => p.pageInfo.endCursor).filter((c): c is string => c !== null),
    };
    generator = new DocumentGenerator(known);
  });

  afterAll(async () => {
    const summary = { seed: SEED, perFieldAndCaller: PER_FIELD, ...tally, seconds: Math.round((Date.now() - started) / 100) / 10, database: t?.hub.database.kind };
    process.stdout.write(`[graphql fuzz] ${JSON.stringify(summary)}\n`);
    await t?.stop();
  });

  /**
   * Sends one generated document, checks the answer, and (when the
   * caller's requests are to change nothing, or the answer refused) that
   * the database is as before. Answers the problems found, each naming the
   * case and showing the request.
   */
  async function run(caller: CallerName, name: string, body: GraphqlBody | RawRequest, kind: string, mustNotWrite: boolean): Promise<string[]> {
    const before: Fingerprint = await fingerprint.take();
    const raw: RawRequest = 'query' in body || 'variables' in body || 'operationName' in body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : body;
    const answer = await exchange(t.url, name, { ...raw, headers: { ...headers[caller], ...raw.headers } });
    if (typeof raw.body === 'string') sentTexts.push(raw.body);
    tally.requests += 1;
    tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
    tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
    const problems = problemsOf(answer, policyFor(caller, answer.requestText), everSent);
    if (problems.includes('INTERNAL_SERVER_ERROR')) tally.internal += 1;
    const changed = changedTables(before, await fingerprint.take());
    if (changed.length > 0) {
      if (mustNotWrite || refused(answer)) problems.push(`data changed though ${mustNotWrite ? 'the caller is anonymous' : 'the request was refused'}: ${changed.join(', ')}`);
      else tally.writes += 1;
    }
    if (problems.length === 0) return [];
    const json = graphqlJson(answer);
    const codes = typeof json === 'string' ? '' : ` codes ${JSON.stringify(errorCodes(json))}`;
    return [`[${name}] (${kind}, HTTP ${answer.status}${codes}) ${problems.join('; ')}\n    request: ${showRequest(typeof raw.body === 'string' ? raw.body : '')}`];
  }

  async function fuzzField(root: RootField, callers: CallerName[], mustNotWrite: boolean): Promise<void> {
    const problems: string[] = [];
    for (const caller of callers) {
      for (let i = 1; i <= PER_FIELD; i += 1) {
        const name = `${caller} ${root.operation} ${root.field.name} #${i}`;
        const { kind, body } = generator.generate(root, Random.forCase(SEED, name));
        problems.push(...(await run(caller, name, body, kind, mustNotWrite)));
      }
    }
    expect(problems, `${problems.length} answer(s) with problems (seed ${SEED}):\n${problems.join('\n')}`).toEqual([]);
  }

  describe('anonymous callers (no token, or a token signed with another secret)', () => {
    let atStart: Fingerprint;
    beforeAll(async () => {
      atStart = await fingerprint.take();
    });
    for (const root of ROOTS) {
      it(`${root.operation} ${root.field.name}`, () => fuzzField(root, ANONYMOUS_CALLERS, true));
    }
    it('changed no data over the whole anonymous run', async () => {
      expect(changedTables(atStart, await fingerprint.take())).toEqual([]);
    });
  });

  describe('signed-in callers (citizen, officers of the police and of the land department, supervisor)', () => {
    for (const root of ROOTS) {
      it(`${root.operation} ${root.field.name}`, () => fuzzField(root, SIGNED_IN_CALLERS, false));
    }
  });

  describe('malformed requests', () => {
    const json = { 'content-type': 'application/json' };
    const CASES: Array<{ name: string; caller: CallerName; request: RawRequest }> = [
      { name: 'a truncated JSON body', caller: 'anonymous', request: { headers: json, body: '{"query": "{ __typename }"' } },
      { name: 'a JSON body with a personal id and an OTP in it, truncated', caller: 'anonymous', request: { headers: json, body: `{"query": "mutation { x }", "variables": {"personalId": "${CITIZEN_ID}", "otp": "123456"` } },
      { name: 'an empty batch', caller: 'anonymous', request: { headers: json, body: '[]' } },
      { name: 'a batch of two operations', caller: 'anonymous', request: { headers: json, body: '[{"query":"{ __typename }"},{"query":"{ __typename }"}]' } },
      { name: 'query is a number', caller: 'anonymous', request: { headers: json, body: '{"query": 123}' } },
      { name: 'query is null', caller: 'anonymous', request: { headers: json, body: '{"query": null}' } },
      { name: 'query is a list', caller: 'anonymous', request: { headers: json, body: '{"query": ["{ __typename }"]}' } },
      { name: 'variables is a string', caller: 'anonymous', request: { headers: json, body: '{"query": "{ __typename }", "variables": "x"}' } },
      { name: 'variables is a list', caller: 'anonymous', request: { headers: json, body: '{"query": "{ __typename }", "variables": [1]}' } },
      { name: 'operationName is a number', caller: 'anonymous', request: { headers: json, body: '{"query": "{ __typename }", "operationName": 5}' } },
      { name: 'variables with __proto__', caller: 'anonymous', request: { headers: json, body: '{"query": "query($c: String!) { trackDossier(code: $c) { code } }", "variables": {"__proto__": {"polluted": "yes"}, "c": "x"}}' } },
      { name: 'a persisted query whose hash does not match', caller: 'anonymous', request: { headers: json, body: `{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "${'0'.repeat(64)}"}}}` } },
      { name: 'a persisted query by an unknown hash only', caller: 'anonymous', request: { headers: json, body: `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "${'ab'.repeat(32)}"}}}` } },
      { name: 'a persisted query of an unknown version', caller: 'anonymous', request: { headers: json, body: '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 99, "sha256Hash": "x"}}}' } },
      { name: 'text/plain (a CSRF attempt)', caller: 'anonymous', request: { headers: { 'content-type': 'text/plain' }, body: '{"query": "{ __typename }"}' } },
      { name: 'JSON declared in UTF-16', caller: 'anonymous', request: { headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{"query": "{ __typename }"}' } },
      { name: 'bytes that are not UTF-8', caller: 'anonymous', request: { headers: json, body: Buffer.concat([Buffer.from('{"query": "{ trackDossier(code: \\"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\\") { code } }"}')]) } },
      { name: 'a GET without a preflight header', caller: 'anonymous', request: { method: 'GET', path: '/graphql?query=%7B__typename%7D' } },
      { name: 'a mutation over GET', caller: 'officer-police', request: { method: 'GET', path: '/graphql?query=mutation%7BpayFees(dossierCode%3A%22x%22)%7BuserErrors%7Bcode%7D%7D%7D', headers: { 'apollo-require-preflight': 'true' } } },
      { name: 'a GET with variables that are not JSON', caller: 'anonymous', request: { method: 'GET', path: '/graphql?query=%7B__typename%7D&variables=%7Bnope', headers: { 'apollo-require-preflight': 'true' } } },
      { name: 'a string of 5 MB in a variable', caller: 'officer-police', request: { headers: json, body: JSON.stringify({ query: 'query($p: String!) { citizen(personalId: $p, purpose: "x") { fullName } }', variables: { p: 'x'.repeat(5_000_000) } }) } },
      { name: 'an Authorization header that is not Bearer', caller: 'anonymous', request: { headers: { ...json, authorization: 'Basic YWRtaW46YWRtaW4=' }, body: '{"query": "{ myDossiers { totalCount } }"}' } },
      { name: 'a bearer token that is not a JWT', caller: 'anonymous', request: { headers: { ...json, authorization: 'Bearer a.b.c' }, body: '{"query": "{ myDossiers { totalCount } }"}' } },
      { name: 'a bearer token of 8 KB', caller: 'anonymous', request: { headers: { ...json, authorization: `Bearer ${'a'.repeat(8000)}` }, body: '{"query": "{ myDossiers { totalCount } }"}' } },
      { name: 'an unsigned token (alg none) claiming the supervisor role', caller: 'anonymous', request: { headers: { ...json, authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","name":"x","roles":["SUPERVISOR"]}').toString('base64url')}.` }, body: '{"query": "{ dossiers { totalCount edges { node { applicant { personalId fullName } } } } }"}' } },
      { name: 'a request id header of 8 KB', caller: 'anonymous', request: { headers: { ...json, 'x-request-id': 'r'.repeat(8000) }, body: '{"query": "{ __typename }"}' } },
    ];
    for (const { name, caller, request } of CASES) {
      it(name, async () => {
        const problems = await run(caller, `${caller} ${name}`, request, 'malformed', caller === 'anonymous');
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }
    it('no request polluted Object.prototype of the hub process', () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('the hub still answers /healthz and /readyz after the run', async () => {
    const health = await fetch(`${t.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`, { signal: AbortSignal.timeout(5000) });
    expect(ready.status).toBe(200);
  });
});
