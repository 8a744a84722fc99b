import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** Where a dossier stands with the national portal: what was reported, when, and the portal's last complaint. */
@ObjectType('PortalSyncState', { description: "Where the dossier stands with the national public service portal (DVCQG)" })
@Entity({ tableName: 'dossier_portal_sync' })
export class PortalSync {
  [OptionalProps]?: 'reportedMoves' | 'lastSyncedAt' | 'lastError' | 'lastErrorAt';

  /** The dossier's id (one row per dossier; removed with it). */
  @PrimaryKey({ type: 'uuid' })
  dossierId!: string;

  @Field(() => Int, { description: 'How many moves of its history the portal has (CapNhatTienDoHoSoMC)' })
  @Property({ type: 'integer' })
  reportedMoves: number = 0;

  @Field(() => Date, { nullable: true, description: 'When the portal last took the whole record and every move' })
  @Property({ type: 'datetime', nullable: true })
  lastSyncedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The portal's refusal or the outage of the last attempt since then; null once a sync succeeds" })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastErrorAt: Date | null = null;
}
