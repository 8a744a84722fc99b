import {
  Collection,
  Embeddable,
  Embedded,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agency } from '../catalog';
import { Channel } from '../catalog';
import { Procedure } from '../catalog';
import { DossierStatus, ObligationKind, PaymentMethod, ReturnMethod } from './dossier.enums';

/** Where an applicant's identity stands against the population database. */
export enum IdentityStatus {
  /** Read from the population database. */
  VERIFIED = 'VERIFIED',
  /** Typed by an officer while the database was down; a job checks it when the database is back. */
  PENDING = 'PENDING',
  /** The database has no citizen with this personal id. */
  NOT_FOUND = 'NOT_FOUND',
  /** The database knows the id under another name than the one typed; an officer must look. */
  MISMATCH = 'MISMATCH',
  /** The database refused the consent the reception carried: nothing was read; an officer must verify again with a new code. */
  CONSENT_REFUSED = 'CONSENT_REFUSED',
}
registerEnumType(IdentityStatus, { name: 'IdentityStatus' });

/** Who files the dossier: identity from the population database (or typed while it was down). */
@ObjectType({ description: 'The applicant (chủ hồ sơ): personal data, shown only to those allowed to see the dossier' })
@Embeddable()
export class Applicant {
  /** 12-digit personal identification number. */
  @Field(() => String, { description: '12-digit personal identification number' })
  @Property({ type: 'string', length: 12 })
  personalId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Property({ type: 'string', length: 10, nullable: true })
  dateOfBirth: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 10, nullable: true })
  gender: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  permanentAddress: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  currentAddress: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 20, nullable: true })
  phone: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  email: string | null = null;

  /** True when the identity was read from the population database, false when typed. */
  /** Where the identity stands against the population database. */
  @Field(() => IdentityStatus)
  @Enum({ items: () => IdentityStatus, type: 'string' })
  identityStatus: IdentityStatus = IdentityStatus.PENDING;

  /** The name the officer typed while the population database was down, kept when the database says otherwise. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  typedFullName: string | null = null;

  @Field(() => Boolean, { description: 'True when read from the national population database; false while typed by an officer and not yet checked' })
  get identityVerified(): boolean {
    return this.identityStatus === IdentityStatus.VERIFIED;
  }
}

/**
 * A dossier (hồ sơ). `version` guards concurrent changes; `code` is
 * allocated once, at submission or reception, and never changes.
 */
@ObjectType({ description: 'A dossier (hồ sơ) filed for a procedure' })
@Entity({ tableName: 'dossier' })
@Unique({ properties: ['idempotencyScope', 'idempotencyKey'] })
@Index({ properties: ['applicant.personalId'] })
@Index({ properties: ['receivingAgency', 'receivedAt'] })
@Index({ properties: ['currentAgency', 'status'] })
export class Dossier {
  [OptionalProps]?:
    | 'returnMethod'
    | 'deliveryAddress'
    | 'submittedAt'
    | 'receivedAt'
    | 'dueAt'
    | 'finishedAt'
    | 'returnedAt'
    | 'pausedAt'
    | 'receiptDueAt'
    | 'submittedCode'
    | 'procedureVersion'
    | 'lastActionAt'
    | 'version'
    | 'idempotencyScope'
    | 'idempotencyKey'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Dossier code, as printed on the receipt: {agency}-{yyMMdd}-{NNNN}' })
  @Property({ type: 'string', length: 60, unique: true })
  code!: string;

  /** An online dossier's code when it was submitted; its code proper is given at reception (DOMAIN.md §2.3). Either finds it. */
  @Field(() => String, { nullable: true, description: "An online dossier's code when it was submitted, before reception gave it its own; either finds it" })
  @Property({ type: 'string', length: 60, nullable: true, unique: true })
  submittedCode: string | null = null;

  @ManyToOne(() => Procedure, { ref: true })
  procedure!: Ref<Procedure>;

  /** The procedure's version in force when it was created (ProcedureVersion): its receipt and records keep that version's name, times and fees. */
  @Property({ type: 'integer' })
  procedureVersion: number = 1;

