import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '../../connectors';
import type { PortalSimulator } from '../../connectors/portal/portal.simulator';
import { OutboxMessage, OutboxStatus } from '../../src/outbox';
import { PORTAL_SYNC_TOPIC } from '../../src/portal';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer, supervisor } from '../support/tokens';

const CONNECTORS = `{ connectors { name activity { pending oldestPendingAt refused lastRefusal lastRefusalAt lastSuccessAt lastFailureAt lastFailureOutcome } } }`;
interface Activity {
  pending: number;
  oldestPendingAt: string | null;
  refused: number;
  lastRefusal: string | null;
  lastRefusalAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailureOutcome: string | null;
}

/**
 * Issue 14, item 6: supervisors see, per connector, the backlog waiting
 * for it, the records it refused and its last success, beside its health.
 * Deliveries are run by hand (OUTBOX_ENABLED=false).
 */
describe("a connector's backlog, refusals and last success", () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let sup: Record<string, string>;
  let simulator: PortalSimulator;

  const activity = async (name: string): Promise<Activity> => {
    const res = await t.gql<{ connectors: Array<{ name: string; activity: Activity }> }>(CONNECTORS, {}, sup);
    expect(res.errors).toBeUndefined();
    return res.data!.connectors.find((c) => c.name === name)!.activity;
  };
  const pending = () => t.hub.database.fork().find(OutboxMessage, { topic: PORTAL_SYNC_TOPIC, status: OutboxStatus.PENDING });
  const deliverPending = async () => {
    for (const message of await pending()) await t.hub.delivery.deliver(message.id).catch(() => undefined);
  };

  beforeAll(async () => {
    t = await startTestHub({ clock, env: { PORTAL_SYNC_ENABLED: 'true', OUTBOX_ENABLED: 'false' } });
    police = await officer(PROCEDURES.drivingLicence.agency);
    sup = await supervisor();
    simulator = t.hub.connectors.get(portalConnector, 'portal').simulator!;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('shows what waits, what the portal refused with its words, and when it last answered well', async () => {
    // The start's health check is the only exchange so far.
    const start = await activity('portal');
    expect(start).toMatchObject({ pending: 0, oldestPendingAt: null, refused: 0, lastRefusal: null, lastRefusalAt: null, lastFailureAt: null, lastFailureOutcome: null });

    // A reception waits for the portal until delivered.
    await receive(t, police, PROCEDURES.drivingLicence);
    const waiting = await activity('portal');
    expect(waiting.pending).toBe(1);
    expect(waiting.oldestPendingAt).not.toBeNull();
    await deliverPending();
    const delivered = await activity('portal');
    expect(delivered).toMatchObject({ pending: 0, refused: 0, lastFailureAt: null });
    expect(Date.parse(delivered.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(start.lastSuccessAt ?? '1970-01-01T00:00:00Z'));
    expect(delivered.lastSuccessAt).not.toBeNull();

    // The portal requires a field the dossier lacks: the record is refused and shows with the portal's words.
    simulator.required = ['Email'];
    await receive(t, police, PROCEDURES.drivingLicence);
    await deliverPending();
    simulator.required = [];
    const refused = await activity('portal');
    expect(refused).toMatchObject({ pending: 0, refused: 1 });
    expect(refused.lastRefusal).toContain('Email');
    expect(refused.lastRefusalAt).not.toBeNull();

    // The portal down: the change waits (retried), the failure is shown, a success stays shown (the health check may add a later one).
    simulator.down = true;
    await receive(t, police, PROCEDURES.drivingLicence);
    await deliverPending();
    simulator.down = false;
    const outage = await activity('portal');
    expect(outage).toMatchObject({ pending: 1, refused: 1, lastFailureOutcome: 'UNAVAILABLE' });
    expect(Date.parse(outage.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(delivered.lastSuccessAt!));
    expect(outage.lastFailureAt).not.toBeNull();

    // Another connector's figures are its own.
    expect(await activity('population')).toMatchObject({ pending: 0, refused: 0 });
  });

  it('is for supervisors only', async () => {
    const res = await t.gql(CONNECTORS, {}, police);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
