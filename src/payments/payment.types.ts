import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserErrorType } from '../graphql/user-error.type';

export enum PaymentStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus', description: 'Chờ / Đã thanh toán / Thất bại / Đã hoàn phí / Hủy' });

@ObjectType({ description: 'A payment through the national payment platform' })
export class Payment {
  @Field(() => String, { description: 'MaThamChieu: unique, derived from the dossier code' })
  reference!: string;

  @Field(() => Int, { description: 'VND' })
  amount!: number;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => String, { nullable: true, description: 'Where to send the payer (UrlThanhToan)' })
  checkoutUrl!: string | null;
}

@ObjectType({ description: 'A payment supervisors must look at: confirmed for another amount, or paid while the dossier owed another amount' })
export class FlaggedPayment extends Payment {
  @Field(() => String)
  dossierCode!: string;

  @Field(() => String, { description: 'Why it is flagged' })
  flag!: string;

  @Field(() => String, { nullable: true, description: "The platform's transaction (MaGiaoDich)" })
  transactionId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  settledAt!: Date | null;
}

@ObjectType()
export class PayFeesPayload {
  @Field(() => Payment, { nullable: true })
  payment!: Payment | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@ObjectType({ description: "One agency's day of payments, for accountants (đối soát): by the receiving agency of the dossiers, in VND" })
export class PaymentDayReport {
  @Field(() => String, { description: 'The receiving agency (its code)' })
  agencyCode!: string;

  @Field(() => String)
  agencyName!: string;

  @Field(() => String, { description: 'The day, the centre\'s local date (YYYY-MM-DD)' })
  day!: string;

  @Field(() => Int, { description: 'Paid online that day (confirmed by the payment platform)' })
  paidOnline!: number;

  @Field(() => Int, { description: 'Paid at the counter that day (cash or card, with receipts)' })
  paidAtCounter!: number;

  @Field(() => Int, { description: 'Collected by the post on delivering results that day (thu hộ)' })
  paidByPost!: number;

  @Field(() => Int, { description: 'Still owed now by the open dossiers the agency received' })
  outstanding!: number;

  @Field(() => Int, { description: 'Online payments started that day that a supervisor must look at (an amount that did not match)' })
  flaggedPayments!: number;
}
