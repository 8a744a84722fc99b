import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { CITIZEN_ID, officer, supervisor } from '../support/tokens';
import { deliverSendings, departmentSimulator, DEPARTMENT_ENV, DossierDetail, LAND, PROVINCE, SAMPLE_PDF_BASE64, type Detail } from '../support/departments';

const ReceiveDossier = contractOperation('ReceiveDossier');
const TransitionDossier = contractOperation('TransitionDossier');

/**
 * Issue 9's "done when": a dossier of a two-step procedure (1.115505:
 * Sở NN&MT checks it, the Chairman of UBND tỉnh decides) crosses the land
 * department's polled system and the People's Committee's pushing system
 * and comes back with both results, nobody typing at a department: over
 * HTTP (GraphQL) and SOAP (the simulators, the hub's endpoint), on the
 * database of the run.
 */
describe('a dossier across two department systems, one polled and one pushing', () => {
  let t: TestHub;
  let code: string;
  const headers: Record<string, Record<string, string>> = {};
  const detail = async () => {
    const res = await t.gql<Detail>(DossierDetail, { code }, headers.supervisor);
    expect(res.errors).toBeUndefined();
    return res.data!.dossier!;
  };

  beforeAll(async () => {
    t = await startTestHub({ env: DEPARTMENT_ENV });
    headers.land = await officer(LAND, 'Trần Văn Đất');
    headers.province = await officer(PROVINCE);
    headers.supervisor = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('is received at the land counter and FORWARD sends it to the land system in the same move (outbox)', async () => {
    const received = await t.gql<{ receiveDossier: { dossier: { code: string } | null; userErrors: unknown[] } }>(
      ReceiveDossier,
      {
        input: {
          procedureCode: '1.115505',
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '482913', phone: '0912345678' },
          components: [
            { code: 'TP-H56.0000067', fileName: 'don-de-nghi.pdf', contentType: 'application/pdf', contentBase64: SAMPLE_PDF_BASE64 },
            ...['TP-H56.0000225', 'TP-H56.0000227', 'TP-H56.0000228'].map((c) => ({ code: c, fileName: `${c}.pdf` })),
          ],
        },
      },
      headers.land,
    );
    expect(received.errors).toBeUndefined();
    code = received.data!.receiveDossier.dossier!.code;
    const forwarded = await t.gql<{ transitionDossier: { dossier: { status: string } | null; userErrors: unknown[] } }>(TransitionDossier, { code, action: 'FORWARD', input: null, expectedVersion: 1 }, headers.land);
    expect(forwarded.data?.transitionDossier.userErrors).toEqual([]);
    const before = await detail();
    expect(before.steps[0]).toMatchObject({ status: 'IN_PROGRESS', departmentSync: { system: 'so-nnmt', received: false, reference: null } });
    expect(before.steps[1]).toMatchObject({ status: 'PENDING', departmentSync: null });

    expect(await deliverSendings(t)).toBe(1);
    const land = departmentSimulator(t, 'so-nnmt');
    expect(land.received).toHaveLength(1);
    const sent = land.received[0];
    expect(sent.dossierCode).toBe(code);
    const hoSo = sent.request.HoSo as Record<string, unknown>;
    expect(hoSo).toMatchObject({ MaHoSo: code, MaThuTuc: '1.115505', LePhi: '0.00', ChuHoSo: { SoGiayTo: CITIZEN_ID, DienThoai: '0912345678' } });
    // The component with a file reaches the department with its bytes; the others by name.
    const giayTo = (hoSo.DanhSachGiayTo as { GiayTo: Array<Record<string, unknown>> }).GiayTo;
    expect(giayTo).toHaveLength(4);
    expect(Buffer.from(String(giayTo[0].NoiDung), 'base64').toString('latin1')).toMatch(/^%PDF-1\.4/);

    const after = await detail();
    expect(after.steps[0].externalReference).toBe(sent.reference);
    expect(after.steps[0].departmentSync).toMatchObject({ system: 'so-nnmt', received: true, reference: sent.reference, error: null });
    expect(after.history.at(-1)).toMatchObject({ action: 'SEND_TO_DEPARTMENT', actor: 'Hệ thống một cửa điện tử Sở Nông nghiệp và Môi trường' });
  });

  it('the land system finishes; a pull completes step 1 with its result and sends step 2 to the People\'s Committee', async () => {
    departmentSimulator(t, 'so-nnmt').finishAll();
    expect(await t.hub.departments.pull('so-nnmt')).toBe(3);
    const dossier = await detail();
    expect(dossier.status).toBe('PROCESSING');
    expect(dossier.currentAgency.code).toBe(PROVINCE);
    expect(dossier.steps[0]).toMatchObject({ status: 'DONE', departmentSync: { status: '04', statusLabel: 'Hoàn thành' } });
    expect(dossier.steps[1]).toMatchObject({ status: 'IN_PROGRESS', departmentSync: { system: 'ubnd-tinh', received: false } });
    const completed = dossier.history.find((h) => h.action === 'COMPLETE_STEP');
    expect(completed).toMatchObject({ fromStatus: 'PROCESSING', toStatus: 'PROCESSING', externalStatus: '04', actor: 'Hệ thống một cửa điện tử Sở Nông nghiệp và Môi trường' });
    expect(dossier.history.filter((h) => h.action === 'DEPARTMENT_REPORT').map((h) => h.externalStatus)).toEqual(['01', '02']);
    expect(dossier.components.filter((c) => c.kind === 'RESULT')).toEqual([{ code: 'KQ1', name: 'Văn bản thẩm định của Sở Nông nghiệp và Môi trường', kind: 'RESULT', fileName: `KQ-${code}.pdf` }]);
    // A second pull finds nothing new: the cursor moved with what was applied.
    expect(await t.hub.departments.pull('so-nnmt')).toBe(0);
  });

  it('the People\'s Committee system takes it, reports to the hub\'s endpoint, and its decision makes the result ready', async () => {
    expect(await deliverSendings(t)).toBe(1);
    const province = departmentSimulator(t, 'ubnd-tinh');
    expect(province.received.map((r) => r.dossierCode)).toEqual([code]);
    province.finishAll();
    await province.idle();
    expect(province.pushes.map((p) => [p.status, p.outcome])).toEqual([
      ['10', 'DA_AP_DUNG'],
      ['30', 'DA_AP_DUNG'],
    ]);
    const dossier = await detail();
    expect(dossier.status).toBe('RESULT_READY');
    expect(dossier.currentAgency.code).toBe(LAND);
    expect(dossier.steps[1]).toMatchObject({ status: 'DONE', externalReference: province.received[0].reference, departmentSync: { status: '30', statusLabel: 'Đã ban hành quyết định' } });
    expect(dossier.history.at(-1)).toMatchObject({ action: 'COMPLETE_STEP', toStatus: 'RESULT_READY', externalStatus: '30', actor: 'Hệ thống quản lý văn bản và điều hành UBND tỉnh' });
    expect(dossier.components.filter((c) => c.kind === 'RESULT').map((c) => c.name)).toEqual(['Văn bản thẩm định của Sở Nông nghiệp và Môi trường', 'Quyết định của Chủ tịch UBND tỉnh']);
  });

  it('the land counter returns it; supervisors see both systems healthy with nothing waiting', async () => {
    const version = (await detail()).version;
    const returned = await t.gql<{ transitionDossier: { dossier: { status: string } | null; userErrors: unknown[] } }>(TransitionDossier, { code, action: 'RETURN', input: null, expectedVersion: version }, headers.land);
    expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
    const systems = await t.gql<{ departmentSystems: Array<Record<string, unknown>> }>(
      '{ departmentSystems { name agencyCode pullSchedule pushes cursor backlog deadLetters ok breaker reportsRefused lastPullOkAt } }',
      {},
      headers.supervisor,
    );
    expect(systems.errors).toBeUndefined();
    expect(systems.data?.departmentSystems).toEqual([
      expect.objectContaining({ name: 'so-nnmt', agencyCode: LAND, pullSchedule: '*/20 * * * * *', pushes: false, cursor: '3', backlog: 0, deadLetters: 0, ok: true, breaker: 'closed', reportsRefused: 0 }),
      expect.objectContaining({ name: 'ubnd-tinh', agencyCode: PROVINCE, pullSchedule: null, pushes: true, cursor: null, backlog: 0, deadLetters: 0, ok: true, breaker: 'closed', reportsRefused: 0 }),
    ]);
    const reports = await t.gql<{ departmentReports: Array<{ instance: string; status: string; outcome: string; channel: string }> }>(
      'query ($code: String!) { departmentReports(dossierCode: $code) { instance status outcome channel } }',
      { code },
      headers.land,
    );
    expect(reports.data?.departmentReports.map((r) => `${r.instance}:${r.status}:${r.channel}:${r.outcome}`).sort()).toEqual(
      ['so-nnmt:01:PULL:APPLIED', 'so-nnmt:02:PULL:APPLIED', 'so-nnmt:04:PULL:APPLIED', 'ubnd-tinh:10:PUSH:APPLIED', 'ubnd-tinh:30:PUSH:APPLIED'].sort(),
    );
  });
});