  /** The agency that received the dossier; its identifier heads the code. */
  @ManyToOne(() => Agency, { ref: true })
  receivingAgency!: Ref<Agency>;

  /** The agency the dossier is at now; follows the inter-agency steps. */
  @ManyToOne(() => Agency, { ref: true })
  currentAgency!: Ref<Agency>;

  @Field(() => Channel)
  @Enum({ items: () => Channel, type: 'string' })
  channel!: Channel;

  @Field(() => ReturnMethod)
  @Enum({ items: () => ReturnMethod, type: 'string' })
  returnMethod: ReturnMethod = ReturnMethod.COUNTER;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  deliveryAddress: string | null = null;

  @Field(() => DossierStatus)
  @Enum({ items: () => DossierStatus, type: 'string' })
  status!: DossierStatus;

  @Embedded(() => Applicant, { prefix: 'applicant_' })
  applicant!: Applicant;

  /** When an online dossier was submitted (status SUBMITTED). */
  @Field(() => Date, { nullable: true, description: 'When an online dossier was submitted' })
  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  /** The receipt time on the Giấy tiếp nhận; the deadline runs from it. */
  @Field(() => Date, { nullable: true, description: 'Receipt time on the receipt slip; the deadline runs from it' })
  @Property({ type: 'datetime', nullable: true })
  receivedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the result is due, in working time' })
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  /** When processing ended (result ready, rejected, stopped or withdrawn). */
  @Field(() => Date, { nullable: true, description: 'When processing ended' })
  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the result was handed over or delivered' })
  @Property({ type: 'datetime', nullable: true })
  returnedAt: Date | null = null;

  /** Set while the clock stands still (supplement requested, or waiting for a payment). */
  @Property({ type: 'datetime', nullable: true })
  pausedAt: Date | null = null;

  /** The appointment printed on the receipt at reception; later extensions do not change it. */
  @Property({ type: 'datetime', nullable: true })
  receiptDueAt: Date | null = null;

  /** When the last action happened; every transition changes it, so every transition bumps `version`. */
  @Property({ type: 'datetime', nullable: true })
  lastActionAt: Date | null = null;

  @Field(() => Int, { description: 'Pass as expectedVersion to transitionDossier' })
  @Property({ type: 'integer', version: true })
  version: number = 1;

  /** Who the idempotency key belongs to (an applicant's or an officer's id). */
  @Property({ type: 'string', length: 120, nullable: true })
  idempotencyScope: string | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  idempotencyKey: string | null = null;

  @OneToMany(() => DossierComponent, (component) => component.dossier, { orderBy: { position: 'asc' } })
  components = new Collection<DossierComponent>(this);

  @OneToMany(() => DossierFee, (fee) => fee.dossier, { orderBy: { code: 'asc' } })
  fees = new Collection<DossierFee>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Why a document is in the dossier. */
export enum ComponentKind {
  /** Brought or uploaded at submission or reception. */
  APPLICATION = 'APPLICATION',
  /** Added when the applicant supplemented the dossier. */
  SUPPLEMENT = 'SUPPLEMENT',
  /** A result document of a step (giấy tờ kết quả). */
  RESULT = 'RESULT',
}
registerEnumType(ComponentKind, { name: 'ComponentKind' });

/** How a paper of the dossier was filed, as the receipt states it (Giấy tiếp nhận: bản chính, bản sao, bản chụp). */
export enum DocumentForm {
  ORIGINAL = 'ORIGINAL',
  CERTIFIED_COPY = 'CERTIFIED_COPY',
  COPY = 'COPY',
  ELECTRONIC = 'ELECTRONIC',
}
registerEnumType(DocumentForm, {
  name: 'DocumentForm',
  description: 'How a paper was filed: ORIGINAL (bản chính), CERTIFIED_COPY (bản sao có chứng thực), COPY (bản sao, bản chụp), ELECTRONIC (bản điện tử)',
});

/** The receipt's words for each form. */
export const DOCUMENT_FORM_LABEL: Record<DocumentForm, string> = {
  [DocumentForm.ORIGINAL]: 'bản chính',
  [DocumentForm.CERTIFIED_COPY]: 'bản sao có chứng thực',
  [DocumentForm.COPY]: 'bản sao',
  [DocumentForm.ELECTRONIC]: 'bản điện tử',
};

/** The most copies of one paper a receipt records. */
export const MAX_COPIES = 99;

/** A document of the dossier, for one of the procedure's components. */
@ObjectType('DossierComponent', { description: 'A document of the dossier' })
@Entity({ tableName: 'dossier_component' })
export class DossierComponent {
  [OptionalProps]?: 'documentId' | 'reused' | 'fileName' | 'kind' | 'form' | 'copies';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  @Field(() => String)
  @Property({ type: 'string', length: 80 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => ComponentKind)
  @Enum({ items: () => ComponentKind, type: 'string' })
  kind: ComponentKind = ComponentKind.APPLICATION;

  @Property({ type: 'integer' })
  position!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 255, nullable: true })
  fileName: string | null = null;

