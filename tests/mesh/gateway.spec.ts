import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../mesh/compose-config';
import { composeSupergraph } from '../../mesh/compose';
import { readGatewayDepartments } from '../../mesh/departments';
import { startGateway, type RunningGateway } from '../../mesh/gateway';
import { startTestHub, type TestHub } from '../support/hub';
import { DEPARTMENT_ENV, departmentSimulator, deliverSendings, LAND, receiveAndForwardLand } from '../support/departments';
import { officer } from '../support/tokens';

const LINKED = `query Linked($code: String!) {
  dossier(code: $code) {
    code
    status
    steps { order status externalReference agency { code } departmentRecord { department system reference dossierCode status statusLabel unit handledBy actualFee resultNumber finishedAt } }
  }
}`;

interface Linked {
  dossier: { code: string; steps: Array<{ order: number; externalReference: string | null; departmentRecord: Record<string, string | null> | null }> } | null;
}

describe('the gateway over the hub and the department systems', () => {
  let t: TestHub;
  let gateway: RunningGateway;
  const logged: string[] = [];
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestHub({ env: DEPARTMENT_ENV });
    headers.land = await officer(LAND);
    headers.police = await officer('000.00.91.H56');
    const departments = readGatewayDepartments(undefined, {});
    const urls = new Map(departments.map((d) => [d.name, departmentSimulator(t, d.name as 'so-nnmt').url]));
    gateway = await startGateway({
      hubUrl: `${t.url}/graphql`,
      departments,
      departmentUrls: urls,
      host: '127.0.0.1',
      port: 0,
      env: {},
      log: (level, message, detail) => logged.push(`${level} ${message} ${JSON.stringify(detail ?? {})}`),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await t?.stop();
  });

  const viaGateway = async <T>(query: string, variables: Record<string, unknown> = {}, auth: Record<string, string> = {}) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as { data?: T; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }) };
  };

  it('schema/supergraph.graphql is what npm run mesh:compose writes now', async () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8').trimEnd()).toBe((await composeSupergraph(undefined, {})).trimEnd());
  });

  it('joins a hub dossier with each department system\'s own record of it, as the department moves it on', async () => {
    const code = await receiveAndForwardLand(t, headers.land);
    await deliverSendings(t);
    const sent = await viaGateway<Linked>(LINKED, { code }, headers.land);
    expect(sent.errors).toBeUndefined();
    const [land, province] = sent.data!.dossier!.steps;
    expect(land.departmentRecord).toEqual({
      department: 'so-nnmt',
      system: 'Hệ thống một cửa điện tử Sở Nông nghiệp và Môi trường',
      reference: land.externalReference,
      dossierCode: code,
      status: '01',
      statusLabel: 'Đã tiếp nhận',
      unit: 'Phòng Đất đai',
      handledBy: 'Lê Văn Thẩm',
      actualFee: null,
      resultNumber: null,
      finishedAt: null,
    });
    // A step not sent yet has no record to read.
    expect(province.departmentRecord).toBeNull();

    departmentSimulator(t, 'so-nnmt').finishAll();
    await t.hub.departments.pull('so-nnmt');
    await deliverSendings(t);
    await departmentSimulator(t, 'ubnd-tinh').idle();
    const later = await viaGateway<Linked>(LINKED, { code }, headers.land);
    expect(later.errors).toBeUndefined();
    const [landAfter, provinceAfter] = later.data!.dossier!.steps;
    expect(landAfter.departmentRecord).toMatchObject({ status: '04', statusLabel: 'Hoàn thành', resultNumber: '0001/TĐ-SNNMT' });
    expect(landAfter.departmentRecord!.actualFee).toMatch(/^\d+\.\d{2}$/);
    // The other department, its own shape mapped by its own file: its numeric status read as its own code, labelled from the file.
    expect(provinceAfter.departmentRecord).toMatchObject({ department: 'ubnd-tinh', reference: provinceAfter.externalReference, dossierCode: code, status: '10', statusLabel: 'Đã vào sổ văn bản đến' });

    // A department's public register, read directly under Query.
    const register = await viaGateway<{ soNnmt_traCuuVanBan: { VanBan: Record<string, string> | null } }>('{ soNnmt_traCuuVanBan(SoVanBan: "0001/TĐ-SNNMT") { VanBan { SoVanBan TrichYeu TinhTrang } } }');
    expect(register.errors).toBeUndefined();
    expect(register.data?.soNnmt_traCuuVanBan.VanBan).toEqual({ SoVanBan: '0001/TĐ-SNNMT', TrichYeu: expect.stringContaining(code) as unknown, TinhTrang: 'CON_HIEU_LUC' });
  });

  it('keeps a department\'s record of a dossier behind the hub: no root field reads it, and a caller the hub refuses gets no record', async () => {
    const guessed = await viaGateway('{ soNnmt_traCuuHoSo(MaBienNhan: "NNMT-000001") { HoSo { MaHoSo } } }');
    expect(guessed.data ?? null).toBeNull();
    expect(guessed.errors?.[0]?.message).toMatch(/Cannot query field "soNnmt_traCuuHoSo"/);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).not.toMatch(/traCuuHoSo|traCuuSoDen|tiepNhanHoSoLienThong|layDanhSachThayDoi|nopHoSoTrinh/i);

    const code = await receiveAndForwardLand(t, headers.land);
    await deliverSendings(t);
    const refused = await viaGateway<Linked>(LINKED, { code }, headers.police);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(JSON.stringify(refused.data ?? null)).not.toMatch(/NNMT-|Lê Văn Thẩm/);
  });

  it('a department that is down: the hub\'s part of the answer stands, the record is a masked error naming the department', async () => {
    const code = await receiveAndForwardLand(t, headers.land);
    await deliverSendings(t);
    const simulator = departmentSimulator(t, 'so-nnmt');
    simulator.mode = 'down';
    try {
      const res = await viaGateway<Linked>(LINKED, { code }, headers.land);
      expect(res.data?.dossier?.code).toBe(code);
      expect(res.data?.dossier?.steps[0]?.departmentRecord).toBeNull();
      expect(res.errors).toEqual([{ message: 'Hệ thống của so-nnmt không trả lời.', path: ['dossier', 'steps', 0, 'departmentRecord'], extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'so-nnmt' } }]);
      expect(JSON.stringify(res)).not.toContain(simulator.url);
      expect(logged.join('\n')).toMatch(/department record not read .*HTTP 503/);
    } finally {
      simulator.mode = 'normal';
    }
  });

  it('passes the hub\'s own errors with their message and code only, and masks anything unexpected', async () => {
    const invalid = await viaGateway('{ trackDossier(code: "x") { code } }');
    expect(invalid.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', field: 'code' });
    const text = JSON.stringify(invalid);
    expect(text).not.toMatch(/serviceName|127\.0\.0\.1|stack|request|response/);
  });

  it('never answers one caller with another\'s data: identical queries in flight at once are shared only by the same token', async () => {
    // The gateway deduplicates identical upstream queries in flight (Hive Gateway's HTTP executor); its key holds the
    // forwarded Authorization header. Two officers of different agencies ask the same worklist at the same moment.
    const worklist = '{ dossiers(first: 50) { totalCount edges { node { code currentAgency { code } } } } }';
    const asLand = Array.from({ length: 15 }, () => viaGateway<{ dossiers: { edges: Array<{ node: { code: string } }> } }>(worklist, {}, headers.land));
    const asPolice = Array.from({ length: 15 }, () => viaGateway<{ dossiers: { totalCount: number } }>(worklist, {}, headers.police));
    const [land, police] = await Promise.all([Promise.all(asLand), Promise.all(asPolice)]);
    for (const res of land) expect(res.data?.dossiers.edges.length).toBeGreaterThan(0);
    for (const res of police) expect(res.data?.dossiers.totalCount).toBe(0);
  });

  it('reports health and readiness', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  });
});
