import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receive, PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { departmentSimulator, DEPARTMENT_ENV, DossierDetail, LAND, receiveAndForwardLand, throughLand, type Detail } from '../support/departments';
import { officer, supervisor } from '../support/tokens';

const PUSH = { username: 'ubnd-tinh-bao-cao', password: 'mat-khau-bao-cao-2026' };
const ENDPOINT = '/soap/lien-thong';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'urn:lienthong:hub:lien-thong:v1';
/** 200 kB: well above a report, below a 50 MB attack. */
const MAX_BODY = 200_000;

interface Answer {
  KetQua: string;
  ThongBao: string;
}
type Client = soap.Client & { BaoCaoTienDoAsync(args: Record<string, unknown>): Promise<[Answer]>; KiemTraKetNoiAsync(args: Record<string, unknown>): Promise<[{ TrangThai: string }]> };

/** A fault as the soap client reports it: its code (detail/MaLoi), its message and the HTTP status. */
async function faultOf(call: Promise<unknown>): Promise<{ code: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { root?: { Envelope?: { Body?: { Fault?: { faultstring?: string; detail?: { MaLoi?: string } } } } }; response?: { status?: number } };
    const fault = e.root?.Envelope?.Body?.Fault;
    return { code: fault?.detail?.MaLoi ?? 'NONE', message: fault?.faultstring ?? String(error), status: e.response?.status };
  }
  throw new Error('expected a SOAP fault');
}

const envelope = (body: string, security = '') =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:t="${NS}"><soap:Header>${security}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
const usernameToken = (u: string, p: string) =>
  `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>${u}</wsse:Username><wsse:Password>${p}</wsse:Password></wsse:UsernameToken></wsse:Security>`;

/**
 * The hub's SOAP endpoint for departments that push: who may report on
 * what, and what a report may do (issue 9, deliverables 4, 6 and 7).
 * Every refusal is a SOAP fault with a Vietnamese message and changes
 * nothing; repeats, late and out-of-order reports make at most one
 * history entry and never move a dossier backwards; hostile XML harms
 * nothing.
 */
