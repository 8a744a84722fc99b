import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentConnector, portalConnector } from '../../connectors';
import type { PaymentSimulator } from '../../connectors/payment/payment.simulator';
import { contractOperation } from '../support/operations';
import type { PortalSimulator } from '../../connectors/portal/portal.simulator';
import { OutboxMessage, OutboxStatus } from '../../src/outbox';
import { PORTAL_SYNC_TOPIC } from '../../src/portal';
import { TestClock } from '../support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { citizen, CITIZEN_ID, officer, supervisor } from '../support/tokens';

const SYNC = `query Sync($code: String!) { dossier(code: $code) { status portalSync { reportedMoves lastSyncedAt lastError lastErrorAt } history { action } } }`;
interface SyncAnswer {
  dossier: {
    status: string;
    portalSync: { reportedMoves: number; lastSyncedAt: string | null; lastError: string | null; lastErrorAt: string | null } | null;
    history: Array<{ action: string }>;
  };
}

/**
 * Issue 14, part 3: every dossier created and every move enqueues its
 * report to the national portal in the same transaction (the outbox); a
 * delivery sends the dossier as it is then and the moves the portal lacks,
 * so the portal sees each move once, in order, whatever order the messages
 * go in; a refusal waits on the dead-letter list for a supervisor; an
 * outage loses nothing. Deliveries are run by hand (OUTBOX_ENABLED=false).
 */
