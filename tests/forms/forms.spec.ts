import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen, CITIZEN_ID, officer, registryName, supervisor } from '../support/tokens';

/** The text of a PDF, page after page, as a reader extracts it (pdf.js, the engine of Firefox's viewer). */
async function pdfText(base64: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n').normalize('NFC');
}

const FORMS = `query Forms($code: String!) {
  dossier(code: $code) { receiptPdf refusalPdf supplementRequests { pdf } apologies { pdf } }
}`;
type Forms = { dossier: { receiptPdf: string | null; refusalPdf: string | null; supplementRequests: Array<{ pdf: string }>; apologies: Array<{ pdf: string }> } | null };

/**
 * The forms a counter prints (issue 13, item 10), as PDF in Vietnamese,
 * read back as text: the receipt, the counter refusal, a supplement request
 * and an apology with its new appointment.
 */
describe('printed forms of a dossier', () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  const h: Record<string, Record<string, string>> = {};
  const forms = async (code: string, who = h.supervisor) => (await t.gql<Forms>(FORMS, { code }, who)).data?.dossier ?? null;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    h.police = await officer(PROCEDURES.drivingLicence.agency, 'Nguyễn Thị Tiếp Nhận');
    h.supervisor = await supervisor();
    h.citizen = await citizen();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('the receipt carries the officer, the applicant, the procedure, the components, the time allowed, the appointment and where the result is returned', async () => {
    const [form, licence] = PROCEDURES.drivingLicence.components;
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence, {}, {
      components: [
        { code: form, form: 'ORIGINAL' },
        { code: licence, form: 'CERTIFIED_COPY', copies: 2 },
      ],
    });
    const text = await pdfText((await forms(code))!.receiptPdf!);
    for (const expected of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${code}`,
      'Người tiếp nhận: Nguyễn Thị Tiếp Nhận',
      registryName(CITIZEN_ID),
      CITIZEN_ID,
      PROCEDURES.drivingLicence.code,
      'Thời hạn giải quyết theo quy định: 5 ngày làm việc',
      'Hẹn trả kết quả: 09:00 14/12/2026',
      'Nơi trả kết quả: Bộ phận một cửa – Công an cấp xã tỉnh Thanh Hóa',
      'Thành phần hồ sơ đã nhận',
      'Đơn đề nghị đổi giấy phép lái xe theo mẫu – bản chính: 1 bản',
      'bản sao có chứng thực: 2 bản',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The applicant sees their own; anyone else is refused, as for every field of the dossier.
    expect((await forms(code, h.citizen))?.receiptPdf).toBeTruthy();
    expect((await t.gql(FORMS, { code }, await officer('000.00.84.H56'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a count of copies outside 1–99 and receives nothing', async () => {
    const before = (await t.gql<{ dossiers: { totalCount: number } }>('{ dossiers { totalCount } }', {}, h.police)).data?.dossiers.totalCount;
    for (const copies of [0, 100]) {
      const res = await t.gql<{ receiveDossier: { dossier: unknown; userErrors: Array<{ code: string; field: string }> } }>(
        contractOperation('ReceiveDossier'),
        {
          input: {
            procedureCode: PROCEDURES.drivingLicence.code,
            channel: 'COUNTER',
            applicant: { personalId: CITIZEN_ID, consentToken: '123456' },
            components: PROCEDURES.drivingLicence.components.map((code, i) => (i === 1 ? { code, form: 'COPY', copies } : { code })),
          },
        },
        h.police,
      );
      expect(res.data?.receiveDossier).toMatchObject({ dossier: null, userErrors: [{ code: 'INVALID_INPUT', field: 'components[1].copies' }] });
    }
    expect((await t.gql<{ dossiers: { totalCount: number } }>('{ dossiers { totalCount } }', {}, h.police)).data?.dossiers.totalCount).toBe(before);
  });

  it('a supplement request and an apology print their items, deadline and new appointment', async () => {
    const { code } = await receive(t, h.police, PROCEDURES.drivingLicence);
    await transition(t, h.police, code, 'FORWARD', 1);
    await transition(t, h.police, code, 'EXTEND', 2, { reason: 'Cần xác minh thêm', newDueAt: '2026-12-21T09:00:00+07:00' });
    await transition(t, h.police, code, 'REQUEST_SUPPLEMENT', 3, { reason: 'Ảnh không đúng quy cách', requestedItems: [{ description: 'Ảnh chân dung 3x4 nền trắng' }], supplementDueAt: '2026-12-10T17:00:00+07:00' });
    const printed = (await forms(code))!;
    const supplement = await pdfText(printed.supplementRequests[0].pdf);
    expect(supplement).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(supplement).toContain('Ảnh chân dung 3x4 nền trắng');
    expect(supplement).toContain('Thời hạn bổ sung: 17:00 10/12/2026');
    const apology = await pdfText(printed.apologies[0].pdf);
    expect(apology).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(apology).toContain('Hẹn trả mới: 09:00 21/12/2026');
    expect(printed.refusalPdf).toBeNull();
    // Brought two working hours later: the request prints the new appointment (21/12 09:00 + 2 h).
    clock.set('2026-12-07T11:00:00+07:00');
    try {
      const supplied = await transition(t, h.police, code, 'SUPPLEMENT', 4, { components: [{ code: PROCEDURES.drivingLicence.components[1] }] });
      expect(supplied.data?.transitionDossier.userErrors).toEqual([]);
      expect(await pdfText((await forms(code))!.supplementRequests[0].pdf)).toContain('Hẹn trả kết quả mới: 11:00 21/12/2026');
    } finally {
      clock.set('2026-12-07T09:00:00+07:00');
    }
  });

  it('a counter refusal prints its reasons; a dossier never received has no receipt', async () => {
    const refused = await t.gql<{ refuseDossier: { dossier: { code: string } | null } }>(
      'mutation R($input: RefuseDossierInput!) { refuseDossier(input: $input) { dossier { code } } }',
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '123456' },
          components: [],
          reasons: ['Thiếu ảnh chân dung', 'Giấy phép lái xe cũ đã hết hạn quá 12 tháng'],
        },
      },
      h.police,
    );
    const code = refused.data!.refuseDossier.dossier!.code;
    const printed = (await forms(code))!;
    expect(printed.receiptPdf).toBeNull();
    const text = await pdfText(printed.refusalPdf!);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('1. Thiếu ảnh chân dung');
    expect(text).toContain('2. Giấy phép lái xe cũ đã hết hạn quá 12 tháng');
  });
});
