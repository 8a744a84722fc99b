import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate, specifiedRules } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildHubSchema } from '../../src/schema';
import { shapeRules } from '../../src/http/query-guards';
import { trustedDocumentsOfProject, type TrustedDocument } from '../../src/graphql/trusted-documents';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, officer, supervisor } from '../support/tokens';

const ROOT = path.resolve(__dirname, '../..');
const DEFAULT_LIMITS = { maxTokens: 3000, maxDepth: 12, maxAliases: 15, maxDirectives: 20, maxCost: 20000, maxPageSize: 100 };

/** POSTs a raw body to /graphql and reads whatever comes back, as text. */
async function post(t: TestHub, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The origin a preflight from `origin` is allowed, or null. */
async function allowedOrigin(t: TestHub, origin: string) {
  const res = await fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
  return res.headers.get('access-control-allow-origin');
}

const aliases = (n: number, field: (i: number) => string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;
const PAGE = 'procedures(first: 100) { totalCount edges { node { code name field agency { code name } processingTime { amount unit } fees { code name amount } components { code name required } steps { order agency { code name } } } } }';

describe('guards on the shape and cost of a document', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it('every contract operation passes the shape rules', async () => {
    const schema = await buildHubSchema();
    for (const doc of trustedDocumentsOfProject(ROOT)) {
      expect(validate(schema, parse(doc.document), [...specifiedRules, ...shapeRules(DEFAULT_LIMITS)]), doc.operationName).toEqual([]);
    }
  });

  it('a page of 100 procedures with nested fields is allowed', async () => {
    const res = await t.gql<{ procedures: { totalCount: number } }>(contractOperation('ProcedureCatalog'), { first: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data?.procedures.totalCount).toBeGreaterThan(50);
  });

  it('refuses 200 aliases of procedures(first: 100) at once, before any resolver runs (audit finding 1)', async () => {
    const res = await post(t, JSON.stringify({ query: aliases(200, () => 'procedures(first: 100) { totalCount }') }));
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toMatch(/bí danh/);
  });

  it('refuses a document within the alias limit whose pages cost too much together', async () => {
    const res = await t.gql(aliases(12, () => PAGE));
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/chi phí ước tính \d+, tối đa 20000/);
    expect(res.data ?? undefined).toBeUndefined();
  });

  it('counts a page left without `first` as the largest page, and `first` given by a variable', async () => {
    const query = `query Q($n: Int) { ${Array.from({ length: 12 }, (_, i) => `a${i}: ${PAGE.replace('first: 100', 'first: $n')}`).join(' ')} }`;
    expect((await t.gql(query, { n: 100 })).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await t.gql(query, { n: 2 })).errors).toBeUndefined();
  });

  it('remembers a document\'s cost per value of its Int and Boolean variables, never across them', async () => {
    const query = `query Q($n: Int, $all: Boolean!, $s: String) { ${Array.from({ length: 12 }, (_, i) => `a${i}: ${PAGE.replace('first: 100', 'first: $n, search: $s').replace('{', '@include(if: $all) {')}`).join(' ')} }`;
    // Cheap first, so that a cost remembered for the wrong key would let the dear ones through.
    expect((await t.gql(query, { n: 2, all: true, s: 'a' })).errors).toBeUndefined();
    expect((await t.gql(query, { n: 100, all: true, s: 'a' })).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await t.gql(query, { n: 100, all: false, s: 'a' })).errors).toBeUndefined();
    expect((await t.gql(query, { n: 100, all: true, s: 'b' })).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await t.gql(query, { n: 2, all: true, s: 'b' })).errors).toBeUndefined();
  });

  it('refuses, before parsing, brackets nested deeper than 64 (the parser would overflow its stack: found by the fuzzer)', async () => {
    for (const query of [`query { submitDossier(x: ${'['.repeat(5000)}) }`, `{ procedures(search: ${'{a: '.repeat(3000)}1}) { totalCount } }`]) {
      const res = await t.gql(query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors?.[0]?.message).toMatch(/lồng ngoặc quá sâu \(tối đa 64 cấp\)/);
      expect(JSON.stringify(res)).not.toMatch(/call stack/i);
    }
    // Brackets inside strings and comments are text, not nesting.
    const res = await t.gql(`# ${'['.repeat(200)}\n{ procedures(search: "${'['.repeat(200)}") { totalCount } }`);
    expect(res.errors).toBeUndefined();
  });

  it('refuses too many directives', async () => {
    const res = await t.gql(`{ procedures(first: 1) { totalCount ${'@include(if: true) '.repeat(21)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/chỉ thị/);
  });

  it('stops parsing at the token limit (a document of many tokens, short in bytes)', async () => {
    const res = await t.gql(`{ procedures(first: 1) { totalCount ${'id '.repeat(3100)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Document contains more th.. 3000 tokens/);
  });

  it('refuses a subscription over HTTP as the caller\'s mistake, pointing to the WebSocket, not a bug', async () => {
    const res = await t.gql('subscription { connectors { ok } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    const valid = await t.gql('subscription { hallBoard(agencyCode: "000.00.80.H56") { receivedToday } }');
    expect(valid.status).toBe(400);
    expect(valid.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(valid.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('refuses a NUL character before anything runs: no population lookup, nothing in the access log', async () => {
    const police = await officer(PROCEDURES.drivingLicence.agency);
    const input = {
      procedureCode: PROCEDURES.drivingLicence.code,
      channel: 'COUNTER',
      applicant: { personalId: '001190006666', consentToken: '123456', email: 'a\u0000@b.vn' },
      components: PROCEDURES.drivingLicence.components.map((c) => ({ code: c })),
    };
    const res = await t.gql(contractOperation('ReceiveDossier'), { input }, police);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const literal = await t.gql('{ trackDossier(code: "000.00.91.H56-261123-0001\\u0000") { code } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const log = await t.gql<{ citizenAccessLog: { totalCount: number } }>('{ citizenAccessLog(filter: { personalId: "001190006666" }) { totalCount } }', {}, await supervisor());
    expect(log.data?.citizenAccessLog.totalCount).toBe(0);
  });

  it('refuses a 21 MB document by its length, before parsing it', async () => {
    const res = await post(t, JSON.stringify({ query: `{ ${'__typename '.repeat(2_000_000)} }` }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers a malformed JSON body with a JSON error, never the HTML page, its stack or the body on stderr (finding 5)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const consoleError = vi.spyOn(console, 'error');
    try {
      const res = await post(t, '{"query": "{ trackDossier(code: \\"x\\") { code } }", "variables": {"personalId": "038095001234", "otp": "654321"');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(JSON.parse(res.text)).toEqual({ errors: [{ message: 'Nội dung yêu cầu không phải JSON hợp lệ.', extensions: { code: 'BAD_REQUEST' } }] });
      expect(res.text).not.toMatch(/<html|at .*\(|node_modules|038095001234/i);
      const written = [...stderr.mock.calls, ...consoleError.mock.calls].map((call) => String(call[0])).join('\n');
      expect(written).not.toContain('038095001234');
      expect(written).not.toContain('654321');
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
    }
  });

  it('a persisted-query hash that does not match the text is the caller\'s mistake', async () => {
    const res = await post(t, JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'INVALID_INPUT' } }] });
  });

  it('an unknown hash without text says the operation is not registered (clients cannot register their own)', async () => {
    const res = await post(t, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'OPERATION_NOT_REGISTERED' } }] });
  });

  it('allows http://localhost on any port by default in development, and no other origin', async () => {
    expect(await allowedOrigin(t, 'http://localhost:5173')).toBe('http://localhost:5173');
    expect(await allowedOrigin(t, 'https://evil.example')).toBeNull();
  });

  it('masks nothing it should not: every answer carries the security headers', async () => {
    for (const res of [await fetch(`${t.url}/healthz`), await fetch(`${t.url}/readyz`), await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('tighter limits (GRAPHQL_MAX_DEPTH, HTTP_MAX_BODY_BYTES)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { GRAPHQL_MAX_DEPTH: '4', HTTP_MAX_BODY_BYTES: '4096', SEED_CATALOG: 'false' } });
  });
  afterAll(() => t.stop());

  it('refuses a deeper document than GRAPHQL_MAX_DEPTH', async () => {
    const res = await t.gql(contractOperation('ProcedureCatalog'), { first: 1 });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/lồng quá sâu \(tối đa 4 cấp\)/);
  });

  it('answers a body over the limit with 413 in JSON', async () => {
    const res = await post(t, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(8192) } }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });
});

describe('rate limits', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { RATE_LIMIT_PER_ADDRESS: '3', RATE_LIMIT_PER_TOKEN: '5', RATE_LIMIT_LOOKUPS: '5', SEED_CATALOG: 'false' } });
  });
  afterAll(() => t.stop());

  it('limits anonymous callers per address, with 429, a clear error and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/thử lại sau \d+ giây/) as unknown }] });
  });

  it('limits a token by its subject, apart from the address (officers share their centre address)', async () => {
    const headers = await officer(PROCEDURES.drivingLicence.agency);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.gql('{ __typename }', {}, headers)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('dossier-code lookups are limited by rate (codes are sequential by design; audit: 250 guessed codes answered 177)', () => {
  let t: TestHub;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { RATE_LIMIT_LOOKUPS: '5' } });
    code = (await receive(t, await officer(PROCEDURES.drivingLicence.agency), PROCEDURES.drivingLicence)).code;
  });
  afterAll(() => t.stop());

  it('refuses a request of many guessed codes, answering no status at all', async () => {
    const prefix = code.slice(0, -4);
    const res = await t.gql(aliases(12, (i) => `trackDossier(code: "${prefix}${String(i + 1).padStart(4, '0')}") { code status }`));
    expect(res.status).toBe(429);
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(res.data ?? undefined).toBeUndefined();
  });

  it('lets a citizen look a few codes up, then asks them to wait', async () => {
    const headers = await citizen();
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push((await t.gql(contractOperation('TrackDossier'), { code }, headers)).status);
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('trusted documents (GRAPHQL_TRUSTED_DOCUMENTS=true)', () => {
  let t: TestHub;
  let documents: TrustedDocument[];
  beforeAll(async () => {
    t = await startTestHub({ env: { GRAPHQL_TRUSTED_DOCUMENTS: 'true', CORS_ORIGINS: 'https://dichvucong.thanhhoa.gov.vn' } });
    documents = trustedDocumentsOfProject(ROOT);
  });
  afterAll(() => t.stop());
  const byName = (name: string) => documents.find((d) => d.operationName === name)!;

  it('schema/trusted-documents.json holds every contract operation (run `npm run schema:emit` after changing them)', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'schema/trusted-documents.json'), 'utf8'))).toEqual(documents);
    expect(documents.map((d) => d.operationName)).toContain('TrackDossier');
  });

  it('runs a registered operation by its documentId, and by its exact text', async () => {
    const byId = await post(t, JSON.stringify({ documentId: byName('ProcedureCatalog').id, variables: { search: 'ly lich tu phap' } }));
    expect(byId.status).toBe(200);
    expect(JSON.parse(byId.text)).toMatchObject({ data: { procedures: { totalCount: 1 } } });
    const byText = await t.gql(contractOperation('ProcedureCatalog'), { search: 'ly lich tu phap' });
    expect(byText.errors).toBeUndefined();
  });

  it("accepts Apollo's persisted-query extension for a registered document", async () => {
    const hash = byName('TrackDossier').id.replace('sha256:', '');
    const res = await post(t, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { code: '000.00.91.H56-260101-9999' } }));
    expect(JSON.parse(res.text)).toEqual({ data: { trackDossier: null } });
  });

  it('allows the listed origins only (CORS_ORIGINS)', async () => {
    expect(await allowedOrigin(t, 'https://dichvucong.thanhhoa.gov.vn')).toBe('https://dichvucong.thanhhoa.gov.vn');
    expect(await allowedOrigin(t, 'https://evil.example')).toBeNull();
    expect(await allowedOrigin(t, 'http://localhost:5173')).toBeNull();
  });

  it('refuses any other document, and an unknown id', async () => {
    for (const body of [{ query: '{ __typename }' }, { query: aliases(2, () => 'procedures(first: 1) { totalCount }') }, { documentId: 'sha256:0000' }]) {
      const res = await post(t, JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ errors: [{ extensions: { code: 'OPERATION_NOT_REGISTERED' } }] });
    }
  });
});

describe('production defaults (NODE_ENV=production)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: 'production', SEED_CATALOG: 'false' } });
  });
  afterAll(() => t.stop());

  it('turns introspection off, without suggesting field names', async () => {
    const res = await t.gql('{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.errors)).toMatch(/introspection/i);
  });

  it('serves no query explorer, and a strict content security policy', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/embeddable-sandbox|<html/i);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('allows no browser origin unless CORS_ORIGINS says so', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' }, body: '{"query":"{ __typename }"}' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