describe("the hub's SOAP endpoint for departments", () => {
  let t: TestHub;
  let client: Client;
  let code: string;
  const headers: Record<string, Record<string, string>> = {};
  const detail = async (which = code) => (await t.gql<Detail>(DossierDetail, { code: which }, headers.supervisor)).data!.dossier!;
  /** The dossier without the steps' last-exchange times (every report, even one not applied, is an exchange). */
  const stable = async (which = code) => {
    const dossier = await detail(which);
    return { ...dossier, steps: dossier.steps.map((step) => ({ ...step, departmentSync: step.departmentSync ? { ...step.departmentSync, lastSyncAt: null } : null })) };
  };
  const report = (fields: Record<string, unknown>) => client.BaoCaoTienDoAsync({ MaBaoCao: `r-${Math.random()}`, MaHoSo: code, TrangThai: '20', ThoiDiem: new Date().toISOString(), ...fields });
  const post = (body: string) => fetch(`${t.url}${ENDPOINT}`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `${NS}#BaoCaoTienDo` }, body });

  beforeAll(async () => {
    t = await startTestHub({ env: { ...DEPARTMENT_ENV, UBND_TINH_PUSH_USERNAME: PUSH.username, UBND_TINH_PUSH_PASSWORD: PUSH.password, HTTP_MAX_BODY_BYTES: String(MAX_BODY) } });
    headers.land = await officer(LAND);
    headers.police = await officer(PROCEDURES.drivingLicence.agency);
    headers.supervisor = await supervisor();
    client = (await soap.createClientAsync(`${t.url}${ENDPOINT}?wsdl`)) as Client;
    client.setSecurity(new soap.WSSecurity(PUSH.username, PUSH.password, { passwordType: 'PasswordText', hasTimeStamp: false }));
    code = await receiveAndForwardLand(t, headers.land);
    await throughLand(t, code);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('serves its WSDL at ?wsdl with the address the caller used, and answers a health check from a department', async () => {
    const wsdl = await (await fetch(`${t.url}${ENDPOINT}?wsdl`)).text();
    expect(wsdl).toContain(`<soap:address location="${t.url}${ENDPOINT}"/>`);
    expect(wsdl).toContain('BaoCaoTienDo');
    const [answer] = await client.KiemTraKetNoiAsync({});
    expect(answer.TrangThai).toBe('OK');
  });

  it('wrong credentials, or none: SAI_XAC_THUC, and nothing changes', async () => {
    const before = await detail();
    const wrong = (await soap.createClientAsync(`${t.url}${ENDPOINT}?wsdl`)) as Client;
    wrong.setSecurity(new soap.WSSecurity(PUSH.username, 'doan-mo', { passwordType: 'PasswordText', hasTimeStamp: false }));
    const refused = await faultOf(wrong.BaoCaoTienDoAsync({ MaBaoCao: 'x1', MaHoSo: code, TrangThai: '30', ThoiDiem: new Date().toISOString() }));
    expect(refused).toMatchObject({ code: 'SAI_XAC_THUC', status: 401 });
    expect(refused.message).toMatch(/Sai tên đăng nhập hoặc mật khẩu/);
    const anonymous = (await soap.createClientAsync(`${t.url}${ENDPOINT}?wsdl`)) as Client;
    expect(await faultOf(anonymous.BaoCaoTienDoAsync({ MaBaoCao: 'x2', MaHoSo: code, TrangThai: '30', ThoiDiem: new Date().toISOString() }))).toMatchObject({ code: 'SAI_XAC_THUC' });
    // The land system's credentials are not the People's Committee's: the simulator's own are never a way in either.
    expect(await faultOf(post(envelope(`<t:BaoCaoTienDo><t:MaBaoCao>x3</t:MaBaoCao><t:MaHoSo>${code}</t:MaHoSo><t:TrangThai>30</t:TrangThai><t:ThoiDiem>2026-12-01T00:00:00Z</t:ThoiDiem></t:BaoCaoTienDo>`, usernameToken('lienthong-hub', 'simulator'))).then(async (r) => { if (!r.ok) throw Object.assign(new Error(await r.text()), { response: { status: r.status } }); }))).toMatchObject({ status: 401 });
    expect(await detail()).toEqual(before);
  });

  it('an unknown dossier is KHONG_TIM_THAY; another department\'s dossier KHONG_THUOC_DON_VI; an unmapped status TRANG_THAI_LA; a missing field YEU_CAU_KHONG_HOP_LE: nothing changes', async () => {
    const police = await receive(t, headers.police, PROCEDURES.drivingLicence);
    const before = [await stable(), await stable(police.code)];
    expect(await faultOf(report({ MaHoSo: '000.00.93.H56-261201-9999' }))).toMatchObject({ code: 'KHONG_TIM_THAY', message: 'Không tìm thấy hồ sơ 000.00.93.H56-261201-9999.' });
    const other = await faultOf(report({ MaHoSo: police.code, TrangThai: '30' }));
    expect(other.code).toBe('KHONG_THUOC_DON_VI');
    expect(other.message).toMatch(/không có bước xử lý tại Ủy ban nhân dân tỉnh Thanh Hóa/);
    expect(await faultOf(report({ TrangThai: '99' }))).toMatchObject({ code: 'TRANG_THAI_LA' });
    expect(await faultOf(client.BaoCaoTienDoAsync({ MaBaoCao: 'thieu', MaHoSo: code, ThoiDiem: new Date().toISOString() }))).toMatchObject({ code: 'YEU_CAU_KHONG_HOP_LE', message: 'Thiếu TrangThai.' });
    expect(await faultOf(report({ ThoiDiem: 'hôm qua' }))).toMatchObject({ code: 'YEU_CAU_KHONG_HOP_LE' });
    expect([await stable(), await stable(police.code)]).toEqual(before);
  });

  it('a repeat is TRUNG_LAP, a late report is recorded but not applied, and neither adds history or moves the dossier back', async () => {
    const now = Date.now();
    const [processing] = await report({ MaBaoCao: 'ubnd-20-a', TrangThai: '20', ThoiDiem: new Date(now - 60_000).toISOString() });
    expect(processing.KetQua).toBe('DA_AP_DUNG');
    const afterFirst = await stable();
    expect(afterFirst.steps[1].departmentSync).toMatchObject({ status: '20', statusLabel: 'Đang trình ký' });
    const [again] = await report({ MaBaoCao: 'ubnd-20-a', TrangThai: '20', ThoiDiem: new Date(now - 60_000).toISOString() });
    expect(again.KetQua).toBe('TRUNG_LAP');
    // Received (rank 1) after processing (rank 2): late.
    const [late] = await report({ MaBaoCao: 'ubnd-10-late', TrangThai: '10', ThoiDiem: new Date(now - 120_000).toISOString() });
    expect(late.KetQua).toBe('DA_GHI_NHAN');
    expect(late.ThongBao).toMatch(/đến muộn hoặc không theo thứ tự/);
    expect(await stable()).toEqual(afterFirst);

    const [done] = await report({ MaBaoCao: 'ubnd-30', TrangThai: '30', ThoiDiem: new Date(now).toISOString(), KetQua: [{ TenGiayTo: 'Quyết định', TenTep: 'qd.pdf', LoaiTep: 'application/pdf', NoiDung: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') }] });
    expect(done.KetQua).toBe('DA_AP_DUNG');
    const ready = await stable();
    expect(ready.status).toBe('RESULT_READY');
    // The same decision again, and a late "processing": the dossier stays ready, with one completion in its history.
    expect((await report({ MaBaoCao: 'ubnd-30', TrangThai: '30', ThoiDiem: new Date(now).toISOString() }))[0].KetQua).toBe('TRUNG_LAP');
    expect((await report({ MaBaoCao: 'ubnd-20-b', TrangThai: '20', ThoiDiem: new Date(now + 1000).toISOString() }))[0].KetQua).toBe('DA_GHI_NHAN');
    const final = await stable();
    expect(final).toEqual(ready);
    expect(final.history.filter((h) => h.action === 'COMPLETE_STEP' && h.externalStatus === '30')).toHaveLength(1);
  });

  describe('hostile messages', () => {
    const valid = (id: string) =>
      envelope(`<t:BaoCaoTienDo><t:MaBaoCao>${id}</t:MaBaoCao><t:MaHoSo>${code}</t:MaHoSo><t:TrangThai>20</t:TrangThai><t:ThoiDiem>2026-12-01T00:00:00Z</t:ThoiDiem></t:BaoCaoTienDo>`, usernameToken(PUSH.username, PUSH.password));
    const faultCode = async (response: Response) => ({ status: response.status, body: await response.text() });

    it('an external entity (XXE) is refused before any parsing: the answer holds no file content', async () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${valid('xxe').replace(/^<\?xml[^>]*\?>/, '').replace('<t:MaBaoCao>xxe', '<t:MaBaoCao>&xxe;')}`;
      const { status, body } = await faultCode(await post(xxe));
      expect(status).toBe(400);
      expect(body).toContain('<MaLoi>YEU_CAU_KHONG_HOP_LE</MaLoi>');
      expect(body).toContain('không được chứa DTD');
      expect(body).not.toMatch(/root:|daemon:/);
    });

    it('an entity-expansion bomb is refused at once, without memory growth', async () => {
      const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
      const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "ha">${levels}]>${valid('bomb').replace(/^<\?xml[^>]*\?>/, '').replace('<t:MaBaoCao>bomb', '<t:MaBaoCao>&l10;')}`;
      const heap = process.memoryUsage().heapUsed;
      const started = Date.now();
      const { status, body } = await faultCode(await post(bomb));
      expect(status).toBe(400);
      expect(body).toContain('<MaLoi>YEU_CAU_KHONG_HOP_LE</MaLoi>');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(50 * 1024 * 1024);
    });

    it('a body over HTTP_MAX_BODY_BYTES is refused as it arrives (413)', async () => {
      const huge = valid('huge').replace('<t:NoiDung>', '').replace('</t:TrangThai>', `</t:TrangThai><t:NoiDung>${'a'.repeat(MAX_BODY * 3)}</t:NoiDung>`);
      const { status, body } = await faultCode(await post(huge));
      expect(status, body).toBe(413);
      expect(body, body).toContain(`lớn quá ${MAX_BODY} byte`);
    });

    it.each([
      ['malformed XML', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><t:BaoCaoTienDo>`],
      ['plain text', 'xin chào'],
      ['an empty body', ''],
      ['JSON', '{"MaHoSo":"x"}'],
    ])('%s is a clear fault', async (_what, body) => {
      const answer = await faultCode(await post(body));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/<faultstring>[^<]+<\/faultstring><detail><MaLoi>YEU_CAU_KHONG_HOP_LE<\/MaLoi>/);
    });

    it('after all of them, the hub is healthy and a valid report goes through', async () => {
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      const answer = await post(valid('after-the-storm'));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toMatch(/DA_GHI_NHAN|DA_AP_DUNG/);
    });
  });

  it('the pushing simulator\'s own reports went through with the credentials the hub gave it', () => {
    const province = departmentSimulator(t, 'ubnd-tinh');
    expect(province.pushes.find((p) => p.dossierCode === code && p.status === '10')?.outcome).toBe('DA_AP_DUNG');
  });
});
