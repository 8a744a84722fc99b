import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** What a lookup in the population database came to. */
export enum LookupOutcome {
  /** Asked; no answer recorded (the process stopped mid-call). */
  PENDING = 'PENDING',
  FOUND = 'FOUND',
  NOT_FOUND = 'NOT_FOUND',
  CONSENT_REFUSED = 'CONSENT_REFUSED',
  UNAVAILABLE = 'UNAVAILABLE',
  ERROR = 'ERROR',
}
registerEnumType(LookupOutcome, { name: 'LookupOutcome' });

/** The ground for reading a citizen's record (DOMAIN.md §7). */
export enum LookupBasis {
  /** A one-time code the citizen gave at the counter. */
  OTP = 'OTP',
  /** The citizen's own identity login, for their own dossier. */
  IDENTITY_LOGIN = 'IDENTITY_LOGIN',
  /** An officer's (or the hub's) statutory task, with its purpose. */
  LEGAL_BASIS = 'LEGAL_BASIS',
  NONE = 'NONE',
}
registerEnumType(LookupBasis, { name: 'LookupBasis' });

/**
 * One read of a citizen's record in the population database: who, when,
 * which id, why, for which dossier, on what ground, and what came of it.
 * Append-only: a database trigger refuses deletes and any update except
 * the one that records the outcome of a PENDING entry. No API changes it.
 */
@ObjectType({ description: 'One lookup in the population database (append-only audit)' })
@Entity({ tableName: 'citizen_access_log' })
@Index({ properties: ['personalId', 'at'] })
@Index({ properties: ['at'] })
export class CitizenAccessLog {
  [OptionalProps]?: 'outcome' | 'answeredAt' | 'dossierCode' | 'agencyCode';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** MaYeuCau: the id the registry logs the request under too. */
  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  requestId!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => String, { description: "The token's sub, or the hub itself for background checks" })
  @Property({ type: 'string', length: 200 })
  actorId!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  actorName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  agencyCode: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 12 })
  personalId!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  purpose!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 60, nullable: true })
  dossierCode: string | null = null;

  @Field(() => LookupBasis)
  @Enum({ items: () => LookupBasis, type: 'string' })
  basis!: LookupBasis;

  @Field(() => LookupOutcome)
  @Enum({ items: () => LookupOutcome, type: 'string' })
  outcome: LookupOutcome = LookupOutcome.PENDING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  answeredAt: Date | null = null;
}
