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

@ObjectType()
export class PayFeesPayload {
  @Field(() => Payment, { nullable: true })
  payment!: Payment | null;

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}
