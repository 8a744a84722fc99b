import { testServices } from '../../tests/support/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../auth';
import { Channel } from '../catalog';
import { loadCatalog } from '../catalog';
import { ErrorCode, UserError } from '../errors';
import { testCatalog, TEST_AGENCIES } from '../../tests/support/catalog-fixture';
import { TestClock } from '../../tests/support/clock';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { Dossier, IdentityStatus } from './dossier.entity';
import { DossierHistory, DossierStep } from './lifecycle.entity';
import { DossierStatus, ReturnMethod } from './dossier.enums';
import type { IntakeRequest } from './intake.service';

const clock = new TestClock('2026-11-23T09:00:00+07:00'); // a Monday; Tuesday 24/11/2026 is a holiday

function request(overrides: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    procedureCode: '3.000333',
    channel: Channel.COUNTER,
    status: DossierStatus.RECEIVED,
    applicant: { personalId: '038095001234', fullName: 'Lê Thị Hoa', identityStatus: IdentityStatus.PENDING },
    components: [{ code: 'TK', fileName: 'to-khai.pdf' }],
    actor: { id: 'officer-1', name: 'Cán bộ tiếp nhận', agencyId: null },
    ...overrides,
  };
}

describe('dossier intake', () => {
  let db: TestDatabase;
  const intake = (r: IntakeRequest) =>
    testServices(db.database.fork(), clock, ANONYMOUS).intake.intake(r);
  const failure = (r: IntakeRequest) => intake(r).then(() => undefined, (e: unknown) => e as UserError);

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCatalog(db.database.fork(), testCatalog());
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('receives at the counter: code, due time in working days over the 24/11 holiday, fees copied', async () => {
    const dossier = await intake(request());
    expect(dossier.code).toMatch(/^000\.00\.30\.H56-261123-\d{4}$/);
    expect(dossier.status).toBe(DossierStatus.RECEIVED);
    expect(dossier.receivedAt?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    // 10 working days from Mon 23/11 09:00, skipping Tue 24/11 and two weekends: Tue 8/12 09:00.
    expect(dossier.dueAt?.toISOString()).toBe('2026-12-08T02:00:00.000Z');
    const saved = await db.database.fork().findOneOrFail(Dossier, { code: dossier.code }, { populate: ['fees', 'components'] });
    expect(saved.fees.getItems().map((f) => [f.code, f.amount, f.paid])).toEqual([['LP01', 200000, false]]);
    expect(saved.components.getItems().map((c) => [c.code, c.fileName])).toEqual([['TK', 'to-khai.pdf']]);
    expect(saved.currentAgency.id).toBe(saved.receivingAgency.id);
    expect(saved.receiptDueAt).toEqual(saved.dueAt);
  });

  it('copies a liên thông procedure\'s steps, each with its agency and time, none started yet', async () => {
    const dossier = await intake(request({ procedureCode: '1.012783' }));
    const em = db.database.fork();
    const steps = await em.find(DossierStep, { dossier: dossier.id }, { orderBy: { order: 'asc' }, populate: ['agency'] });
    expect(steps.map((s) => [s.order, s.agency.getEntity().code, s.timeAmount, s.status])).toEqual([
      [1, TEST_AGENCIES.land, 3, 'PENDING'],
      [2, TEST_AGENCIES.tax, 2, 'PENDING'],
    ]);
    const history = await em.find(DossierHistory, { dossier: dossier.id });
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor])).toEqual([['RECEIVE', null, 'RECEIVED', 'Cán bộ tiếp nhận']]);
  });

  it('a procedure without steps gets one step at its own agency with its own time', async () => {
    const dossier = await intake(request());
    const steps = await db.database.fork().find(DossierStep, { dossier: dossier.id }, { populate: ['agency'] });
    expect(steps.map((s) => [s.order, s.agency.getEntity().code, s.timeAmount, s.timeUnit])).toEqual([[1, TEST_AGENCIES.police, 10, 'WORKING_DAYS']]);
  });

  it('gives an online submission a code but no receipt or due time yet', async () => {
    const dossier = await intake(request({ status: DossierStatus.SUBMITTED, channel: Channel.COUNTER }));
    expect(dossier.status).toBe(DossierStatus.SUBMITTED);
    expect(dossier.receivedAt).toBeNull();
    expect(dossier.dueAt).toBeNull();
    expect(dossier.submittedAt).not.toBeNull();
  });

  it('answers the same idempotency key with the same dossier', async () => {
    const idempotency = { scope: 'citizen:038095001234', key: 'k-1' };
    const [a, b] = await Promise.all([intake(request({ idempotency })), intake(request({ idempotency }))]);
    expect(a.code).toBe(b.code);
    expect(await db.database.fork().count(Dossier, { idempotencyKey: 'k-1' })).toBe(1);
  });

  it('gives 50 concurrent receptions of one agency 50 distinct, gapless numbers', async () => {
    const em = db.database.fork();
    const before = await em.count(Dossier, { receivingAgency: { code: TEST_AGENCIES.justice } });
    const dossiers = await Promise.all(
      Array.from({ length: 50 }, () => intake(request({ procedureCode: '2.000635', receivingAgencyCode: TEST_AGENCIES.justice, components: [{ code: 'TK' }] }))),
    );
    const numbers = dossiers.map((d) => Number(d.code.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => before + i + 1));
  });

  it.each([
    ['an unknown procedure', request({ procedureCode: '9.999999' }), ErrorCode.NOT_FOUND, 'procedureCode'],
    ['a malformed procedure code', request({ procedureCode: 'abc' }), ErrorCode.INVALID_INPUT, 'procedureCode'],
    ['a personal id of 11 digits', request({ applicant: { personalId: '03809500123', fullName: 'A', identityStatus: IdentityStatus.PENDING } }), ErrorCode.INVALID_INPUT, 'applicant.personalId'],
    ['an empty name', request({ applicant: { personalId: '038095001234', fullName: '  ', identityStatus: IdentityStatus.PENDING } }), ErrorCode.INVALID_INPUT, 'applicant.fullName'],
    ['a missing required component', request({ components: [{ code: 'UQ' }] }), ErrorCode.MISSING_COMPONENT, 'components'],
    ['an unknown component', request({ components: [{ code: 'TK' }, { code: 'XX' }] }), ErrorCode.INVALID_INPUT, 'components[1].code'],
    ['a component twice', request({ components: [{ code: 'TK' }, { code: 'TK' }] }), ErrorCode.INVALID_INPUT, 'components[1].code'],
    ['post without an address', request({ returnMethod: ReturnMethod.POST }), ErrorCode.INVALID_INPUT, 'deliveryAddress'],
    ['post without a phone to call', request({ returnMethod: ReturnMethod.POST, deliveryAddress: '12 Lê Lợi, phường Hạc Thành, Thanh Hóa' }), ErrorCode.INVALID_INPUT, 'applicant.phone'],
    ['a channel the procedure lacks', request({ channel: Channel.ONLINE }), ErrorCode.INVALID_INPUT, 'channel'],
    ['an unknown receiving agency', request({ receivingAgencyCode: '000.00.77.H56' }), ErrorCode.NOT_FOUND, 'receivingAgencyCode'],
  ])('refuses %s and saves nothing', async (_label, bad, code, field) => {
    const before = await db.database.fork().count(Dossier);
    const error = await failure(bad);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code, field });
    expect(await db.database.fork().count(Dossier)).toBe(before);
  });
});
