import { testServices } from '../../tests/support/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type User } from '../auth';
import { Channel } from '../catalog';
import { loadCatalog } from '../catalog';
import { AccessError, ErrorCode, UserError } from '../errors';
import { testCatalog, testProcedure, TEST_AGENCIES } from '../../tests/support/catalog-fixture';
import { TestClock } from '../../tests/support/clock';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { ComponentKind, Dossier, DossierComponent, IdentityStatus } from './dossier.entity';
import { DossierAction, DossierStatus, ReturnMethod } from './dossier.enums';
import { DossierHistory } from './lifecycle.entity';
import type { TransitionRequest } from './lifecycle.service';

const user = (roles: Role[], extra: Partial<User> = {}): User => ({ kind: 'user', id: roles.join('-'), name: roles.join(' '), roles: new Set(roles), agencyCode: null, personalId: null, ...extra });
const police = user([Role.OFFICER], { agencyCode: TEST_AGENCIES.police });
const applicant = user([Role.CITIZEN], { personalId: '038095001234' });
const boss = user([Role.SUPERVISOR]);

describe('transitions: failure paths change nothing', () => {
  const clock = new TestClock('2026-11-23T09:00:00+07:00');
  let db: TestDatabase;
  const services = (viewer: User) => testServices(db.database.fork(), clock, viewer);
  const move = (viewer: User, request: TransitionRequest) => services(viewer).lifecycle.transition(request);
  const failure = (viewer: User, request: TransitionRequest) => move(viewer, request).then(() => undefined, (e: unknown) => e);

  async function received(overrides: { returnMethod?: ReturnMethod; procedureCode?: string } = {}): Promise<string> {
    const dossier = await services(police).intake.intake({
      procedureCode: overrides.procedureCode ?? '3.000333',
      channel: Channel.COUNTER,
      status: DossierStatus.RECEIVED,
      applicant: { personalId: '038095001234', fullName: 'Lê Thị Hoa', phone: '0912345678', identityStatus: IdentityStatus.PENDING },
      components: [{ code: 'TK' }],
      returnMethod: overrides.returnMethod ?? ReturnMethod.COUNTER,
      deliveryAddress: overrides.returnMethod === ReturnMethod.POST ? '12 Lê Lợi, phường Hạc Thành, Thanh Hóa' : null,
      actor: { id: 'o', name: 'o', agencyId: null },
    });
    return dossier.code;
  }

  async function snapshot(code: string) {
    const em = db.database.fork();
    const dossier = await em.findOneOrFail(Dossier, { code });
    return { status: dossier.status, version: dossier.version, dueAt: dossier.dueAt?.toISOString(), history: await em.count(DossierHistory, { dossier }) };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const catalog = testCatalog();
    catalog.procedures!.push(testProcedure({ code: '1.000001', name: 'Thủ tục miễn phí', channels: [{ channel: Channel.COUNTER, processingTime: { amount: 3, unit: 'WORKING_DAYS' as never }, fees: [], feeText: null }] }));
    await loadCatalog(db.database.fork(), catalog);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it.each<[string, (code: string) => [User, TransitionRequest], string]>([
    ['a stale version', (code) => [police, { code, action: DossierAction.FORWARD, expectedVersion: 7 }], ErrorCode.STALE_VERSION],
    ['a wrong status', (code) => [police, { code, action: DossierAction.ACCEPT, expectedVersion: 1 }], ErrorCode.INVALID_TRANSITION],
    ['COMPLETE_STEP before FORWARD', (code) => [police, { code, action: DossierAction.COMPLETE_STEP, expectedVersion: 1 }], ErrorCode.INVALID_TRANSITION],
    ['a missing reason', (code) => [police, { code, action: DossierAction.REQUEST_SUPPLEMENT, expectedVersion: 1, input: { reason: ' ' } }], ErrorCode.INVALID_INPUT],
    ['EXTEND without a new due time', (code) => [boss, { code, action: DossierAction.EXTEND, expectedVersion: 1, input: { reason: 'Chậm' } }], ErrorCode.INVALID_INPUT],
    ['EXTEND to an earlier time', (code) => [boss, { code, action: DossierAction.EXTEND, expectedVersion: 1, input: { reason: 'Chậm', newDueAt: new Date('2026-11-24T09:00:00+07:00') } }], ErrorCode.INVALID_INPUT],
    ['a malformed code', () => [police, { code: 'abc', action: DossierAction.FORWARD, expectedVersion: 1 }], ErrorCode.INVALID_INPUT],
    ['an unknown code', () => [police, { code: '000.00.30.H56-261123-9999', action: DossierAction.FORWARD, expectedVersion: 1 }], ErrorCode.NOT_FOUND],
  ])('%s is refused as a user error', async (_label, build, code) => {
    const dossierCode = await received();
    const before = await snapshot(dossierCode);
    const [viewer, request] = build(dossierCode);
    const error = await failure(viewer, request);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe(code);
    expect(await snapshot(dossierCode)).toEqual(before);
  });

  it.each<[string, User, DossierAction, ErrorCode]>([
    ['a citizen forwarding', applicant, DossierAction.FORWARD, ErrorCode.FORBIDDEN],
    ['another citizen withdrawing', user([Role.CITIZEN], { personalId: '001203004567' }), DossierAction.WITHDRAW, ErrorCode.FORBIDDEN],
    ['an officer of another agency', user([Role.OFFICER], { agencyCode: TEST_AGENCIES.land }), DossierAction.FORWARD, ErrorCode.FORBIDDEN],
    ['an officer whose agency is not in the catalogue', user([Role.OFFICER], { agencyCode: '000.00.77.H56' }), DossierAction.FORWARD, ErrorCode.FORBIDDEN],
  ])('%s is FORBIDDEN and changes nothing', async (_label, viewer, action, code) => {
    const dossierCode = await received();
    const before = await snapshot(dossierCode);
    const error = await failure(viewer, { code: dossierCode, action, expectedVersion: 1 });
    expect(error).toBeInstanceOf(AccessError);
    expect((error as AccessError).code).toBe(code);
    expect(await snapshot(dossierCode)).toEqual(before);
  });

  it('REQUEST_PAYMENT needs an unpaid fee', async () => {
    const code = await received({ procedureCode: '1.000001' });
    const forwarded = await move(police, { code, action: DossierAction.FORWARD, expectedVersion: 1 });
    const error = await failure(police, { code, action: DossierAction.REQUEST_PAYMENT, expectedVersion: forwarded.version });
    expect(error).toMatchObject({ code: ErrorCode.INVALID_INPUT });
    const withFee = await received();
    const v = (await move(police, { code: withFee, action: DossierAction.FORWARD, expectedVersion: 1 })).version;
    const waiting = await move(police, { code: withFee, action: DossierAction.REQUEST_PAYMENT, expectedVersion: v });
    expect(waiting.status).toBe(DossierStatus.AWAITING_PAYMENT);
    expect(waiting.pausedAt).not.toBeNull();
  });

  it('SUPPLEMENT needs documents, of the procedure\'s components', async () => {
    const code = await received();
    const asked = await move(police, { code, action: DossierAction.REQUEST_SUPPLEMENT, expectedVersion: 1, input: { reason: 'Thiếu tờ khai' } });
    expect(await failure(applicant, { code, action: DossierAction.SUPPLEMENT, expectedVersion: asked.version })).toMatchObject({ code: ErrorCode.MISSING_COMPONENT });
    expect(await failure(applicant, { code, action: DossierAction.SUPPLEMENT, expectedVersion: asked.version, input: { components: [{ code: 'NOPE' }] } })).toMatchObject({
      code: ErrorCode.INVALID_INPUT,
      field: 'input.components[0].code',
    });
    const back = await move(applicant, { code, action: DossierAction.SUPPLEMENT, expectedVersion: asked.version, input: { components: [{ code: 'UQ', fileName: 'uy-quyen.pdf' }] } });
    expect(back.status).toBe(DossierStatus.PROCESSING);
  });

  it('a supplement uploads its document; bad base64 is refused and changes nothing', async () => {
    const code = await received();
    const asked = await move(police, { code, action: DossierAction.REQUEST_SUPPLEMENT, expectedVersion: 1, input: { reason: 'Thiếu tờ khai' } });
    const bad = await failure(applicant, { code, action: DossierAction.SUPPLEMENT, expectedVersion: asked.version, input: { components: [{ code: 'TK', contentType: 'application/pdf', contentBase64: 'not base64!' }] } });
    expect(bad).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'input.components[0].contentBase64' });
    expect((await snapshot(code)).status).toBe(DossierStatus.SUPPLEMENT_REQUESTED);
    const pdf = Buffer.from('%PDF-1.7 tờ khai bổ sung\n%%EOF').toString('base64');
    const back = await move(applicant, { code, action: DossierAction.SUPPLEMENT, expectedVersion: asked.version, input: { components: [{ code: 'TK', contentType: 'application/pdf', contentBase64: pdf }] } });
    expect(back.status).toBe(DossierStatus.PROCESSING);
    const components = await db.database.fork().find(DossierComponent, { dossier: back.id, kind: ComponentKind.SUPPLEMENT });
    expect(components).toHaveLength(1);
    expect(components[0]?.documentId).not.toBeNull();
  });

  it('RETURN at the counter is refused for a result going by post', async () => {
    const code = await received({ returnMethod: ReturnMethod.POST });
    let version = (await move(police, { code, action: DossierAction.FORWARD, expectedVersion: 1 })).version;
    version = (await move(police, { code, action: DossierAction.COMPLETE_STEP, expectedVersion: version })).version;
    expect(await failure(police, { code, action: DossierAction.RETURN, expectedVersion: version })).toMatchObject({ code: ErrorCode.INVALID_TRANSITION });
  });

  it('a citizen withdraws their own dossier; it is finished', async () => {
    const code = await received();
    const withdrawn = await move(applicant, { code, action: DossierAction.WITHDRAW, expectedVersion: 1, input: { note: 'Không còn nhu cầu' } });
    expect(withdrawn.status).toBe(DossierStatus.WITHDRAWN);
    expect(withdrawn.finishedAt).not.toBeNull();
  });

  it('an online submission is accepted with a due time, or rejected with a reason', async () => {
    const submit = () =>
      services(applicant).reception.submit({ procedureCode: '3.000333', components: [{ code: 'TK' }] }).catch((e: unknown) => e);
    // The test catalogue's 3.000333 has no ONLINE channel.
    expect(await submit()).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'channel' });
    const catalog = testCatalog();
    catalog.procedures = [testProcedure({ code: '3.000333', name: 'Cấp Phiếu lý lịch tư pháp', channels: [{ channel: Channel.ONLINE, processingTime: { amount: 10, unit: 'WORKING_DAYS' as never }, fees: [], feeText: null }] })];
    await loadCatalog(db.database.fork(), catalog);
    const first = (await submit()) as Dossier;
    expect(first.status).toBe(DossierStatus.SUBMITTED);
    expect(first.dueAt).toBeNull();
    clock.set('2026-11-25T10:00:00+07:00');
    const accepted = await move(police, { code: first.code, action: DossierAction.ACCEPT, expectedVersion: 1 });
    expect(accepted.receivedAt?.toISOString()).toBe('2026-11-25T03:00:00.000Z');
    expect(accepted.dueAt?.toISOString()).toBe('2026-12-09T03:00:00.000Z');
    const second = (await submit()) as Dossier;
    expect(await failure(police, { code: second.code, action: DossierAction.REJECT, expectedVersion: 1 })).toMatchObject({ code: ErrorCode.INVALID_INPUT });
    const rejected = await move(police, { code: second.code, action: DossierAction.REJECT, expectedVersion: 1, input: { reason: 'Hồ sơ không thuộc thẩm quyền' } });
    expect(rejected).toMatchObject({ status: DossierStatus.REJECTED });
    expect(rejected.finishedAt).not.toBeNull();
  });
});
