import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive, PROCEDURES, transition, PAID_AT_COUNTER } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { watch, wsClient } from '../support/subscriptions';
import { Role } from '../../src/auth';
import { mintToken } from '../../src/auth/mint-token';
import { citizen, officer, supervisor, TEST_JWT_SECRET } from '../support/tokens';

const POLICE = PROCEDURES.drivingLicence.agency;
const LAND = PROCEDURES.landTransfer.agency;

const TRACKING = `subscription Track($code: String!) {
  dossierTracking(code: $code) { code status nationalStatusCode dueAt currentAgency { code } steps { order status agency { code } } timeline { label status } }
}`;
const BOARD = `subscription Board($agency: String!) {
  hallBoard(agencyCode: $agency) { agency { code } resultsReadyCount receivedToday resultsReady { maskedCode status procedureName } received { maskedCode status } }
}`;
const WORKLIST = `subscription Worklist($agency: String) {
  worklistChanges(agencyCode: $agency) { resync code fromStatus toStatus dossier { code status applicant { fullName } } }
}`;

type Tracking = { dossierTracking: { code: string; status: string; nationalStatusCode: number; timeline: Array<{ label: string; status: string }>; steps: Array<{ order: number; status: string }> } };
type Board = { hallBoard: { resultsReadyCount: number; receivedToday: number; resultsReady: Array<{ maskedCode: string; status: string }>; received: Array<{ maskedCode: string }> } };
type Worklist = { worklistChanges: { resync: boolean; code: string | null; fromStatus: string | null; toStatus: string | null; dossier: { code: string; status: string } | null } };

const bearer = (headers: Record<string, string>) => headers.authorization;

