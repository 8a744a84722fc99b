import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolledDepartmentSimulator, type DepartmentSimulator } from '../../connectors/department/simulators/polled.simulator';
import { SIMULATED_DEPARTMENTS_DIR } from '../../src/config';
import { receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { deliverSendings, departmentsDir, departmentSimulator, DEPARTMENT_ENV, DossierDetail, LAND, POLLED_WSDL, type Detail } from '../support/departments';
import { officer, supervisor } from '../support/tokens';

const FINANCE = '000.00.82.H56';
/** 1.115499: land (Sở NN&MT), then finance (Sở Tài chính), then land again, the People's Committee, tax, land. */
const LAND_ALLOCATION = { code: '1.115499', components: ['TP-H56.0000041', 'TP-H56.0000022', 'TP-H56.0000042', 'TP-H56.0000235'] };

/**
 * Issue 9's "a third department is connected by adding one configuration
 * file and nothing else": Sở Tài chính's system (here a stand-in started
 * by the test at an address of its own, as a real system would be) is
 * connected by a file naming its WSDL, address, credentials from the
 * environment, mappings, status codes and pull schedule. No code.
 */
describe('a third department connected by one file', () => {
  let t: TestHub;
  let dir: string;
  let finance: DepartmentSimulator;
  const headers: Record<string, Record<string, string>> = {};
  const detail = async (code: string) => (await t.gql<Detail>(DossierDetail, { code }, headers.supervisor)).data!.dossier!;

  beforeAll(async () => {
    finance = await startPolledDepartmentSimulator({ username: 'lienthong-stc', password: 'mat-khau-stc', processingMs: 3_600_000 });
    // The land department's file, as a start for the finance department's: a department with the same kind of software.
    const template = JSON.parse(readFileSync(path.join(SIMULATED_DEPARTMENTS_DIR, 'so-nnmt.json'), 'utf8')) as Record<string, unknown>;
    const file = {
      name: 'so-tai-chinh',
      agencyCode: FINANCE,
      system: 'Phần mềm một cửa Sở Tài chính',
      wsdl: POLLED_WSDL,
      url: finance.url,
      credentials: { usernameEnv: 'SO_TAI_CHINH_USERNAME', passwordEnv: 'SO_TAI_CHINH_PASSWORD' },
      send: template.send,
      pull: { ...(template.pull as Record<string, unknown>), cron: '0 */5 * * * *' },
      statuses: {
        '01': { meaning: 'RECEIVED', label: 'Đã nhận hồ sơ' },
        '02': { meaning: 'PROCESSING', label: 'Đang xem xét' },
        '04': { meaning: 'DONE', label: 'Đã có văn bản trả lời' },
      },
      health: template.health,
      resilience: { timeoutMs: 5000, retries: 1 },
    };
    dir = departmentsDir({ extra: [file] });
    t = await startTestHub({ env: { ...DEPARTMENT_ENV, DEPARTMENTS_DIR: dir, SO_TAI_CHINH_USERNAME: 'lienthong-stc', SO_TAI_CHINH_PASSWORD: 'mat-khau-stc' } });
    headers.land = await officer(LAND);
    headers.supervisor = await supervisor();
  });
  afterAll(async () => {
    await t.stop();
    await finance.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the hub lists it beside the others, healthy, pointed at its real address', async () => {
    const res = await t.gql<{ departmentSystems: Array<{ name: string; system: string; agencyCode: string; ok: boolean; pullSchedule: string | null }>; connectors: Array<{ name: string; mode: string; url: string }> }>(
      '{ departmentSystems { name system agencyCode ok pullSchedule } connectors { name mode url } }',
      {},
      headers.supervisor,
    );
    expect(res.data?.departmentSystems.map((s) => s.name)).toEqual(['so-nnmt', 'so-tai-chinh', 'ubnd-tinh']);
    expect(res.data?.departmentSystems[1]).toEqual({ name: 'so-tai-chinh', system: 'Phần mềm một cửa Sở Tài chính', agencyCode: FINANCE, ok: true, pullSchedule: '0 */5 * * * *' });
    expect(res.data?.connectors.find((c) => c.name === 'so-tai-chinh')).toEqual({ name: 'so-tai-chinh', mode: 'remote', url: finance.url });
  });

  it('a land-allocation dossier goes from the land system to the finance system and back to the land system, nobody typing', async () => {
    const { code } = await receive(t, headers.land, LAND_ALLOCATION);
    expect((await transition(t, headers.land, code, 'FORWARD', 1)).data?.transitionDossier.dossier?.status).toBe('PROCESSING');
    await deliverSendings(t);
    departmentSimulator(t, 'so-nnmt').finishAll();
    await t.hub.departments.pull('so-nnmt');

    const atFinance = await detail(code);
    expect(atFinance.currentAgency.code).toBe(FINANCE);
    expect(atFinance.steps[1]).toMatchObject({ status: 'IN_PROGRESS', departmentSync: { system: 'so-tai-chinh', received: false } });
    expect(await deliverSendings(t)).toBe(1);
    expect(finance.received.map((r) => r.dossierCode)).toEqual([code]);
    expect(Number((finance.received[0].request.HoSo as Record<string, unknown>).MaBuoc)).toBe(2);

    finance.finishAll();
    expect(await t.hub.departments.pull('so-tai-chinh')).toBe(3);
    const back = await detail(code);
    expect(back.steps.slice(0, 3).map((s) => s.status)).toEqual(['DONE', 'DONE', 'IN_PROGRESS']);
    expect(back.steps[1].departmentSync).toMatchObject({ reference: finance.received[0].reference, status: '04', statusLabel: 'Đã có văn bản trả lời' });
    expect(back.history.find((h) => h.action === 'COMPLETE_STEP' && h.externalStatus === '04' && h.actor === 'Phần mềm một cửa Sở Tài chính')).toBeDefined();
    // Step 3 is the land department's again: a new sending, with a key of its own.
    expect(await deliverSendings(t)).toBe(1);
    const land = departmentSimulator(t, 'so-nnmt');
    expect(land.received.filter((r) => r.dossierCode === code)).toHaveLength(2);
    expect((await detail(code)).steps[2].departmentSync).toMatchObject({ received: true, reference: land.received[1].reference });
  });
});
