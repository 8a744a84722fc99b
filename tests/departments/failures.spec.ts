import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, OutboxStatus } from '../../src/outbox';
import { transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { deliverSendings, departmentsDir, departmentSimulator, DEPARTMENT_ENV, DossierDetail, LAND, receiveAndForwardLand, type Detail } from '../support/departments';
import { officer, OTHER_CITIZEN_ID, supervisor } from '../support/tokens';

/** An applicant whose dossiers the land department refuses (the test's mapping leaves out MaHoSo for them). */
const REFUSED_APPLICANT = '038090000777';
const SYSTEMS = '{ departmentSystems { name ok breaker backlog deadLetters lastPullError } }';

/**
 * Issue 9, deliverable 6: nothing lost, nothing doubled. A department down
 * gets every dossier once it is back (each department behind its own
 * breaker); a department that refuses a dossier sends it to the dead-letter
 * list with its reason; a report on a step an officer already completed by
 * hand is recorded, not applied twice.
 */
describe('department systems that fail', () => {
  let t: TestHub;
  let dir: string;
  const headers: Record<string, Record<string, string>> = {};
  const detail = async (code: string) => (await t.gql<Detail>(DossierDetail, { code }, headers.supervisor)).data!.dossier!;
  const systems = async () => (await t.gql<{ departmentSystems: Array<{ name: string; ok: boolean; breaker: string; backlog: number; deadLetters: number; lastPullError: string | null }> }>(SYSTEMS, {}, headers.supervisor)).data!.departmentSystems;
  const pendingSendings = () => t.hub.database.fork().find(OutboxMessage, { topic: 'so-nnmt.send-dossier' }, { orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    // The land department's breaker opens after two failed calls and tries again after 300 ms; no retries inside a delivery.
    dir = departmentsDir({
      change: (name, file) => {
        if (name !== 'so-nnmt') return file;
        const send = file.send as { operation: string; request: string; reference: string };
        return {
          ...file,
          resilience: { timeoutMs: 3000, retries: 0, breakerThreshold: 2, breakerCooldownMs: 300 },
          // One applicant's dossiers go without MaHoSo, which the department refuses (its own validation).
          send: { ...send, request: `applicant.personalId = '${REFUSED_APPLICANT}' ? { 'MaGiaoDich': sendingKey, 'HoSo': { 'TenBuoc': step.name } } : (${send.request})` },
        };
      },
    });
    t = await startTestHub({ env: { ...DEPARTMENT_ENV, DEPARTMENTS_DIR: dir, HEALTH_CACHE_MS: '0' } });
    headers.land = await officer(LAND);
    headers.supervisor = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('while the land system is down, sendings wait (retried), the step says why, its breaker opens and the other department is untouched', async () => {
    const land = departmentSimulator(t, 'so-nnmt');
    land.mode = 'down';
    const codes = [await receiveAndForwardLand(t, headers.land), await receiveAndForwardLand(t, headers.land, OTHER_CITIZEN_ID), await receiveAndForwardLand(t, headers.land)];
    const [first, second, third] = await pendingSendings();
    await expect(t.hub.delivery.deliver(first.id)).rejects.toThrow(/Sở Nông nghiệp và Môi trường đang không phản hồi/);
    await expect(t.hub.delivery.deliver(second.id)).rejects.toThrow(/Sở Nông nghiệp và Môi trường đang không phản hồi/);
    // Two failures in a row: the breaker is open, the third fails at once without a call.
    await expect(t.hub.delivery.deliver(third.id)).rejects.toThrow(/^Tạm ngừng gọi so-nnmt sau nhiều lần lỗi liên tiếp/);
    const messages = await pendingSendings();
    expect(messages.map((m) => [m.status, m.attempts])).toEqual([
      [OutboxStatus.PENDING, 1],
      [OutboxStatus.PENDING, 1],
      [OutboxStatus.PENDING, 1],
    ]);
    expect(messages[2].lastError).toMatch(/circuit open/);
    const step = (await detail(codes[0])).steps[0];
    expect(step.departmentSync).toMatchObject({ system: 'so-nnmt', received: false, reference: null });
    expect(step.departmentSync?.error).toMatch(/^Hệ thống của Hệ thống một cửa điện tử Sở Nông nghiệp và Môi trường đang không phản hồi/);
    expect(land.received).toHaveLength(0);
    const [landSystem, provinceSystem] = await systems();
    expect(landSystem).toMatchObject({ name: 'so-nnmt', ok: false, breaker: 'open', backlog: 3, deadLetters: 0 });
    expect(provinceSystem).toMatchObject({ name: 'ubnd-tinh', ok: true, breaker: 'closed', backlog: 0 });
    // A pull meanwhile fails too, and says so to supervisors.
    await expect(t.hub.departments.pull('so-nnmt')).rejects.toThrow();
    expect((await systems())[0].lastPullError).toMatch(/không phản hồi|Tạm ngừng gọi so-nnmt/);
  });

  it('once it is back, every dossier reaches it exactly once, however often delivery is tried', async () => {
    const land = departmentSimulator(t, 'so-nnmt');
    land.mode = 'normal';
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await deliverSendings(t)).toBe(3);
    // The outbox runs a message again (a worker died): it is delivered already, nothing is sent.
    for (const message of await pendingSendings()) await t.hub.delivery.deliver(message.id);
    expect(land.received).toHaveLength(3);
    expect(new Set(land.received.map((r) => r.dossierCode)).size).toBe(3);
    expect((await pendingSendings()).every((m) => m.status === OutboxStatus.DELIVERED)).toBe(true);
    for (const code of new Set(land.received.map((r) => r.dossierCode))) {
      const dossier = await detail(code);
      expect(dossier.steps[0].departmentSync).toMatchObject({ received: true, error: null });
      expect(dossier.history.filter((h) => h.action === 'SEND_TO_DEPARTMENT')).toHaveLength(1);
    }
    expect((await systems())[0]).toMatchObject({ ok: true, backlog: 0 });
    await t.hub.departments.pull('so-nnmt');
    expect((await systems())[0].lastPullError).toBeNull();
  });

  it('a report on a step an officer completed by hand is recorded, not applied twice', async () => {
    const code = await receiveAndForwardLand(t, headers.land);
    await deliverSendings(t);
    const before = await detail(code);
    const completed = await transition(t, headers.land, code, 'COMPLETE_STEP', before.version, { note: 'Đã thẩm định trên giấy' });
    expect(completed.data?.transitionDossier.dossier?.status).toBe('PROCESSING');
    const byHand = await detail(code);
    expect(byHand.steps.map((s) => s.status)).toEqual(['DONE', 'IN_PROGRESS']);

    departmentSimulator(t, 'so-nnmt').finishAll();
    await t.hub.departments.pull('so-nnmt');
    const after = await detail(code);
    expect(after.status).toBe('PROCESSING');
    expect(after.steps.map((s) => s.status)).toEqual(['DONE', 'IN_PROGRESS']);
    expect(after.history.filter((h) => h.action === 'COMPLETE_STEP')).toHaveLength(1);
    expect(after.history.filter((h) => h.action === 'DEPARTMENT_REPORT')).toHaveLength(0);
    expect(after.components.filter((c) => c.kind === 'RESULT')).toHaveLength(0);
    // The department's word is kept beside the step, and its reports on record.
    expect(after.steps[0].departmentSync).toMatchObject({ status: '04', statusLabel: 'Hoàn thành' });
    const reports = await t.gql<{ departmentReports: Array<{ status: string; outcome: string; detail: string | null }> }>(
      'query ($code: String!) { departmentReports(dossierCode: $code) { status outcome detail } }',
      { code },
      headers.supervisor,
    );
    expect(reports.data?.departmentReports.map((r) => [r.status, r.outcome])).toEqual([
      ['04', 'RECORDED'],
      ['02', 'RECORDED'],
      ['01', 'RECORDED'],
    ]);
    expect(reports.data?.departmentReports[0].detail).toMatch(/đã hoàn thành trước đó/);
  });

  it('a department in maintenance (a server fault) is retried; one that refuses a dossier (a client fault) sends it to the dead-letter list with its reason, at once', async () => {
    const land = departmentSimulator(t, 'so-nnmt');
    await receiveAndForwardLand(t, headers.land);
    const [maintenance] = (await pendingSendings()).filter((m) => m.status === OutboxStatus.PENDING);
    land.mode = 'fault';
    await expect(t.hub.delivery.deliver(maintenance.id)).rejects.toThrow(/đang không phản hồi/);
    expect((await t.hub.database.fork().findOneOrFail(OutboxMessage, maintenance.id)).status).toBe(OutboxStatus.PENDING);
    land.mode = 'normal';
    await new Promise((resolve) => setTimeout(resolve, 350));
    await t.hub.delivery.deliver(maintenance.id);
    expect((await t.hub.database.fork().findOneOrFail(OutboxMessage, maintenance.id)).status).toBe(OutboxStatus.DELIVERED);

    // This applicant's dossier is mapped without MaHoSo (see beforeAll): the department refuses it as invalid.
    const code = await receiveAndForwardLand(t, headers.land, REFUSED_APPLICANT);
    const [refused] = (await pendingSendings()).filter((m) => m.status === OutboxStatus.PENDING);
    await t.hub.delivery.deliver(refused.id);
    const dead = await t.hub.database.fork().findOneOrFail(OutboxMessage, refused.id);
    expect(dead.status).toBe(OutboxStatus.DEAD);
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/từ chối yêu cầu: .*MaHoSo/);
    expect(land.received.some((r) => r.dossierCode === code)).toBe(false);
    expect((await detail(code)).steps[0].departmentSync?.error).toMatch(/từ chối yêu cầu/);
    expect((await systems())[0]).toMatchObject({ deadLetters: 1 });
  });
});