describe('live updates over WebSocket (graphql-ws), from the database transaction that made the change', () => {
  let t: TestHub;
  let police: Record<string, string>;
  let land: Record<string, string>;

  beforeAll(async () => {
    // No outbox deliveries: what reception sends on (the identity check) would move the dossier in the background.
    t = await startTestHub({ env: { OUTBOX_ENABLED: 'false' } });
    police = await officer(POLICE);
    land = await officer(LAND);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a dossier tracked by code (no token): its view now, then one answer per committed move, with steps and timeline and no personal data', async () => {
    const dossier = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    const tracked = watch<Tracking>(wsClient(t.url), TRACKING, { code: dossier.code });
    try {
      const first = await tracked.nth(1);
      expect(first.dossierTracking).toMatchObject({ code: dossier.code, status: 'RECEIVED', nationalStatusCode: 2 });
      expect(first.dossierTracking.timeline.map((e) => e.label)).toContain('Tiếp nhận hồ sơ');
      // The reception's own change may reach this hub after the subscription began (an answer repeating the first): let it land.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const before = tracked.values.length;
      const moved = await transition(t, police, dossier.code, 'FORWARD', dossier.version);
      expect(moved.data?.transitionDossier.userErrors).toEqual([]);
      const second = await tracked.nth(before + 1);
      expect(second.dossierTracking.status).toBe('PROCESSING');
      expect(second.dossierTracking.steps[0]).toMatchObject({ order: 1, status: 'IN_PROGRESS' });
      // One move, one answer: the dossier row and its history entry of the same transaction are one change.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tracked.values).toHaveLength(before + 1);
      expect(JSON.stringify(tracked.values)).not.toMatch(/038095001234|fullName|actor/);
    } finally {
      await tracked.close();
    }
  });

  it('a move refused (stale version) changes nothing and sends nothing', async () => {
    const dossier = await receive(t, police, PROCEDURES.drivingLicence);
    const tracked = watch<Tracking>(wsClient(t.url), TRACKING, { code: dossier.code });
    try {
      await tracked.nth(1);
      // The reception's own change may reach this hub after the subscription began: an answer repeating the first.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const before = tracked.values.length;
      const stale = await transition(t, police, dossier.code, 'FORWARD', dossier.version + 5);
      expect(stale.data?.transitionDossier.userErrors[0]?.code).toBe('STALE_VERSION');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tracked.values).toHaveLength(before);
      expect(tracked.values.every((v) => v.dossierTracking.status === 'RECEIVED')).toBe(true);
    } finally {
      await tracked.close();
    }
  });

  it('a rolled-back transaction raises nothing; a committed one is heard once', async () => {
    const dossier = await receive(t, police, PROCEDURES.drivingLicence);
    const tracked = watch<Tracking>(wsClient(t.url), TRACKING, { code: dossier.code });
    try {
      await tracked.nth(1);
      // The reception's own change may reach this hub after the subscription began (an answer repeating the first): let it land.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const before = tracked.values.length;
      const em = t.hub.database.fork();
      await em
        .transactional(async (tx) => {
          await tx.execute(`update dossier set status = 'STOPPED' where code = ?`, [dossier.code]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tracked.values).toHaveLength(before);
      await em.transactional(async (tx) => {
        await tx.execute(`update dossier set due_at = due_at + interval '1 hour' where code = ?`, [dossier.code]);
        await tx.execute(`update dossier set due_at = due_at + interval '1 hour' where code = ?`, [dossier.code]);
      });
      const after = await tracked.nth(before + 1);
      expect(after.dossierTracking.status).toBe('RECEIVED');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tracked.values).toHaveLength(before + 1);
      expect(tracked.values.map((v) => v.dossierTracking.status)).not.toContain('STOPPED');
    } finally {
      await tracked.close();
    }
  });

  it('an unknown or malformed code is refused with a clear error, and the socket stays for other subscriptions', async () => {
    const client = wsClient(t.url);
    const unknown = watch(client, TRACKING, { code: '000.00.96.H56-261203-9999' });
    const error = (await unknown.failed()) as { message: string; extensions?: { code?: string } };
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/Không tìm thấy/);
    const malformed = watch(client, TRACKING, { code: 'DROP TABLE' });
    const refused = (await malformed.failed()) as { extensions?: { code?: string } };
    expect(refused.extensions?.code).toBe('INVALID_INPUT');
    await unknown.close();
  });

  it('the hall board: now, then again when a result is ready, codes partly masked', async () => {
    const board = watch<Board>(wsClient(t.url), BOARD, { agency: POLICE });
    try {
      await board.nth(1);
      // Changes of earlier tests' dossiers may still be on their way: the board as it stood once they landed.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const first = board.values.at(-1)!;
      const dossier = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
      const sequence = dossier.code.slice(-4);
      const received = await board.when((b) => b.hallBoard.received.some((e) => e.maskedCode.endsWith(`-${sequence}`)));
      expect(received.hallBoard.receivedToday).toBe(first.hallBoard.receivedToday + 1);
      expect(received.hallBoard.received[0]?.maskedCode).toMatch(new RegExp(`^…H56-\\*{4}\\d{2}-${sequence}$`));
      expect(JSON.stringify(received.hallBoard)).not.toContain(dossier.code);
      let version = (await transition(t, police, dossier.code, 'FORWARD', dossier.version)).data!.transitionDossier.dossier!.version;
      version = (await transition(t, police, dossier.code, 'COMPLETE_STEP', version)).data!.transitionDossier.dossier!.version;
      const ready = await board.when((b) => b.hallBoard.resultsReady.some((e) => e.maskedCode.endsWith(`-${sequence}`)));
      expect(ready.hallBoard.resultsReadyCount).toBe(first.hallBoard.resultsReadyCount + 1);
      expect(ready.hallBoard.resultsReady[0]).toMatchObject({ status: 'RESULT_READY', maskedCode: expect.stringContaining(sequence) as string });
      await transition(t, police, dossier.code, 'RETURN', version);
      const returned = await board.when((b) => !b.hallBoard.resultsReady.some((e) => e.maskedCode.endsWith(`-${sequence}`)) && b.hallBoard.resultsReadyCount === first.hallBoard.resultsReadyCount);
      expect(returned.hallBoard.resultsReadyCount).toBe(first.hallBoard.resultsReadyCount);
    } finally {
      await board.close();
    }
  });

  it("an officer's worklist: changes of their agency's dossiers only, with the dossier as they may see it; another agency's are not sent", async () => {
    const mine = watch<Worklist>(wsClient(t.url, bearer(police)), WORKLIST);
    const theirs = watch<Worklist>(wsClient(t.url, bearer(land)), WORKLIST);
    try {
      const dossier = await receive(t, police, PROCEDURES.drivingLicence);
      const change = await mine.when((v) => v.worklistChanges.code === dossier.code);
      expect(change.worklistChanges).toMatchObject({ resync: false, code: dossier.code, fromStatus: null, toStatus: 'RECEIVED', dossier: { code: dossier.code, status: 'RECEIVED' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(theirs.values).toEqual([]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it("an officer may not watch another agency's worklist, nor anyone without a token; a supervisor may watch any", async () => {
    const other = watch(wsClient(t.url, bearer(police)), WORKLIST, { agency: LAND });
    expect(((await other.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
    const anonymous = watch(wsClient(t.url), WORKLIST);
    expect(((await anonymous.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('UNAUTHENTICATED');
    const citizenWatch = watch(wsClient(t.url, bearer(await citizen())), WORKLIST);
    expect(((await citizenWatch.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
    const all = watch<Worklist>(wsClient(t.url, bearer(await supervisor())), WORKLIST, { agency: LAND });
    const dossier = await receive(t, land, PROCEDURES.landTransfer);
    expect((await all.when((v) => v.worklistChanges.code === dossier.code)).worklistChanges.code).toBe(dossier.code);
    await Promise.all([other.close(), anonymous.close(), citizenWatch.close(), all.close()]);
  });

  it('a bad token is refused at connection; queries and mutations are refused over the socket (HTTP has their limits)', async () => {
    const bad = watch(wsClient(t.url, 'Bearer not-a-token'), TRACKING, { code: 'x' });
    const closed = (await bad.failed()) as { code?: number };
    expect(closed.code).toBe(4403);
    const query = watch(wsClient(t.url), '{ agencies { totalCount } }');
    expect(((await query.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_REQUEST');
    const invalid = watch(wsClient(t.url), 'subscription { hallBoard(agencyCode: "x") { nope } }');
    expect(((await invalid.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const broken = watch(wsClient(t.url), 'subscription {');
    expect(((await broken.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    await Promise.all([bad.close(), query.close(), invalid.close(), broken.close()]);
  });

  it('a page of another origin may not open the socket (the CORS rule); the hub\'s own origin and the listed ones may', async () => {
    const foreign = watch(wsClient(t.url, undefined, 'https://evil.example'), BOARD, { agency: POLICE });
    await foreign.failed();
    expect(foreign.values).toEqual([]);
    const own = watch<Board>(wsClient(t.url, undefined, t.url), BOARD, { agency: POLICE });
    expect((await own.nth(1)).hallBoard).toBeDefined();
    await Promise.all([foreign.close(), own.close()]);
  });
});

describe('a subscription outlives no token', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a worklist watched with a token that then expires gets an UNAUTHENTICATED error at the next change, never its code', async () => {
    const shortLived = await mintToken({ sub: 'officer-short', name: 'Cán bộ', roles: [Role.OFFICER], agency: POLICE }, TEST_JWT_SECRET, '2s');
    const police = await officer(POLICE);
    const watched = watch<Worklist>(wsClient(t.url, `Bearer ${shortLived}`), WORKLIST);
    try {
      const first = await receive(t, police, PROCEDURES.drivingLicence);
      expect((await watched.when((v) => v.worklistChanges.code === first.code)).worklistChanges.code).toBe(first.code);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const second = await receive(t, police, PROCEDURES.drivingLicence);
      const error = (await watched.failed()) as { extensions?: { code?: string } };
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(watched.values)).not.toContain(second.code);
    } finally {
      await watched.close();
    }
  });
});

describe('subscriptions are held to the limits of HTTP', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { GRAPHQL_MAX_COST: '5' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('an operation over the cost limit is refused, and so is a NUL in its variables; neither is a bug', async () => {
    const costly = watch(wsClient(t.url), TRACKING, { code: '000.00.96.H56-261203-0001' });
    expect(((await costly.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const nul = watch(wsClient(t.url), 'subscription ($code: String!) { dossierTracking(code: $code) { code } }', { code: 'a\u0000b' });
    expect(((await nul.failed()) as { extensions?: { code?: string } }).extensions?.code).toBe('INVALID_INPUT');
    await Promise.all([costly.close(), nul.close()]);
  });

  it('a subscription sent over HTTP is refused with where to send it', async () => {
    const res = await t.gql('subscription { hallBoard(agencyCode: "000.00.80.H56") { receivedToday } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/WebSocket/);
  });
});
