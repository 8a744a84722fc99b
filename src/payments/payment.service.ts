import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { OfficeHours } from '../calendar';
import type { DocumentsConfig } from '../config';
import { DocumentService } from '../documents';
import { byDossierCode, checkDossierCode, Dossier, DossierAction, DossierMoves, DossierStatus, outstandingObligations, type DossierAccess, type MovedHook } from '../dossiers';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { PaymentRecord } from './payment.entity';
import type { PaymentPlatform } from './payment.port';
import { PaymentStatus, type FlaggedPayment, type Payment, type PaymentDayReport } from './payment.types';
import { localDayEnd, localMidnight } from '../shared/local-time';

const asPayment = (record: PaymentRecord): Payment => ({ reference: record.reference, amount: record.amount, status: record.status, checkoutUrl: record.checkoutUrl });

/**
 * A citizen pays what their dossier owes through the national payment
 * platform (PayFees): the amount outstanding, one payment at a time per
 * dossier (the dossier's row lock serialises starts; a second start while
 * one is pending gets the same reference, which the platform answers with
 * the same checkout).
 */
export class PaymentService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly platform: PaymentPlatform,
    private readonly clock: Clock,
  ) {}

  async payFees(code: string, payerIp: string): Promise<Payment> {
    const user = this.access.requireRole(Role.CITIZEN);
    const dossierCode = checkDossierCode(code, 'dossierCode');
    const { record, request } = await this.em.transactional(async (tx) => {
      const dossier = await tx.findOne(Dossier, byDossierCode(dossierCode), { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['procedure', 'receivingAgency'] });
      if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${dossierCode}.`, 'dossierCode');
      if (dossier.applicant.personalId !== user.personalId) throw new AccessError(ErrorCode.FORBIDDEN, 'Chỉ người nộp hồ sơ thanh toán cho hồ sơ của mình.');
      if ([DossierStatus.REJECTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED].includes(dossier.status)) {
        throw new UserError(ErrorCode.INVALID_TRANSITION, 'Hồ sơ đã kết thúc: không còn khoản nào để thanh toán.', 'dossierCode');
      }
      const amount = (await outstandingObligations(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0);
      if (amount === 0) throw new UserError(ErrorCode.ALREADY_PAID, 'Hồ sơ không còn khoản nào phải nộp.', 'dossierCode');
      const pending = await tx.find(PaymentRecord, { dossier, status: PaymentStatus.PENDING });
      let record = pending.find((p) => p.amount === amount);
      // A pending payment of another amount (an obligation was added since) is superseded by one of what is owed now.
      for (const stale of pending) if (stale !== record) Object.assign(stale, { status: PaymentStatus.CANCELLED, settledAt: this.clock.now(), flag: 'Thay bằng giao dịch với số tiền mới' });
      if (!record) {
        const count = await tx.count(PaymentRecord, { dossier });
        record = tx.create(PaymentRecord, { dossier, reference: `${dossier.code}-TT${count + 1}`, amount, createdAt: this.clock.now() });
      }
      return {
        record,
        request: {
          reference: record.reference,
          amount,
          description: `Nộp phí, lệ phí hồ sơ ${dossier.code}`,
          dossierCode: dossier.code,
          procedureCode: dossier.procedure.getEntity().code,
          agencyCode: dossier.receivingAgency.getEntity().code,
          payerName: dossier.applicant.fullName,
          payerIp,
          at: this.clock.now(),
        },
      };
    });
    // The call goes out once the payment is on record (never inside the transaction): the same reference again is the same checkout.
    const { checkoutUrl } = await this.platform.start(request);
    await this.em.nativeUpdate(PaymentRecord, { id: record.id }, { checkoutUrl });
    return { ...asPayment(record), checkoutUrl };
  }

  /** The flagged payments, newest first: supervisors the centre's, officers their receiving agency's. */
  async flagged(limit: number): Promise<FlaggedPayment[]> {
    const user = this.access.requireRole(Role.OFFICER, Role.SUPERVISOR);
    let receivingAgency: string | undefined;
    if (!user.roles.has(Role.SUPERVISOR)) {
      const agency = await this.access.officerAgencyId();
      if (agency === null) return [];
      receivingAgency = agency;
    }
    const records = await this.em.find(PaymentRecord, { flag: { $ne: null }, ...(receivingAgency ? { dossier: { receivingAgency } } : {}) }, { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(limit, 1), 200), populate: ['dossier'] });
    return records.map((r) => ({ ...asPayment(r), dossierCode: r.dossier.getEntity().code, flag: r.flag ?? '', transactionId: r.transactionId, createdAt: r.createdAt, settledAt: r.settledAt }));
  }

  /**
   * The day's reconciliation report per receiving agency (đối soát): paid
   * online, paid at the counter, still owed, payments flagged. Supervisors
   * for every agency (or one); officers for their own.
   */
  async dayReport(day: string, agencyCode: string | null): Promise<PaymentDayReport[]> {
    const user = this.access.requireRole(Role.OFFICER, Role.SUPERVISOR);
    let scope: string | null = null;
    if (!user.roles.has(Role.SUPERVISOR)) {
      if (agencyCode !== null && agencyCode !== user.agencyCode) throw new AccessError(ErrorCode.FORBIDDEN, 'Cán bộ chỉ xem được đối soát của cơ quan mình.');
      scope = await this.access.officerAgencyId();
      if (scope === null) throw new AccessError(ErrorCode.FORBIDDEN, 'Cơ quan của bạn không có trong danh mục.');
    }
    if (agencyCode !== null) {
      const [known] = await this.em.getConnection().execute<Array<{ n: string }>>('select count(*) n from agency where code = ?', [agencyCode]);
      if (Number(known?.n ?? 0) === 0) throw new UserError(ErrorCode.NOT_FOUND, `Không có cơ quan mã ${agencyCode} trong danh mục.`, 'agencyCode');
    }
    const start = localMidnight(day);
    const end = localDayEnd(day);
    const rows = await this.em.getConnection().execute<Array<{ code: string; name: string; online: string; counter: string; post: string; outstanding: string; flagged: string }>>(
      `select a.code, a.name,
         coalesce(sum(f.amount) filter (where f.paid and f.payment_method = 'ONLINE' and f.paid_at >= ? and f.paid_at < ?), 0) online,
         coalesce(sum(f.amount) filter (where f.paid and f.payment_method in ('CASH', 'CARD') and f.paid_at >= ? and f.paid_at < ?), 0) counter,
         coalesce(sum(f.amount) filter (where f.paid and f.payment_method = 'COD' and f.paid_at >= ? and f.paid_at < ?), 0) post,
         coalesce(sum(f.amount) filter (where not f.paid and not f.waived and f.amount > 0 and d.status not in ('REJECTED', 'WITHDRAWN', 'STOPPED', 'RETURNED')), 0) outstanding,
         (select count(*) from payment p join dossier pd on pd.id = p.dossier_id where pd.receiving_agency_id = a.id and p.flag is not null and p.created_at >= ? and p.created_at < ?) flagged
       from agency a
       left join dossier d on d.receiving_agency_id = a.id
       left join dossier_fee f on f.dossier_id = d.id
       where (?::uuid is null or a.id = ?::uuid) and (?::text is null or a.code = ?::text)
       group by a.id, a.code, a.name
       order by a.code`,
      [start, end, start, end, start, end, start, end, scope, scope, agencyCode, agencyCode],
    );
    return rows
      .map((r) => ({ agencyCode: r.code, agencyName: r.name, day, paidOnline: Number(r.online), paidAtCounter: Number(r.counter), paidByPost: Number(r.post), outstanding: Number(r.outstanding), flaggedPayments: Number(r.flagged) }))
      .filter((r) => scope !== null || agencyCode !== null || r.paidOnline + r.paidAtCounter + r.paidByPost + r.outstanding + r.flaggedPayments > 0);
  }
}

/** What the CONFIRM endpoint answers the platform, and what it did. */
export type ConfirmOutcome = 'SETTLED' | 'FAILED' | 'REPEAT' | 'REFUSED' | 'FLAGGED';

export interface ConfirmationDependencies {
  database: { fork(): EntityManager };
  platform: PaymentPlatform;
  clock: Clock;
  logger: Logger;
  officeHours: OfficeHours;
  documents: DocumentsConfig;
  /** Told of the payment's move in its transaction (the national portal's report is enqueued with it). */
  onMoved?: MovedHook;
}

/**
 * A CONFIRM from the platform, in one transaction: checked (signature,
 * partner, reference, amount, currency), idempotent (a repeat changes
 * nothing), the payment settled and the dossier's obligations paid with it
 * (RECORD_PAYMENT by the platform: a dossier waiting for payment goes back
 * to processing, its history written). Forged, altered or unknown messages
 * change nothing and are logged; a mismatched amount is flagged for
 * supervisors.
 */
export async function applyConfirmation(body: unknown, deps: ConfirmationDependencies): Promise<ConfirmOutcome> {
  const confirmation = deps.platform.confirmations.read(body);
  if (!confirmation.valid) {
    deps.logger.warn({ reason: confirmation.reason }, 'payment confirmation refused');
    return 'REFUSED';
  }
  return deps.database.fork().transactional(async (tx) => {
    const record = await tx.findOne(PaymentRecord, { reference: confirmation.reference });
    if (!record) {
      deps.logger.warn({ reference: confirmation.reference }, 'payment confirmation for an unknown reference');
      return 'REFUSED';
    }
    const dossier = await tx.findOneOrFail(Dossier, record.dossier.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    await tx.refresh(record);
    if (record.status !== PaymentStatus.PENDING) {
      deps.logger.info({ reference: record.reference, status: record.status }, 'payment confirmation repeated: nothing changed');
      return 'REPEAT';
    }
    return settle(tx, record, dossier, confirmation, deps);
  });
}

/** What the platform said of a pending payment (its CONFIRM, or its answer to QUERY). */
interface Settlement {
  paid: boolean;
  amount: number;
  currency: string;
  transactionId: string;
}

/**
 * Settles a PENDING payment, in the caller's transaction, holding the
 * dossier's lock: another amount or currency is flagged and pays nothing;
 * a failure marks it FAILED; a payment marks it PAID and, when it covers
 * what the dossier owes, records RECORD_PAYMENT by the platform.
 */
async function settle(tx: EntityManager, record: PaymentRecord, dossier: Dossier, said: Settlement, deps: ConfirmationDependencies): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  if (said.currency !== 'VND' || said.amount !== record.amount) {
    record.flag = `Số tiền hoặc loại tiền xác nhận (${said.amount} ${said.currency}) không khớp giao dịch (${record.amount} VND)`;
    deps.logger.warn({ reference: record.reference }, 'payment confirmation with another amount: flagged for supervisors');
    return 'FLAGGED';
  }
  if (!said.paid) {
    Object.assign(record, { status: PaymentStatus.FAILED, settledAt: now, transactionId: said.transactionId || null });
    return 'FAILED';
  }
  Object.assign(record, { status: PaymentStatus.PAID, settledAt: now, transactionId: said.transactionId });
  const owed = (await outstandingObligations(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0);
  if (owed === record.amount) {
    const moves = new DossierMoves(new DocumentService(tx, deps.documents), { clock: deps.clock, officeHours: deps.officeHours, ...(deps.onMoved ? { onMoved: deps.onMoved } : {}) });
    await moves.apply(tx, dossier, DossierAction.RECORD_PAYMENT, { onlinePayment: { transactionId: said.transactionId } }, {
      actor: { id: 'payment-platform', name: 'Nền tảng thanh toán', agencyId: null },
      // The platform pays at the one-stop door: it acts as the receiving counter.
      facts: { roles: new Set([Role.OFFICER]), isApplicant: false, isReceivingAgencyOfficer: true, isCurrentAgencyOfficer: false },
    });
  } else {
    record.flag = `Đã thanh toán ${record.amount} VND nhưng hồ sơ đang phải nộp ${owed} VND: cần đối soát`;
    deps.logger.warn({ reference: record.reference }, 'payment settled but the dossier now owes another amount: flagged');
  }
  return 'SETTLED';
}

/** Payments read per run of the reconciliation. */
const RECONCILE_BATCH = 100;

/**
 * The reconciliation job (issue 12): payments still PENDING some time after
 * they started are asked of the platform (QUERY, its signed answer) and
 * settled as a CONFIRM would have settled them, so a lost callback never
 * leaves a paid obligation unpaid. Each payment in its own transaction
 * under its dossier's lock; one that fails is logged and the others go on.
 * Answers how many were settled (paid or failed).
 */
export async function reconcilePayments(deps: ConfirmationDependencies & { olderThanMs: number }): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.olderThanMs);
  const pending = await deps.database.fork().find(PaymentRecord, { status: PaymentStatus.PENDING, createdAt: { $lt: before } }, { orderBy: { createdAt: 'asc' }, limit: RECONCILE_BATCH });
  let settled = 0;
  for (const candidate of pending) {
    try {
      const state = await deps.platform.query(candidate.reference);
      if (state.status !== 'PAID' && state.status !== 'FAILED') continue;
      const outcome = await deps.database.fork().transactional(async (tx) => {
        const record = await tx.findOneOrFail(PaymentRecord, candidate.id);
        const dossier = await tx.findOneOrFail(Dossier, record.dossier.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        await tx.refresh(record);
        // Its CONFIRM may have come meanwhile.
        if (record.status !== PaymentStatus.PENDING) return 'REPEAT' as const;
        return settle(tx, record, dossier, { paid: state.status === 'PAID', amount: state.amount ?? -1, currency: 'VND', transactionId: state.transactionId ?? '' }, deps);
      });
      if (outcome === 'SETTLED' || outcome === 'FAILED') settled += 1;
      deps.logger.info({ reference: candidate.reference, outcome }, 'payment reconciled');
    } catch (error) {
      deps.logger.warn({ err: error, reference: candidate.reference }, 'payment not reconciled: tried again at the next run');
    }
  }
  return settled;
}