  /** The stored document (documents land with the population-database issue). */
  @Field(() => ID, { nullable: true, description: 'The stored document; pass as reuseDocumentId in a later dossier of the same applicant' })
  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;

  /** True when an already-held document was linked rather than uploaded again. */
  @Field(() => Boolean, { description: 'True when an already-held document was linked instead of uploaded' })
  @Property({ type: 'boolean' })
  reused: boolean = false;

  /** As the receiving officer recorded it; a file uploaded or reused is ELECTRONIC unless stated; null: not stated. */
  @Field(() => DocumentForm, { nullable: true, description: 'Original, certified copy, copy or electronic, as received; null when not stated' })
  @Enum({ items: () => DocumentForm, type: 'string', nullable: true })
  form: DocumentForm | null = null;

  @Field(() => Int, { description: 'How many copies of this paper were received (số lượng), 1 unless stated' })
  @Property({ type: 'integer' })
  copies: number = 1;
}

/** A fee the dossier owes, copied from the procedure at intake so later catalogue changes do not alter it. */
@ObjectType('DossierFee', { description: 'A fee the dossier owes, in VND' })
@Entity({ tableName: 'dossier_fee' })
export class DossierFee {
  [OptionalProps]?: 'paid' | 'paidAt' | 'kind' | 'legalBasis' | 'collectingAgency' | 'waived' | 'waivedReason' | 'paymentMethod' | 'receiptNumber' | 'recordedBy';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dossier, { ref: true, deleteRule: 'cascade', index: true })
  dossier!: Ref<Dossier>;

  @Field(() => String)
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: 'VND' })
  @Property({ type: 'integer' })
  amount!: number;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  paid: boolean = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Field(() => ObligationKind, { description: 'FEE of the catalogue, or LEVY set by an agency' })
  @Enum({ items: () => ObligationKind, type: 'string' })
  kind: ObligationKind = ObligationKind.FEE;

  @Field(() => String, { nullable: true, description: 'LEVY: the legal basis (a tax notice, a decision), as the requesting officer gave it' })
  @Property({ type: 'text', nullable: true })
  legalBasis: string | null = null;

  @Field(() => String, { nullable: true, description: 'LEVY: the agency that collects it' })
  @Property({ type: 'string', length: 300, nullable: true })
  collectingAgency: string | null = null;

  @Field(() => Boolean, { description: 'Waived by a supervisor (with a reason): no longer owed' })
  @Property({ type: 'boolean' })
  waived: boolean = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  waivedReason: string | null = null;

  @Field(() => PaymentMethod, { nullable: true })
  @Enum({ items: () => PaymentMethod, type: 'string', nullable: true })
  paymentMethod: PaymentMethod | null = null;

  @Field(() => String, { nullable: true, description: 'The receipt (biên lai) number of a payment at the counter' })
  @Property({ type: 'string', length: 50, nullable: true })
  receiptNumber: string | null = null;

  /** Who recorded the payment or the waiver (officer or supervisor, by name). */
  @Property({ type: 'string', length: 200, nullable: true })
  recordedBy: string | null = null;
}
