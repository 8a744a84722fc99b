import { testServices } from '../../tests/support/services';
import { IdentityStatus } from '../dossiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../auth';
import { Channel } from '../catalog';
import { loadCatalog } from '../catalog';
import { DossierStatus } from '../dossiers';
import { OverdueEvent } from '../dossiers';
import { createLogger } from '../shared/logger';
import { testCatalog } from '../../tests/support/catalog-fixture';
import { TestClock } from '../../tests/support/clock';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { startScheduler } from './scheduler';

describe('scheduler', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCatalog(db.database.fork(), testCatalog());
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('runs the overdue job on its cron schedule and stops cleanly', async () => {
    const clock = new TestClock('2026-11-23T09:00:00+07:00');
    await testServices(db.database.fork(), clock, ANONYMOUS).intake.intake({
      procedureCode: '3.000333',
      channel: Channel.COUNTER,
      status: DossierStatus.RECEIVED,
      applicant: { personalId: '038095001234', fullName: 'Lê Thị Hoa', identityStatus: IdentityStatus.PENDING },
      components: [{ code: 'TK' }],
      actor: { id: 'o1', name: 'Cán bộ', agencyId: null },
    });
    clock.set('2027-01-04T09:00:00+07:00');
    const scheduler = startScheduler({ enabled: true, overdueCron: '* * * * * *' }, { database: db.database, clock, logger: createLogger({ level: 'silent' }) });
    const started = Date.now();
    while ((await db.database.fork().count(OverdueEvent)) === 0 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await scheduler.stop();
    expect(await db.database.fork().count(OverdueEvent)).toBe(1);
  });
});
