import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { OfficeHours } from '../calendar';
import type { DocumentsConfig } from '../config';
import { DocumentService } from '../documents';
import { checkDossierCode, Dossier, DossierAction, DossierFee, DossierMoves, DossierStatus, type DossierAccess } from '../dossiers';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { PaymentRecord } from './payment.entity';
import type { PaymentPlatform } from './payment.port';
import { PaymentStatus, type Payment } from './payment.types';

/** Outstanding: neither paid nor waived, above 0 VND. */
const outstandingOf = (tx: EntityManager, dossier: Dossier) => tx.find(DossierFee, { dossier, paid: false, waived: false, amount: { $gt: 0 } });

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
      const dossier = await tx.findOne(Dossier, { code: dossierCode }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['procedure', 'receivingAgency'] });
      if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${dossierCode}.`, 'dossierCode');
      if (dossier.applicant.personalId !== user.personalId) throw new AccessError(ErrorCode.FORBIDDEN, 'Chỉ người nộp hồ sơ thanh toán cho hồ sơ của mình.');
      if ([DossierStatus.REJECTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED].includes(dossier.status)) {
        throw new UserError(ErrorCode.INVALID_TRANSITION, 'Hồ sơ đã kết thúc: không còn khoản nào để thanh toán.', 'dossierCode');
      }
      const amount = (await outstandingOf(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0);
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
    const now = deps.clock.now();
    if (confirmation.currency !== 'VND' || confirmation.amount !== record.amount) {
      record.flag = `Số tiền hoặc loại tiền xác nhận (${confirmation.amount} ${confirmation.currency}) không khớp giao dịch (${record.amount} VND)`;
      deps.logger.warn({ reference: record.reference }, 'payment confirmation with another amount: flagged for supervisors');
      return 'FLAGGED';
    }
    if (!confirmation.paid) {
      Object.assign(record, { status: PaymentStatus.FAILED, settledAt: now, transactionId: confirmation.transactionId || null });
      return 'FAILED';
    }
    Object.assign(record, { status: PaymentStatus.PAID, settledAt: now, transactionId: confirmation.transactionId });
    const owed = (await outstandingOf(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0);
    if (owed === record.amount) {
      const moves = new DossierMoves(new DocumentService(tx, deps.documents), { clock: deps.clock, officeHours: deps.officeHours });
      await moves.apply(tx, dossier, DossierAction.RECORD_PAYMENT, { onlinePayment: { transactionId: confirmation.transactionId } }, {
        actor: { id: 'payment-platform', name: 'Nền tảng thanh toán', agencyId: null },
        // The platform pays at the one-stop door: it acts as the receiving counter.
        facts: { roles: new Set([Role.OFFICER]), isApplicant: false, isReceivingAgencyOfficer: true, isCurrentAgencyOfficer: false },
      });
    } else {
      record.flag = `Đã thanh toán ${record.amount} VND nhưng hồ sơ đang phải nộp ${owed} VND: cần đối soát`;
      deps.logger.warn({ reference: record.reference }, 'payment settled but the dossier now owes another amount: flagged');
    }
    return 'SETTLED';
  });
}
