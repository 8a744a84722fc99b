import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/auth/mint-token';
import { Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { TEST_JWT_SECRET } from '../support/tokens';

const MyDossiers = contractOperation('MyDossiers');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('bearer tokens (HS256 with JWT_SECRET)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { SEED_CATALOG: 'false' } });
  });
  afterAll(async () => {
    await t.stop();
  });

  const citizenClaims = { sub: 'c1', name: 'Lê Thị Hoa', roles: [Role.CITIZEN], personalId: '038095001234' };

  it('a valid token is accepted', async () => {
    const res = await t.gql(MyDossiers, {}, bearer(await mintToken(citizenClaims, TEST_JWT_SECRET)));
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['no token', {}, /Cần đăng nhập/],
    ['a malformed header', { authorization: 'Token abc' }, /Bearer/],
    ['garbage', bearer('not.a.jwt'), /Cần đăng nhập/],
  ])('%s on a protected field is UNAUTHENTICATED', async (_label, headers, message) => {
    const res = await t.gql(MyDossiers, {}, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data).toBeNull();
  });

  it('an expired token, or one signed with another secret, is UNAUTHENTICATED', async () => {
    const expired = await mintToken(citizenClaims, TEST_JWT_SECRET, '-1m');
    expect((await t.gql(MyDossiers, {}, bearer(expired))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await mintToken(citizenClaims, 'another-secret-of-at-least-32-characters!!');
    expect((await t.gql(MyDossiers, {}, bearer(forged))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a token without expiry, without a known role, or a citizen without a 12-digit personalId is refused', async () => {
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    const noExp = await new SignJWT({ roles: ['CITIZEN'], personalId: '038095001234' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(secret);
    const noRole = await mintToken({ sub: 'x', name: 'x', roles: ['ADMIN' as Role], personalId: '038095001234' }, TEST_JWT_SECRET);
    const badId = await mintToken({ sub: 'x', name: 'x', roles: [Role.CITIZEN], personalId: '123' }, TEST_JWT_SECRET);
    const noAgency = await mintToken({ sub: 'x', name: 'x', roles: [Role.OFFICER] }, TEST_JWT_SECRET);
    for (const token of [noExp, noRole, badId, noAgency]) {
      expect((await t.gql(MyDossiers, {}, bearer(token))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const worklist = await t.gql(contractOperation('Worklist'), {}, bearer(noAgency));
    expect(worklist.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an alg=none token is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', roles: ['SUPERVISOR'], exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const res = await t.gql(contractOperation('ServiceStats'), { from: '2026-01-01', to: '2026-01-31' }, bearer(`${header}.${body}.`));
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('public fields answer whatever the token', async () => {
    const res = await t.gql('{ agencies { totalCount } }', {}, bearer('not.a.jwt'));
    expect(res.data).toEqual({ agencies: { totalCount: 0 } });
  });
});

describe('bearer tokens (RS256 from JWT_JWKS_URL)', () => {
  let t: TestHub;
  let jwks: Server;
  let privateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestHub({ env: { SEED_CATALOG: 'false', JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: 'https://id.example.vn' } });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const sign = (issuer: string, key: CryptoKey | Uint8Array, alg = 'RS256') =>
    new SignJWT({ roles: ['SUPERVISOR'], name: 'Giám đốc' })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setSubject('sup-1')
      .setIssuer(issuer)
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by the identity provider\'s key, with the configured issuer', async () => {
    const res = await t.gql(contractOperation('ServiceStats'), { from: '2026-01-01', to: '2026-01-31' }, bearer(await sign('https://id.example.vn', privateKey)));
    expect(res.errors).toBeUndefined();
  });

  it('refuses another issuer, and an HS256 token made with the old shared secret', async () => {
    const wrongIssuer = await sign('https://evil.example', privateKey);
    const hs = await sign('https://id.example.vn', new TextEncoder().encode(TEST_JWT_SECRET), 'HS256');
    for (const token of [wrongIssuer, hs]) {
      const res = await t.gql(contractOperation('ServiceStats'), { from: '2026-01-01', to: '2026-01-31' }, bearer(token));
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
