import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '../../connectors';
import type { PortalSimulator } from '../../connectors/portal/portal.simulator';
import { Dossier } from '../../src/dossiers';
import type { ConnectorInstance } from '../../src/integration/connector-instances';
import { portalRecordOf, type NationalPortal } from '../../src/portal';
import { TestClock } from '../support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { CITIZEN_ID, officer } from '../support/tokens';

/**
 * Issue 14, part 2: a dossier's record and moves as the national portal
 * must have them, built from the database and sent through the hub's own
 * portal instance (its simulator checks the fields the portal requires) at
 * every stage of a whole life: each stage is accepted, and the portal ends
 * with every move, in order, once.
 */
describe('a dossier as the national portal must have it', () => {
  const clock = new TestClock('2026-12-07T09:00:00+07:00');
  let t: TestHub;
  let police: Record<string, string>;
  let portal: ConnectorInstance<NationalPortal, PortalSimulator>;

  /** Builds the record and its moves now and sends both; answers the record. */
  const report = async (code: string) => {
    const em = t.hub.database.fork();
    const { dossier, moves } = await portalRecordOf(em, await em.findOneOrFail(Dossier, { code }));
    await portal.port.syncDossier(dossier);
    for (const move of moves) await portal.port.syncProgress(move);
    return { dossier, moves };
  };

  beforeAll(async () => {
    t = await startTestHub({ clock });
    police = await officer(PROCEDURES.drivingLicence.agency);
    portal = t.hub.connectors.get(portalConnector, 'portal');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('is accepted at every stage of a whole life and ends with every move, in order, once', async () => {
    const { code } = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    const stages: Array<[string, string, Record<string, unknown> | null]> = [
      ['FORWARD', '2026-12-07T10:00:00+07:00', null],
      ['REQUEST_SUPPLEMENT', '2026-12-08T09:00:00+07:00', { reason: 'Ảnh chưa đúng quy cách' }],
      ['SUPPLEMENT', '2026-12-08T15:00:00+07:00', { components: [{ code: PROCEDURES.drivingLicence.components[1] }] }],
      [
        'COMPLETE_STEP',
        '2026-12-10T10:00:00+07:00',
        { components: [{ code: 'KQ', fileName: 'giay-phep.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7 giấy phép\n%%EOF').toString('base64') }] },
      ],
      ['RETURN', '2026-12-11T09:00:00+07:00', null],
    ];
    const seen: string[] = [(await report(code)).dossier.status];
    let version = 1;
    for (const [action, at, input] of stages) {
      clock.set(at);
      const moved = await transition(t, police, code, action, version, input);
      expect(moved.data?.transitionDossier.userErrors, action).toEqual([]);
      version = moved.data!.transitionDossier.dossier!.version;
      seen.push((await report(code)).dossier.status);
    }
    expect(seen).toEqual(['RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'PROCESSING', 'RESULT_READY', 'RETURNED']);

    const simulator = portal.simulator!;
    const kept = simulator.dossiers.get(code)!;
    expect(kept).toMatchObject({
      MaTTHC: '3.000347',
      TrangThaiHoSo: '10',
      KenhThucHien: '1',
      HinhThuc: '0',
      ChuHoSo: expect.any(String) as unknown,
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: CITIZEN_ID }],
      NgayTiepNhan: '20261207090000',
      NgayTra: '20261211090000',
      DanhSachLePhi: [expect.objectContaining({ MaPhiLePhi: 'LP01', Gia: '135000', HinhThucThu: '1' })],
      // Asked at 09:00 and brought at 15:00 on 8/12: the clock stood still four working hours, so 14/12 09:00 became 15:00.
      DanhSachHoSoBoSung: [
        expect.objectContaining({
          NoiDungBoSung: 'Ảnh chưa đúng quy cách',
          NgayBoSung: '20261208090000',
          NgayCongDanBoSung: '20261208150000',
          NgayHenTraTruoc: '20261214090000',
          NgayHenTraMoi: '20261214150000',
        }),
      ],
      DanhSachGiayToKetQua: [expect.objectContaining({ MaThanhPhanHoSo: 'KQ', TenGiayTo: 'giay-phep.pdf' })],
    });
    // One record per status it went through (a repeat adds none), and each move once, in the order of the history.
    expect(simulator.versions.get(code)?.map((v) => v.TrangThaiHoSo)).toEqual(['2', '4', '5', '4', '9', '10']);
    const moves = simulator.progress.get(code)!;
    expect(moves.map((m) => m.STT)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(moves.map((m) => m.TrangThai)).toEqual(['2', '4', '5', '4', '9', '10']);
    expect(moves[0].NoiDungXuLy).toBe('Tiếp nhận hồ sơ');
    // A move within a step carries the step's start and statutory end; one outside every step, neither.
    // Each is sent as it happens: the step's end moved by the supplement's pause shows from the move after it.
    expect(moves.map((m) => [m.NgayBatDau, m.NgayKetThucTheoQuyDinh])).toEqual([
      ['', ''],
      ['20261207100000', '20261214100000'],
      ['20261207100000', '20261214100000'],
      ['20261207100000', '20261214160000'],
      ['20261207100000', '20261214160000'],
      ['', ''],
    ]);
    expect(moves[2].NoiDungXuLy).toBe('Yêu cầu bổ sung hồ sơ: Ảnh chưa đúng quy cách');
    expect(await portal.port.lookupDossier(code)).toEqual({ code, status: 'RETURNED', nationalStatusCode: '10', progressCount: 6 });
  });

  it('a record the portal refuses says what is missing, and the portal keeps nothing of it', async () => {
    clock.set('2026-12-14T09:00:00+07:00');
    const { code } = await receive(t, police, PROCEDURES.drivingLicence);
    const em = t.hub.database.fork();
    const { dossier } = await portalRecordOf(em, await em.findOneOrFail(Dossier, { code }));
    const refused = await portal.port.syncDossier({ ...dossier, processingAgency: '' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'PortalRefusedError', portalCode: '01', message: expect.stringContaining('DonViXuLy là bắt buộc') as unknown });
    expect(portal.simulator!.dossiers.has(code)).toBe(false);
  });
});
