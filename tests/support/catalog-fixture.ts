import { AgencyKind, CalendarDayKind, Channel, OnlineLevel, TimeUnit } from '../../src/catalog/catalog.enums';
import type { CatalogData, ProcedureRecord } from '../../src/catalog/catalog-data';

/** A small catalogue for tests that need exact, known data (real-looking, not the bundled one). */
export const TEST_AGENCIES = {
  justice: '000.00.12.H56',
  police: '000.00.30.H56',
  land: '000.00.15.H56',
  tax: '000.00.99.T56',
};

export function testProcedure(overrides: Partial<ProcedureRecord> & Pick<ProcedureRecord, 'code' | 'name'>): ProcedureRecord {
  return {
    formerCodes: [],
    localCode: null,
    field: { code: null, name: 'Lý lịch tư pháp' },
    agencyCode: TEST_AGENCIES.police,
    onlineLevel: OnlineLevel.FULL,
    channels: [
      {
        channel: Channel.COUNTER,
        processingTime: { amount: 10, unit: TimeUnit.WORKING_DAYS },
        fees: [{ code: 'LP01', name: 'Lệ phí', amountVnd: 200000, default: true, note: null }],
        feeText: null,
      },
    ],
    cutoffTime: null,
    components: [
      { code: 'TK', name: 'Tờ khai', required: true },
      { code: 'UQ', name: 'Văn bản ủy quyền (nếu có)', required: false },
    ],
    steps: [],
    results: [],
    legalBasis: [],
    subjects: [],
    source: 'test',
    unverified: [],
    note: null,
    ...overrides,
  };
}

export function testCatalog(): CatalogData {
  return {
    agencies: [
      { code: TEST_AGENCIES.justice, name: 'Sở Tư pháp tỉnh Thanh Hóa', shortName: 'Sở Tư pháp', kind: AgencyKind.DEPARTMENT, identifierVerified: false, source: null, note: null },
      { code: TEST_AGENCIES.police, name: 'Công an tỉnh Thanh Hóa', shortName: 'Công an tỉnh', kind: AgencyKind.POLICE, identifierVerified: false, source: null, note: null },
      { code: TEST_AGENCIES.land, name: 'Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa', shortName: 'Sở NN&MT', kind: AgencyKind.DEPARTMENT, identifierVerified: false, source: null, note: null },
      { code: TEST_AGENCIES.tax, name: 'Thuế tỉnh Thanh Hóa', shortName: 'Thuế tỉnh', kind: AgencyKind.EXTERNAL, identifierVerified: false, source: null, note: null },
    ],
    procedures: [
      testProcedure({ code: '3.000333', name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam' }),
      testProcedure({
        code: '1.012783',
        name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất',
        field: { code: 'G13-TN02', name: 'Đất đai' },
        agencyCode: TEST_AGENCIES.land,
        steps: [
          { order: 1, agencyCode: TEST_AGENCIES.land, name: 'Văn phòng đăng ký đất đai kiểm tra hồ sơ', processingTime: { amount: 3, unit: TimeUnit.WORKING_DAYS } },
          { order: 2, agencyCode: TEST_AGENCIES.tax, name: 'Cơ quan thuế xác định nghĩa vụ tài chính', processingTime: { amount: 2, unit: TimeUnit.WORKING_DAYS } },
        ],
      }),
      testProcedure({
        code: '2.000635',
        name: 'Cấp bản sao trích lục hộ tịch',
        field: { code: null, name: 'Hộ tịch' },
        agencyCode: TEST_AGENCIES.justice,
        cutoffTime: '15:00',
        channels: [{ channel: Channel.COUNTER, processingTime: { amount: 0, unit: TimeUnit.WORKING_DAYS }, fees: [], feeText: 'Miễn phí' }],
      }),
    ],
    holidays: [
      { date: '2026-11-24', kind: CalendarDayKind.HOLIDAY, name: 'Ngày Văn hóa Việt Nam', source: 'Nghị quyết 80-NQ/TW (07/01/2026), theo báo chí', confidence: 'secondary' },
    ],
  };
}
