import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentReport, DepartmentSystem, OutgoingDossier } from '../../src/departments/department.port';

/** One implementation of the port, ready to be used, and what the suite needs to drive it. */
export interface DepartmentSystemUnderTest {
  system: DepartmentSystem;
  /** Makes the department finish every dossier it holds now (the simulator's or the fake's finishAll). */
  finishAll(): void | Promise<void>;
  /** The department's own status code that means DONE (its file maps it so). */
  doneStatus: string;
  stop(): Promise<void>;
}

/** A small PDF, as an officer attaches one at the counter. */
const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

let sequence = 0;

/**
 * A dossier as the hub sends it to a department for its second step: a
 * land-use procedure received at the centre's counter, with a fee and two
 * components. Each call gets its own code and sending key (as the outbox
 * makes them); `more` changes any field.
 */
export function outgoingDossier(more: Partial<OutgoingDossier> = {}): OutgoingDossier {
  sequence += 1;
  const code = `000.00.80.H56-261201-${String(sequence).padStart(4, '0')}`;
  return {
    sendingKey: `${code}:2:${randomUUID()}`,
    code,
    step: { order: 2, name: 'Thẩm định hồ sơ đất đai', dueAt: '2026-12-08T10:00:00.000Z', startedAt: '2026-12-01T03:15:00.000Z' },
    procedure: { code: '1.004227', name: 'Đăng ký biến động quyền sử dụng đất' },
    applicant: { fullName: 'Trần Thị Bích Ngọc', personalId: '038195012345', phone: '0912345678', email: 'ngoc.tran@example.vn', address: 'Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa' },
    receivingAgency: { code: '000.00.80.H56', name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa' },
    receivedAt: '2026-12-01T02:00:00.000Z',
    dueAt: '2026-12-15T10:00:00.000Z',
    channel: 'COUNTER',
    fees: [
      { code: 'LP01', name: 'Lệ phí đăng ký biến động', amount: 50000 },
      { code: 'PTD', name: 'Phí thẩm định hồ sơ', amount: 1450000 },
    ],
    feeTotal: 1500000,
    components: [
      { code: 'TP01', name: 'Đơn đăng ký biến động đất đai', kind: 'SUBMITTED', fileName: 'don-dang-ky.pdf', contentType: 'application/pdf', sizeBytes: Buffer.from(PDF_BASE64, 'base64').length, contentBase64: PDF_BASE64 },
      { code: 'TP02', name: 'Giấy chứng nhận quyền sử dụng đất (bản gốc)', kind: 'PAPER', fileName: null, contentType: null, sizeBytes: null, contentBase64: null },
    ],
    note: 'Hồ sơ liên thông từ Trung tâm Phục vụ hành chính công.',
    ...more,
  };
}

function expectWellFormed(report: DepartmentReport): void {
  expect(report.dossierCode.trim()).not.toBe('');
  expect(report.status.trim()).not.toBe('');
  expect(report.at).toBeInstanceOf(Date);
  expect(Number.isNaN(report.at.getTime())).toBe(false);
  expect(typeof report.cursor).toBe('string');
  expect(report.cursor?.trim()).not.toBe('');
  expect(Array.isArray(report.results)).toBe(true);
}

/**
 * The contract of `DepartmentSystem` (STYLE habit 9): what every
 * implementation must do, whether it speaks SOAP to a department's
 * system, to a simulator, or keeps dossiers in memory. The factory runs
 * once before the cases and `stop` once after; every case sends dossiers
 * of its own, so the cases do not depend on one another's order.
 */
export function describeDepartmentContract(name: string, factory: () => Promise<DepartmentSystemUnderTest>): void {
  describe(`DepartmentSystem contract: ${name}`, () => {
    let subject: DepartmentSystemUnderTest | undefined;
    const under = (): DepartmentSystemUnderTest => {
      if (!subject) throw new Error('the factory did not run');
      return subject;
    };
    /** Sends a new dossier, lets the department finish it, and answers every change it reported since the beginning. */
    const sendAndFinish = async (dossier = outgoingDossier()) => {
      const sent = await under().system.send(dossier);
      await under().finishAll();
      const all = await under().system.changes(null);
      return { dossier, sent, all, mine: all.filter((r) => r.dossierCode === dossier.code) };
    };

    beforeAll(async () => {
      subject = await factory();
    });

    afterAll(async () => {
      await subject?.stop();
    });

    it('send answers the department\'s reference, not empty', async () => {
      const { reference } = await under().system.send(outgoingDossier());
      expect(typeof reference).toBe('string');
      expect(reference.trim()).not.toBe('');
    });

    it('sending the same sendingKey again answers the same reference (safe to repeat); another key, another reference', async () => {
      const dossier = outgoingDossier();
      const first = await under().system.send(dossier);
      const again = await under().system.send(dossier);
      expect(again).toEqual(first);
      const other = await under().system.send(outgoingDossier());
      expect(other.reference).not.toBe(first.reference);
    });

    it('a dossier sent twice with one key is one dossier: once finished, it has one DONE report', async () => {
      const dossier = outgoingDossier();
      await under().system.send(dossier);
      const { mine } = await sendAndFinish(dossier);
      expect(mine.filter((r) => r.status === under().doneStatus)).toHaveLength(1);
    });

    it('changes(null) after the department finished a dossier: its reports, oldest first, the last one DONE with a result document', async () => {
      const { sent, all, mine } = await sendAndFinish();
      expect(mine.length).toBeGreaterThanOrEqual(1);
      for (const report of all) expectWellFormed(report);
      // Oldest first: no report is dated before the one it follows, and no cursor repeats.
      for (let i = 1; i < all.length; i += 1) expect(all[i].at.getTime()).toBeGreaterThanOrEqual(all[i - 1].at.getTime());
      expect(new Set(all.map((r) => r.cursor)).size).toBe(all.length);

      const done = mine.at(-1);
      expect(done?.status).toBe(under().doneStatus);
      expect(mine.filter((r) => r.status === under().doneStatus)).toHaveLength(1);
      expect(done?.results.length).toBeGreaterThanOrEqual(1);
      for (const document of done?.results ?? []) {
        expect(Buffer.isBuffer(document.content)).toBe(true);
        expect(document.content.length).toBeGreaterThan(0);
        expect(document.contentType.trim()).not.toBe('');
        expect(document.fileName.trim()).not.toBe('');
        expect(document.name.trim()).not.toBe('');
      }
      // Where a report gives the department's reference, it is the one send answered.
      for (const report of mine) if (report.reference !== null) expect(report.reference).toBe(sent.reference);
    });

    it('changes(null) is safe to repeat: the same reports twice', async () => {
      const { all } = await sendAndFinish();
      await expect(under().system.changes(null)).resolves.toEqual(all);
    });

    it('changes(cursor of the first report) answers only the later ones', async () => {
      const { all } = await sendAndFinish();
      expect(all.length).toBeGreaterThanOrEqual(2);
      const later = await under().system.changes(all[0].cursor);
      expect(later).toEqual(all.slice(1));
    });

    it('changes(cursor of the last report) answers nothing', async () => {
      const { all } = await sendAndFinish();
      const last = all.at(-1);
      expect(last?.cursor).toEqual(expect.any(String));
      await expect(under().system.changes(last?.cursor ?? null)).resolves.toEqual([]);
    });

    it('ping resolves', async () => {
      await expect(under().system.ping()).resolves.toBeUndefined();
    });
  });
}
