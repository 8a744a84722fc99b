import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The bytes of a document, once per content (SHA-256): the same file
 * uploaded for two dossiers is stored once. Kept in PostgreSQL so that a
 * dossier and its documents commit together and one backup holds both.
 */
@Entity({ tableName: 'document_blob' })
export class DocumentBlob {
  /** Hex SHA-256 of the content. */
  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * A digitised document held for one citizen (its owner): uploaded with a
 * dossier, or a result. It may be reused in the owner's later dossiers,
 * never in another citizen's.
 */
@ObjectType({ description: 'A digitised document held for a citizen, reusable in their later dossiers' })
@Entity({ tableName: 'document' })
@Index({ properties: ['ownerPersonalId', 'createdAt'] })
@Index({ properties: ['ownerPersonalId', 'sha256'] })
export class Document {
  [OptionalProps]?: 'createdAt' | 'componentCode';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The citizen the document belongs to. */
  @Property({ type: 'string', length: 12 })
  ownerPersonalId!: string;

  @Field(() => String, { description: 'Hex SHA-256 of the content' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Bytes' })
  @Property({ type: 'integer' })
  size!: number;

  /** The procedure component it was first filed as (a hint for reuse). */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 80, nullable: true })
  componentCode: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
