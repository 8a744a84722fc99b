import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskDossierCode } from '../../src/dossiers';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer } from '../support/tokens';

const POLICE = PROCEDURES.drivingLicence.agency;
const BOARD = `query ($agency: String!) { hallBoard(agencyCode: $agency) { agency { code } resultsReadyCount receivedToday resultsReady { maskedCode status statusLabel } received { maskedCode status } } }`;

type Board = { hallBoard: { resultsReadyCount: number; receivedToday: number; resultsReady: Array<{ maskedCode: string; status: string; statusLabel: string }>; received: Array<{ maskedCode: string }> } };

describe('a dossier code as the hall board shows it', () => {
  it('hides the year and month and shortens the centre, keeping the day and number the holder looks for', () => {
    expect(maskDossierCode('000.00.80.H56-261203-0007')).toBe('…H56-****03-0007');
    expect(maskDossierCode('000.00.80.H56-261203-12345')).toBe('…H56-****03-12345');
    // Two days' first dossiers read apart.
    expect(maskDossierCode('000.00.80.H56-261103-0001')).not.toBe(maskDossierCode('000.00.80.H56-261104-0001'));
    // Not a code of the national format (an imported one): only its end shows.
    expect(maskDossierCode('HS-ABC')).toBe('…-ABC');
  });
});

describe('the hall board over HTTP (public)', () => {
  let t: TestHub;
  let police: Record<string, string>;

  beforeAll(async () => {
    t = await startTestHub({ env: { SCREENS_ENABLED: 'false' } });
    police = await officer(POLICE);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lists results ready at the counter and the dossiers received today, masked, with no token; one going home by post is not called', async () => {
    const byCounter = await receive(t, police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
    const byPost = await receive(t, police, PROCEDURES.drivingLicence, { phone: '0912345678' }, { payment: PAID_AT_COUNTER, returnMethod: 'POST', deliveryAddress: 'Số 1 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa' });
    for (const d of [byCounter, byPost]) {
      const forwarded = await transition(t, police, d.code, 'FORWARD', d.version);
      const done = await transition(t, police, d.code, 'COMPLETE_STEP', forwarded.data!.transitionDossier.dossier!.version);
      expect(done.data?.transitionDossier.userErrors).toEqual([]);
    }
    const res = await t.gql<Board>(BOARD, { agency: POLICE });
    expect(res.errors).toBeUndefined();
    const board = res.data!.hallBoard;
    expect(board.receivedToday).toBe(2);
    expect(board.resultsReadyCount).toBe(1);
    expect(board.resultsReady).toEqual([{ maskedCode: maskDossierCode(byCounter.code), status: 'RESULT_READY', statusLabel: 'Đã có kết quả' }]);
    expect(JSON.stringify(board)).not.toContain(byCounter.code);
  });

  it('an unknown agency is NOT_FOUND', async () => {
    const res = await t.gql<Board>(BOARD, { agency: '000.00.00.X99' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('with SCREENS_ENABLED=false the pages are not served and dossiers have no lookup address', async () => {
    for (const address of ['/tra-cuu', '/bang-trang-thai', '/dieu-hanh', '/man-hinh/assets/x.js']) {
      expect((await fetch(`${t.url}${address}`)).status, address).toBe(404);
    }
    const d = await receive(t, police, PROCEDURES.drivingLicence);
    const res = await t.gql<{ dossier: { lookupUrl: string | null } }>('query ($code: String!) { dossier(code: $code) { lookupUrl } }', { code: d.code }, police);
    expect(res.data?.dossier.lookupUrl).toBeNull();
  });
});

describe('PUBLIC_URL: the address on the receipt', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { PUBLIC_URL: 'https://dichvucong.thanhhoa.gov.vn/' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("the receipt's QR code and lookupUrl open the lookup page at PUBLIC_URL", async () => {
    const police = await officer(POLICE);
    const d = await receive(t, police, PROCEDURES.drivingLicence);
    const res = await t.gql<{ dossier: { lookupUrl: string } }>('query ($code: String!) { dossier(code: $code) { lookupUrl } }', { code: d.code }, police);
    expect(res.data?.dossier.lookupUrl).toBe(`https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=${encodeURIComponent(d.code)}`);
  });
});