describe('reporting dossiers to the national portal', () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let sup: Record<string, string>;
  let simulator: PortalSimulator;

  const pending = () => t.hub.database.fork().find(OutboxMessage, { topic: PORTAL_SYNC_TOPIC, status: OutboxStatus.PENDING }, { orderBy: { createdAt: 'asc' } });
  /** Delivers every pending report, newest first (the order must not matter); answers how many. */
  const deliverAll = async (): Promise<number> => {
    const messages = (await pending()).reverse();
    for (const message of messages) await t.hub.delivery.deliver(message.id).catch(() => undefined);
    return messages.length;
  };
  const sync = async (code: string) => (await t.gql<SyncAnswer>(SYNC, { code }, sup)).data!.dossier;
  const walk = async (code: string, stages: Array<[string, string, Record<string, unknown> | null]>, from = 1): Promise<number> => {
    let version = from;
    for (const [action, at, input] of stages) {
      clock.set(at);
      const moved = await transition(t, police, code, action, version, input);
      expect(moved.data?.transitionDossier.userErrors, action).toEqual([]);
      version = moved.data!.transitionDossier.dossier!.version;
    }
    return version;
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

  it('a whole life reaches the portal: every move once, in order, whatever order the reports go in', async () => {
    const { code } = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    await walk(code, [
      ['FORWARD', '2026-12-07T10:00:00+07:00', null],
      ['REQUEST_SUPPLEMENT', '2026-12-08T09:00:00+07:00', { reason: 'Ảnh chưa đúng quy cách' }],
      ['SUPPLEMENT', '2026-12-08T15:00:00+07:00', { components: [{ code: PROCEDURES.drivingLicence.components[1] }] }],
      ['COMPLETE_STEP', '2026-12-10T10:00:00+07:00', null],
      ['RETURN', '2026-12-11T09:00:00+07:00', null],
    ]);
    // Reception and each move enqueued a report with the change.
    expect(await pending()).toHaveLength(6);
    expect(await deliverAll()).toBe(6);
    const moves = simulator.progress.get(code)!;
    expect(moves.map((m) => [m.STT, m.TrangThai])).toEqual([
      ['1', '2'],
      ['2', '4'],
      ['3', '5'],
      ['4', '4'],
      ['5', '9'],
      ['6', '10'],
    ]);
    expect(simulator.dossiers.get(code)?.TrangThaiHoSo).toBe('10');
    const state = await sync(code);
    expect(state.portalSync).toMatchObject({ reportedMoves: 6, lastError: null, lastErrorAt: null });
    expect(state.portalSync?.lastSyncedAt).toBeTruthy();
    // Delivering again (a repeat) changes nothing on the portal.
    const before = simulator.versions.get(code)!.length;
    await t.hub.portal.sweep();
    expect(await deliverAll()).toBe(0);
    expect(simulator.versions.get(code)).toHaveLength(before);
  });

  it('a record the portal refuses waits on the dead-letter list with its words, shown on the dossier; fixed and replayed, it syncs', async () => {
    simulator.required = ['Email'];
    clock.set('2026-12-14T09:00:00+07:00');
    const { code } = await receive(t, police, PROCEDURES.drivingLicence);
    await deliverAll();
    const dead = await t.hub.database.fork().find(OutboxMessage, { topic: PORTAL_SYNC_TOPIC, status: OutboxStatus.DEAD });
    expect(dead).toHaveLength(1);
    expect(dead[0].lastError).toContain('Email là bắt buộc');
    expect((await sync(code)).portalSync).toMatchObject({ reportedMoves: 0, lastSyncedAt: null, lastError: expect.stringContaining('Email là bắt buộc') as unknown });
    expect(simulator.dossiers.has(code)).toBe(false);
    // The sweep leaves a refused report to the supervisor: it enqueues nothing more for it.
    expect(await t.hub.portal.sweep()).toBe(0);

    // The supervisor sees it, has it fixed (here the portal relents), and replays it.
    const list = await t.gql<{ outboxMessages: { edges: Array<{ node: { id: string; topic: string } }> } }>('{ outboxMessages(status: DEAD) { edges { node { id topic } } } }', {}, sup);
    const id = list.data!.outboxMessages.edges.find((e) => e.node.topic === PORTAL_SYNC_TOPIC)!.node.id;
    simulator.required = [];
    const replayed = await t.gql<{ replayOutboxMessage: { userErrors: unknown[] } }>('mutation($id: ID!) { replayOutboxMessage(id: $id) { userErrors { message } } }', { id }, sup);
    expect(replayed.data?.replayOutboxMessage.userErrors).toEqual([]);
    expect(await deliverAll()).toBe(1);
    expect(simulator.dossiers.get(code)?.TrangThaiHoSo).toBe('2');
    expect((await sync(code)).portalSync).toMatchObject({ reportedMoves: 1, lastError: null });
  });

  it('a portal down through many changes loses none: they arrive in order once it is back', async () => {
    clock.set('2026-12-15T09:00:00+07:00');
    const { code } = await receive(t, police, PROCEDURES.drivingLicence);
    simulator.down = true;
    try {
      await walk(code, [
        ['FORWARD', '2026-12-15T10:00:00+07:00', null],
        ['REQUEST_SUPPLEMENT', '2026-12-15T11:00:00+07:00', { reason: 'Thiếu bản sao giấy phép' }],
        ['SUPPLEMENT', '2026-12-15T14:00:00+07:00', { components: [{ code: PROCEDURES.drivingLicence.components[1] }] }],
        ['COMPLETE_STEP', '2026-12-16T10:00:00+07:00', null],
      ]);
      // One report tried while the portal is down (with its retries, short of opening the circuit): it fails and stays in line.
      const [first] = await pending();
      await expect(t.hub.delivery.deliver(first.id)).rejects.toThrow();
      expect(await pending()).toHaveLength(5);
      expect((await sync(code)).portalSync).toMatchObject({ reportedMoves: 0, lastError: expect.stringMatching(/Cổng Dịch vụ công quốc gia/) as unknown });
      expect(simulator.dossiers.has(code)).toBe(false);
    } finally {
      simulator.down = false;
    }
    expect(await deliverAll()).toBe(5);
    expect(simulator.progress.get(code)?.map((m) => m.TrangThai)).toEqual(['2', '4', '5', '4', '9']);
    expect((await sync(code)).portalSync).toMatchObject({ reportedMoves: 5, lastError: null });
  });

  it('the sweep reports moves the portal has not had when no report is on its way', async () => {
    clock.set('2026-12-16T09:00:00+07:00');
    const { code } = await receive(t, police, PROCEDURES.drivingLicence);
    await deliverAll();
    expect(await t.hub.portal.sweep()).toBe(0);
    // As if its last move had come without a report (a change with no hook, or before the portal was connected).
    await t.hub.database.fork().execute(`update dossier_portal_sync set reported_moves = 0 where dossier_id = (select id from dossier where code = ?)`, [code]);
    expect(await t.hub.portal.sweep()).toBe(1);
    expect(await deliverAll()).toBe(1);
    expect((await sync(code)).portalSync).toMatchObject({ reportedMoves: 1, lastError: null });
    expect(simulator.progress.get(code)).toHaveLength(1);
  });

  it('a payment the platform confirms is reported with its move, not left for the sweep', async () => {
    clock.set('2026-12-14T09:00:00+07:00');
    const { code } = await receive(t, police, PROCEDURES.drivingLicence);
    const version = await walk(code, [
      ['FORWARD', '2026-12-14T09:10:00+07:00', null],
      ['REQUEST_PAYMENT', '2026-12-14T09:20:00+07:00', null],
    ]);
    expect(version).toBeGreaterThan(1);
    await deliverAll();
    const payments = t.hub.connectors.get(paymentConnector, 'payment').simulator as unknown as PaymentSimulator;
    const started = await t.gql<{ payFees: { payment: { checkoutUrl: string } | null } }>(contractOperation('PayFees'), { dossierCode: code }, await citizen(CITIZEN_ID));
    await fetch(started.data!.payFees.payment!.checkoutUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
    await payments.idle();
    expect((await sync(code)).status).toBe('PROCESSING');
    // The confirmation's move enqueued its report in its own transaction.
    expect((await pending()).map((m) => m.payload.dossierId)).toHaveLength(1);
    expect(await deliverAll()).toBe(1);
    expect(simulator.dossiers.get(code)).toMatchObject({ TrangThaiHoSo: '4', DuocThanhToanTrucTuyen: '1' });
    expect(simulator.progress.get(code)!.at(-1)).toMatchObject({ TrangThai: '4', NguoiXuLy: 'Nền tảng thanh toán' });
  });
});
