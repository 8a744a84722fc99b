// The README's screenshots of the hall screens (docs/screens/*.png), on a hub with a morning's worth of dossiers:
// npx tsx scripts/screens-screenshots.ts   (needs Debian's chromium, as the browser tests do)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/support/browser';
import { TestClock } from '../tests/support/clock';
import { PAID_AT_COUNTER, PROCEDURES, receive, transition } from '../tests/support/flows';
import { startTestHub } from '../tests/support/hub';
import { officer, supervisor } from '../tests/support/tokens';

const CENTRE = '000.00.80.H56';
const OUT = path.resolve(__dirname, '../docs/screens');

async function main(): Promise<void> {
  const clock = new TestClock('2026-09-07T08:00:00+07:00');
  const t = await startTestHub({ clock });
  const chrome = await launchBrowser();
  try {
    const centre = await officer(CENTRE, 'Lê Thị Quầy');
    const police = await officer(PROCEDURES.drivingLicence.agency);
    const at = (iso: string) => clock.set(iso);
    const finish = async (dossier: { code: string; version: number }, when: string) => {
      const forwarded = await transition(t, centre, dossier.code, 'FORWARD', dossier.version);
      at(when);
      const version = forwarded.data?.transitionDossier.dossier?.version;
      if (version) await transition(t, police, dossier.code, 'COMPLETE_STEP', version);
    };
    // Three months of driving licences: most on time, one late each month; and land dossiers left open (overdue by now).
    for (const [index, month] of ['2026-09', '2026-10', '2026-11'].entries()) {
      for (let i = 0; i < 5 + index; i += 1) {
        at(`${month}-0${2 + i}T08:${10 + i}:00+07:00`);
        const dossier = await receive(t, centre, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
        await finish(dossier, i === 0 ? `${month}-2${i}T15:00:00+07:00` : `${month}-0${3 + i}T15:00:00+07:00`);
      }
      at(`${month}-1${index}T09:00:00+07:00`);
      await receive(t, centre, PROCEDURES.landTransfer);
      await receive(t, centre, PROCEDURES.criminalRecord);
    }
    // This morning at the counter.
    const codes: Array<{ code: string; version: number }> = [];
    for (let i = 0; i < 12; i += 1) {
      at(`2026-12-03T07:${String(30 + i * 2).padStart(2, '0')}:00+07:00`);
      const procedure = i % 3 === 0 ? PROCEDURES.landTransfer : i % 3 === 1 ? PROCEDURES.criminalRecord : PROCEDURES.drivingLicence;
      codes.push(await receive(t, centre, procedure, {}, procedure === PROCEDURES.drivingLicence ? { payment: PAID_AT_COUNTER } : {}));
    }
    for (const [index, dossier] of codes.entries()) if (index % 3 === 2) await finish(dossier, `2026-12-03T08:${String(10 + index).padStart(2, '0')}:00+07:00`);
    at('2026-12-03T09:00:00+07:00');
    mkdirSync(OUT, { recursive: true });
    const shoot = async (address: string, name: string, size: { width: number; height: number }, act?: (page: import('playwright-core').Page) => Promise<void>) => {
      const { page, context } = await chrome.page(size);
      await page.goto(`${t.url}${address}`);
      await act?.(page);
      await page.waitForTimeout(3500);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      await context.close();
    };
    await shoot(`/tra-cuu?ma=${encodeURIComponent(codes[5].code)}`, 'tra-cuu', { width: 1080, height: 1200 }, (page) => page.getByTestId('status').waitFor());
    await shoot(`/bang-trang-thai?coQuan=${CENTRE}`, 'bang-trang-thai', { width: 1920, height: 1080 }, (page) => page.getByTestId('ready').waitFor());
    const boss = await supervisor();
    await shoot('/dieu-hanh', 'dieu-hanh', { width: 1440, height: 1400 }, async (page) => {
      await page.getByLabel('Mã truy cập').fill(boss.authorization);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByTestId('kpis').waitFor();
    });
    console.log(`wrote ${OUT}/{tra-cuu,bang-trang-thai,dieu-hanh}.png`);
  } finally {
    await chrome.close();
    await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
