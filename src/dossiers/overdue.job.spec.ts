import { testServices } from '../../tests/support/services';
import { IdentityStatus } from './dossier.entity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type User } from '../auth';
import { Channel } from '../catalog';
import { loadCatalog } from '../catalog';
import { testCatalog, TEST_AGENCIES } from '../../tests/support/catalog-fixture';
import { TestClock } from '../../tests/support/clock';
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from '../../tests/support/database';
import { DossierAction, DossierStatus } from './dossier.enums';
import { OverdueEvent } from './lifecycle.entity';
import { detectOverdue, OVERDUE_JOB_LOCK } from './overdue.job';

const officer: User = { kind: 'user', id: 'o1', name: 'Cán bộ', roles: new Set([Role.OFFICER]), agencyCode: TEST_AGENCIES.police, personalId: null };
const boss: User = { kind: 'user', id: 's1', name: 'Giám đốc', roles: new Set([Role.SUPERVISOR]), agencyCode: null, personalId: null };

describe('overdue job', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let db: TestDatabase;
  const services = (viewer: User = officer) =>
    testServices(db.database.fork(), clock, viewer);
  const events = () => db.database.fork().find(OverdueEvent, {}, { orderBy: { detectedAt: 'asc' } });

  async function receive(): Promise<string> {
    const dossier = await services().intake.intake({
      procedureCode: '3.000333',
      channel: Channel.COUNTER,
      status: DossierStatus.RECEIVED,
      applicant: { personalId: '038095001234', fullName: 'Lê Thị Hoa', identityStatus: IdentityStatus.PENDING },
      components: [{ code: 'TK' }],
      actor: { id: 'o1', name: 'Cán bộ', agencyId: null },
    });
    return dossier.code;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCatalog(db.database.fork(), testCatalog());
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('records a dossier once when its due time has passed, and never twice', async () => {
    // 10 working days from Mon 23/11 09:00 (Tue 24/11 off): Tue 8/12 09:00.
    const code = await receive();
    expect(await detectOverdue(db.database.fork(), new Date('2026-12-08T08:59:00+07:00'))).toEqual({ ran: true, recorded: 0 });
    expect(await detectOverdue(db.database.fork(), new Date('2026-12-08T09:01:00+07:00'))).toEqual({ ran: true, recorded: 1 });
    expect(await detectOverdue(db.database.fork(), new Date('2026-12-08T10:00:00+07:00'))).toEqual({ ran: true, recorded: 0 });
    const [event] = await events();
    expect(event?.dueAt.toISOString()).toBe('2026-12-08T02:00:00.000Z');
    // An apology with a new due time: overdue again later is a new event.
    clock.set('2026-12-08T10:00:00+07:00');
    const dossier = await services().dossiers.findByCode(code);
    await services(boss).lifecycle.transition({
      code,
      action: DossierAction.EXTEND,
      expectedVersion: dossier!.version,
      input: { reason: 'Chờ xác minh', newDueAt: new Date('2026-12-15T17:00:00+07:00') },
    });
    expect(await detectOverdue(db.database.fork(), new Date('2026-12-15T17:30:00+07:00'))).toEqual({ ran: true, recorded: 1 });
    expect(await events()).toHaveLength(2);
  });

  it('a dossier paused before its due time is not overdue while it waits for the applicant', async () => {
    clock.set('2026-11-23T09:00:00+07:00');
    const code = await receive();
    clock.set('2026-12-01T09:00:00+07:00');
    await services().lifecycle.transition({ code, action: DossierAction.REQUEST_SUPPLEMENT, expectedVersion: 1, input: { reason: 'Thiếu ảnh' } });
    const before = (await events()).length;
    expect((await detectOverdue(db.database.fork(), new Date('2026-12-31T09:00:00+07:00'))).recorded).toBe(0);
    expect(await events()).toHaveLength(before);
  });

  it.runIf(TEST_DB_KIND === 'postgresql')('skips while another process holds the job lock (PostgreSQL: two hub processes)', async () => {
    const holder = db.database.fork();
    await holder.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [OVERDUE_JOB_LOCK]);
      expect(await detectOverdue(db.database.fork(), new Date('2027-06-01T09:00:00+07:00'))).toEqual({ ran: false, recorded: 0 });
    });
    expect((await detectOverdue(db.database.fork(), new Date('2027-06-01T09:00:00+07:00'))).ran).toBe(true);
  });

  it('two runs at once record each overdue dossier exactly once', async () => {
    clock.set('2027-01-04T09:00:00+07:00');
    await receive();
    await receive();
    const before = (await events()).length;
    const at = new Date('2027-03-01T09:00:00+07:00');
    const runs = await Promise.all(Array.from({ length: 4 }, () => detectOverdue(db.database.fork(), at)));
    expect(runs.reduce((sum, run) => sum + run.recorded, 0)).toBe(2);
    expect(await events()).toHaveLength(before + 2);
  });
});
