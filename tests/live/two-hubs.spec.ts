import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive, PROCEDURES, transition } from '../support/flows';
import { TEST_DB_KIND } from '../support/database';
import { startTestHub, type TestHub } from '../support/hub';
import { watch, wsClient, type Watched } from '../support/subscriptions';
import { officer, supervisor } from '../support/tokens';

const POLICE = PROCEDURES.drivingLicence.agency;
const TRACKING = 'subscription ($code: String!) { dossierTracking(code: $code) { code status } }';
const WORKLIST = 'subscription { worklistChanges { resync code toStatus } }';

type Tracking = { dossierTracking: { code: string; status: string } };
type Worklist = { worklistChanges: { resync: boolean; code: string | null; toStatus: string | null } };

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

/**
 * Several hub processes on one PostgreSQL: each listens on its own
 * connection, so a change made through one hub reaches the subscribers of
 * every hub, each exactly once. (The embedded database is one process's
 * alone: its lock refuses a second hub.)
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('two hubs on one PostgreSQL', () => {
  let a: TestHub;
  let b: TestHub;
  let police: Record<string, string>;

  beforeAll(async () => {
    // No outbox deliveries: what reception sends on (the identity check) would move the dossier in the background.
    a = await startTestHub({ env: { OUTBOX_ENABLED: 'false' } });
    b = await startTestHub({ env: { OUTBOX_ENABLED: 'false', DATABASE_URL: a.hub.database.url } });
    police = await officer(POLICE);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('a move made through one hub reaches the subscribers of both, each once', async () => {
    const dossier = await receive(a, police, PROCEDURES.drivingLicence);
    const watchers: Array<Watched<Tracking>> = [
      watch<Tracking>(wsClient(a.url), TRACKING, { code: dossier.code }),
      watch<Tracking>(wsClient(a.url), TRACKING, { code: dossier.code }),
      watch<Tracking>(wsClient(b.url), TRACKING, { code: dossier.code }),
      watch<Tracking>(wsClient(b.url), TRACKING, { code: dossier.code }),
    ];
    try {
      for (const w of watchers) await w.nth(1);
      // The reception's own change may reach a hub after its subscriptions began (an answer repeating the first): let it land.
      await settle();
      const before = watchers.map((w) => w.values.length);
      const moved = await transition(a, police, dossier.code, 'FORWARD', dossier.version);
      expect(moved.data?.transitionDossier.userErrors).toEqual([]);
      for (const [i, w] of watchers.entries()) expect((await w.nth(before[i] + 1)).dossierTracking.status).toBe('PROCESSING');
      await transition(b, police, dossier.code, 'STOP', moved.data!.transitionDossier.dossier!.version, { reason: 'Người nộp không bổ sung' });
      for (const [i, w] of watchers.entries()) expect((await w.nth(before[i] + 2)).dossierTracking.status).toBe('STOPPED');
      await settle();
      for (const [i, w] of watchers.entries()) expect(w.values.slice(before[i]).map((v) => v.dossierTracking.status)).toEqual(['PROCESSING', 'STOPPED']);
      for (const w of watchers) expect(w.values.slice(0, 1).map((v) => v.dossierTracking.status)).toEqual(['RECEIVED']);
    } finally {
      await Promise.all(watchers.map((w) => w.close()));
    }
  });

  it('fifty receptions through both hubs at once: every worklist subscriber hears each of them exactly once', async () => {
    const boss = await supervisor();
    const onA = watch<Worklist>(wsClient(a.url, boss.authorization), WORKLIST);
    const onB = watch<Worklist>(wsClient(b.url, boss.authorization), WORKLIST);
    try {
      await settle();
      const codes = (await Promise.all(Array.from({ length: 50 }, (_, i) => receive(i % 2 === 0 ? a : b, police, PROCEDURES.drivingLicence)))).map((d) => d.code);
      await onA.nth(50, 15_000);
      await onB.nth(50, 15_000);
      await settle();
      for (const w of [onA, onB]) {
        const heard = w.values.map((v) => v.worklistChanges.code);
        expect(heard).toHaveLength(50);
        expect(new Set(heard)).toEqual(new Set(codes));
      }
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  });

  it("when a hub's listening connection is cut, it opens it again, tells its subscribers to catch up, and hears what follows", async () => {
    const boss = await supervisor();
    const onB = watch<Worklist>(wsClient(b.url, boss.authorization), WORKLIST);
    try {
      await settle();
      const database = b.hub.database.fork();
      // Both hubs' listeners are cut; each comes back on its own.
      await database.execute(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'lienthong-listener' and datname = current_database()`);
      await onB.nth(1, 10_000);
      expect(onB.values[0]?.worklistChanges).toEqual({ resync: true, code: null, toStatus: null });
      const dossier = await receive(a, police, PROCEDURES.drivingLicence);
      const heard = await onB.nth(2, 10_000);
      expect(heard.worklistChanges).toMatchObject({ resync: false, code: dossier.code, toStatus: 'RECEIVED' });
    } finally {
      await onB.close();
    }
  });
});
