import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, UserError } from '../errors';
import { DossierFee, type Dossier } from './dossier.entity';
import { PaymentMethod } from './dossier.enums';

/** A payment made at the counter, as an officer records it. */
export interface CounterPayment {
  method: PaymentMethod;
  receiptNumber: string;
}

/**
 * A counter payment checked (at reception, or later with RECORD_PAYMENT):
 * cash or card with the receipt number given to the payer. An online
 * payment is recorded by the national payment platform's confirmation,
 * never typed at a counter.
 */
export function checkCounterPayment(payment: CounterPayment | null | undefined, field: string): CounterPayment {
  if (!payment) throw new UserError(ErrorCode.INVALID_INPUT, 'Ghi nhận thanh toán cần hình thức (method) và số biên lai (receiptNumber).', field);
  if (payment.method === PaymentMethod.ONLINE) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Thanh toán trực tuyến được ghi nhận qua Nền tảng thanh toán, không ghi tại quầy.', `${field}.method`);
  }
  if (payment.method === PaymentMethod.COD) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Khoản thu hộ được ghi nhận khi bưu điện báo phát thành công, không ghi tại quầy.', `${field}.method`);
  }
  const receiptNumber = payment.receiptNumber.trim();
  if (!/^[\p{L}\p{N}./-]{1,50}$/u.test(receiptNumber)) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Số biên lai gồm chữ, số và . / - (tối đa 50 ký tự).', `${field}.receiptNumber`);
  }
  return { method: payment.method, receiptNumber };
}

/** What a dossier still owes: its fees and obligations neither paid nor waived, above 0 VND. */
export function outstandingObligations(tx: EntityManager, dossier: Dossier): Promise<DossierFee[]> {
  return tx.find(DossierFee, { dossier, paid: false, waived: false, amount: { $gt: 0 } }, { orderBy: { code: 'asc' } });
}
