import { Field, ID, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { Channel } from '../catalog';
import { ConnectionType } from '../graphql/pagination';
import { UserErrorType } from '../graphql/user-error.type';
import { DocumentForm, Dossier } from './dossier.entity';
import { StepStatus } from './lifecycle.entity';
import { DossierStatus, PaymentMethod, ReturnMethod } from './dossier.enums';
export { DossierAction, SatisfactionRating } from './dossier.enums';

export const DossierConnection = ConnectionType(Dossier, 'Dossier');

/** The receipt slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
@ObjectType({ description: 'The receipt slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả)' })
export class Receipt {
  @Field(() => String, { description: 'Receipt number; the dossier code' })
  number!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, { description: 'Appointment to return the result' })
  dueAt!: Date;
}

/** The public view of a dossier for tracking by code: no personal data. */
@ObjectType({ description: 'A dossier as anyone holding its code may see it: status and dates, never personal data' })
export class DossierTracking {
  @Field(() => String)
  code!: string;

  @Field(() => DossierStatus)
  status!: DossierStatus;

  @Field(() => Int, { description: "The national portal's TrangThaiHoSo, 1-10" })
  nationalStatusCode!: number;

  @Field(() => String, { description: 'The status in the words citizens read (Vietnamese)' })
  statusLabel!: string;

  @Field(() => Date, { nullable: true })
  receivedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Boolean)
  overdue!: boolean;

  dossierId!: string;
  procedureId!: string;
  currentAgencyId!: string;
  /** What tracking read with the dossier: the code and name of its procedure and current agency. */
  known?: { procedure: { id: string; code: string; name: string }; currentAgency: { id: string; code: string; name: string } };
}

/** A step of a dossier as tracking shows it: where and when, never who. */
@ObjectType({ description: 'A step of the dossier (liên thông) as anyone holding its code may see it' })
export class TrackingStep {
  @Field(() => Int)
  order!: number;

  @Field(() => String)
  name!: string;

  @Field(() => StepStatus)
  status!: StepStatus;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  agencyId!: string;
}

/** One entry of a dossier's history as tracking shows it: what happened and where, never who nor the note. */
@ObjectType({ description: "An entry of the dossier's history as anyone holding its code may see it: what, when and at which agency; never the officer nor the note" })
export class TrackingEvent {
  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'What happened, in Vietnamese' })
  label!: string;

  @Field(() => DossierStatus, { description: 'The status after it' })
  status!: DossierStatus;

  agencyId!: string | null;
}

@InputType({ description: 'A dossier component: uploaded now (contentBase64) or a document already held for the same applicant (reuseDocumentId), never both' })
export class ComponentInput {
  @Field(() => String, { description: "The procedure's component code" })
  code!: string;

  @Field(() => String, { nullable: true })
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. application/pdf' })
  contentType?: string | null;

  @Field(() => String, { nullable: true })
  contentBase64?: string | null;

  @Field(() => ID, { nullable: true })
  reuseDocumentId?: string | null;

  @Field(() => DocumentForm, { nullable: true, description: 'How the paper was filed, for the receipt (default: ELECTRONIC for a file, else not stated)' })
  form?: DocumentForm | null;

  @Field(() => Int, { nullable: true, description: 'How many copies were received (default 1, at most 99)' })
  copies?: number | null;
}

@InputType({ description: "Online submission by a citizen; the applicant is the token's personalId" })
export class SubmitDossierInput {
  @Field(() => String)
  procedureCode!: string;

  @Field(() => [ComponentInput])
  components!: ComponentInput[];

  @Field(() => ReturnMethod, { nullable: true, defaultValue: ReturnMethod.COUNTER })
  returnMethod?: ReturnMethod | null;

  @Field(() => String, { nullable: true, description: 'Required when returnMethod is POST' })
  deliveryAddress?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key twice creates one dossier' })
  idempotencyKey?: string | null;

  @Field(() => [String], { nullable: true, description: 'Codes of the fees that depend on the case and apply (see Procedure.fees isDefault)' })
  feeCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Filing by post (channel POSTAL): the post collects the paper dossier at this address and carries it to the centre; needs phone. Unset: filed online',
  })
  pickupAddress?: string | null;
}

@InputType()
export class ApplicantInput {
  @Field(() => String, { description: '12 digits' })
  personalId!: string;

  @Field(() => String, { nullable: true, description: 'The one-time code the citizen received to allow the population-database lookup' })
  consentToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Typed by the officer only while the population database is down' })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType({ description: 'Reception at a counter (COUNTER) or of a dossier that came by post (POSTAL), by an officer' })
export class ReceiveDossierInput {
  @Field(() => String)
  procedureCode!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ApplicantInput)
  applicant!: ApplicantInput;

  @Field(() => [ComponentInput])
  components!: ComponentInput[];

  @Field(() => ReturnMethod, { nullable: true, defaultValue: ReturnMethod.COUNTER })
  returnMethod?: ReturnMethod | null;

  @Field(() => String, { nullable: true })
  deliveryAddress?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;

  @Field(() => [String], { nullable: true, description: 'Codes of the fees that depend on the case and apply (see Procedure.fees isDefault)' })
  feeCodes?: string[] | null;

