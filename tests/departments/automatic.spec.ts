import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { departmentsDir, DossierDetail, LAND, receiveAndForwardLand, type Detail } from '../support/departments';
import { CITIZEN_ID, officer, supervisor } from '../support/tokens';

/**
 * The whole way on its own: the outbox's workers send, the land
 * department's pull job runs on its schedule, the People's Committee's
 * system pushes; the test only receives, forwards, waits and returns.
 */
describe('departments with the outbox workers and the pull schedule running', () => {
  let t: TestHub;
  let dir: string;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    // Pulled every second here (the shipped file: every 20 s).
    dir = departmentsDir({ change: (name, file) => (name === 'so-nnmt' ? { ...file, pull: { ...(file.pull as Record<string, unknown>), cron: '* * * * * *' } } : file) });
    t = await startTestHub({
      env: { DEPARTMENTS_ENABLED: 'true', DEPARTMENTS_DIR: dir, JOBS_ENABLED: 'true', OUTBOX_ENABLED: 'true', OUTBOX_POLL_SECONDS: '1', SIM_DEPARTMENT_PROCESSING_MS: '300', SIM_POSTAL_DELIVERY_MS: '300' },
    });
    headers.land = await officer(LAND);
    headers.supervisor = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dossier forwarded at the counter comes back RESULT_READY with both results, then is returned', async () => {
    const code = await receiveAndForwardLand(t, headers.land);
    let dossier: NonNullable<Detail['dossier']> | null = null;
    for (let waited = 0; waited < 30_000; waited += 250) {
      dossier = (await t.gql<Detail>(DossierDetail, { code }, headers.supervisor)).data!.dossier;
      if (dossier?.status === 'RESULT_READY') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(dossier?.status).toBe('RESULT_READY');
    expect(dossier?.steps.map((s) => [s.status, s.departmentSync?.system, s.departmentSync?.received])).toEqual([
      ['DONE', 'so-nnmt', true],
      ['DONE', 'ubnd-tinh', true],
    ]);
    expect(dossier?.components.filter((c) => c.kind === 'RESULT')).toHaveLength(2);
    const returned = await transition(t, headers.land, code, 'RETURN', dossier!.version);
    expect(returned.data?.transitionDossier.dossier?.status).toBe('RETURNED');
  });

  it('a result the departments make ready goes home by post and is RETURNED by the post, untouched by hand', async () => {
    const { code } = await receive(t, headers.land, PROCEDURES.landTransfer, {}, {
      applicant: { personalId: CITIZEN_ID, consentToken: '123456', phone: '0912345678' },
      returnMethod: 'POST',
      deliveryAddress: '12 Lê Lợi, phường Hạc Thành, Thanh Hóa',
    });
    await transition(t, headers.land, code, 'FORWARD', 1);
    const SHIPPED = 'query Shipped($code: String!) { dossier(code: $code) { status shipments { kind status itemCode } history { action actor } } }';
    type Shipped = { dossier: { status: string; shipments: Array<{ kind: string; status: string; itemCode: string | null }>; history: Array<{ action: string; actor: string }> } };
    let dossier: Shipped['dossier'] | undefined;
    for (let waited = 0; waited < 30_000; waited += 250) {
      dossier = (await t.gql<Shipped>(SHIPPED, { code }, headers.supervisor)).data?.dossier;
      if (dossier?.status === 'RETURNED') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(dossier?.status).toBe('RETURNED');
    expect(dossier?.shipments).toEqual([{ kind: 'DELIVERY', status: 'DELIVERED', itemCode: expect.stringMatching(/^EL\d{9}VN$/) as unknown }]);
    expect(dossier?.history.at(-1)).toEqual({ action: 'RETURN', actor: 'Bưu điện (dịch vụ bưu chính công ích)' });
  });
});
