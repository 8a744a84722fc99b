import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PortalSubmissionStatus {
  /** A hub dossier holds it and the portal knows the province took it. */
  IMPORTED = 'IMPORTED',
  /** A hub dossier holds it; telling the portal failed and is tried again at the next pull. */
  AWAITING_ACKNOWLEDGEMENT = 'AWAITING_ACKNOWLEDGEMENT',
  /** The hub could not take it (the reason in lastError); tried again at every pull until it can. */
  FAILED = 'FAILED',
}
registerEnumType(PortalSubmissionStatus, { name: 'PortalSubmissionStatus', description: 'Where a dossier filed on the national portal or VNeID stands with the hub' });

/**
 * A dossier filed on the national portal itself or through VNeID, as the
 * hub pulled it: one row per portal code, so that a submission listed
 * again (or by two hub processes at once) finds its dossier instead of
 * making another, and one the hub could not take stays in sight with the
 * reason. Its files and personal id stay in the dossier, never here.
 */
@ObjectType('PortalSubmission', { description: 'A dossier filed on the national public service portal (or VNeID) and pulled by the hub' })
@Entity({ tableName: 'portal_submission' })
@Index({ properties: ['firstSeenAt', 'portalCode'] })
export class PortalSubmissionRecord {
  [OptionalProps]?: 'status' | 'source' | 'submittedAt' | 'dossierId' | 'dossierCode' | 'lastError' | 'acknowledgedAt' | 'attempts';

  @Field(() => String, { description: "The portal's own code of the dossier" })
  @PrimaryKey({ type: 'string', length: 60 })
  portalCode!: string;

  @Field(() => String, { nullable: true, description: 'DVCQG (the portal) or VNEID; null when the portal named neither' })
  @Property({ type: 'string', length: 10, nullable: true })
  source: string | null = null;

  @Field(() => String, { description: "The procedure's national code as the portal sent it" })
  @Property({ type: 'string', length: 40 })
  procedureCode!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  applicantName!: string;

  @Field(() => Date, { nullable: true, description: 'When it was filed on the portal' })
  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true, unique: true })
  dossierId: string | null = null;

  @Field(() => String, { nullable: true, description: "The hub dossier's code; null while the hub could not take it" })
  @Property({ type: 'string', length: 40, nullable: true })
  dossierCode: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  firstSeenAt!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  lastTriedAt!: Date;

  @Field(() => Int, { description: 'How many pulls tried to take it' })
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Field(() => String, { nullable: true, description: 'Why the hub could not take it, or could not tell the portal it did; null once both succeeded' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the portal was told the province took it (CapNhatDaNhanHoSo)' })
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null = null;

  @Field(() => PortalSubmissionStatus)
  get status(): PortalSubmissionStatus {
    if (this.dossierId === null) return PortalSubmissionStatus.FAILED;
    return this.acknowledgedAt === null ? PortalSubmissionStatus.AWAITING_ACKNOWLEDGEMENT : PortalSubmissionStatus.IMPORTED;
  }
}