  @Field(() => CounterPaymentInput, { nullable: true, description: 'The fees paid at the counter as the dossier is received (thu trước), with the receipt number' })
  payment?: CounterPaymentInput | null;
}

@InputType({ description: 'A dossier refused at the counter (Phiếu từ chối tiếp nhận, Mẫu 03): not received, for the reasons stated' })
export class RefuseDossierInput {
  @Field(() => String)
  procedureCode!: string;

  @Field(() => Channel, { description: 'COUNTER, or POSTAL for a dossier that came by post' })
  channel!: Channel;

  @Field(() => ApplicantInput)
  applicant!: ApplicantInput;

  @Field(() => [ComponentInput], { description: 'What was brought, however incomplete' })
  components!: ComponentInput[];

  @Field(() => [String], { description: 'Why it is not received (1 to 10), as the notice states them' })
  reasons!: string[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: 'REQUEST_PAYMENT: one thing owed, in integer VND: a fee of the catalogue by its code, or an amount set by an agency with its legal basis and collecting agency' })
export class ObligationInput {
  @Field(() => String, { nullable: true, description: 'A fee of the procedure (Procedure.fees code); the catalogue gives name and amount' })
  feeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'What is owed (e.g. Thuế thu nhập cá nhân), when not a catalogue fee' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'VND, a whole number above 0' })
  amount?: number | null;

  @Field(() => String, { nullable: true, description: 'The legal basis: the notice or decision that sets the amount' })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'The agency that collects it (e.g. Chi cục Thuế khu vực)' })
  collectingAgency?: string | null;
}

@InputType({ description: 'RECORD_PAYMENT: a payment made at the counter' })
export class CounterPaymentInput {
  @Field(() => PaymentMethod, { description: 'CASH or CARD' })
  method!: PaymentMethod;

  @Field(() => String, { description: 'The receipt (biên lai) number given to the payer' })
  receiptNumber!: string;
}

@InputType()
export class TransitionInput {
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Required by REJECT, STOP, REQUEST_SUPPLEMENT and EXTEND' })
  reason?: string | null;

  @Field(() => Date, { nullable: true, description: 'EXTEND: the new due time' })
  newDueAt?: Date | null;

  @Field(() => [ComponentInput], { nullable: true, description: 'SUPPLEMENT; COMPLETE_STEP (result documents)' })
  components?: ComponentInput[] | null;

  @Field(() => [ObligationInput], { nullable: true, description: "REQUEST_PAYMENT: what is owed besides the dossier's unpaid fees" })
  obligations?: ObligationInput[] | null;

  @Field(() => CounterPaymentInput, { nullable: true, description: 'RECORD_PAYMENT: how it was paid, and the receipt number' })
  payment?: CounterPaymentInput | null;

  @Field(() => [SupplementItemInput], { nullable: true, description: 'REQUEST_SUPPLEMENT: the items asked (none: the reason is the one item)' })
  requestedItems?: SupplementItemInput[] | null;

  @Field(() => Date, { nullable: true, description: 'REQUEST_SUPPLEMENT: by when the applicant must bring them; STOP is refused before it' })
  supplementDueAt?: Date | null;

  @Field(() => [String], { nullable: true, description: 'CONSULT: the agencies (codes) whose opinion is asked, in parallel; reason is the question' })
  consultAgencyCodes?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'CONSULT: by when the opinions are expected' })
  consultDueAt?: Date | null;
}

@InputType({ description: 'An item a supplement request asks for: a component of the procedure, or described in words' })
export class SupplementItemInput {
  @Field(() => String, { nullable: true })
  componentCode?: string | null;

  @Field(() => String, { nullable: true, description: "Required unless componentCode is given (then the component's name)" })
  description?: string | null;
}

@InputType()
export class DossierFilter {
  @Field(() => [DossierStatus], { nullable: true, description: 'Only these statuses (closed ones included if listed)' })
  status?: DossierStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Without a status filter, the worklist holds what officers work on: every dossier not closed (closed: REJECTED, WITHDRAWN, STOPPED, RETURNED). true adds the closed ones.',
  })
  includeClosed?: boolean | null;

  @Field(() => String, { nullable: true })
  agencyCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;

  @Field(() => String, { nullable: true })
  procedureCode?: string | null;

  @Field(() => Date, { nullable: true })
  receivedFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  receivedTo?: Date | null;
}

/** A mutation's answer: the dossier as it now is, or the caller's mistakes (and nothing changed). */
export interface DossierPayload {
  dossier: Dossier | null;
  userErrors: UserErrorType[];
}

export function DossierPayloadType(name: string): ClassType<DossierPayload> {
  @ObjectType(name)
  class Payload {
    @Field(() => Dossier, { nullable: true })
    dossier!: Dossier | null;

    @Field(() => [UserErrorType])
    userErrors!: UserErrorType[];
  }
  return Payload;
}

export const SubmitDossierPayload = DossierPayloadType('SubmitDossierPayload');
export const ReceiveDossierPayload = DossierPayloadType('ReceiveDossierPayload');
export const TransitionDossierPayload = DossierPayloadType('TransitionDossierPayload');
export const RefuseDossierPayload = DossierPayloadType('RefuseDossierPayload');

@ObjectType()
export class RateDossierPayload {
  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}
