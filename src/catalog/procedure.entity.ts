import { BeforeCreate, BeforeUpdate, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import { foldVietnamese } from '../shared/vietnamese';
import { Agency } from './agency.entity';
import { OnlineLevel } from './catalog.enums';

/** A legal reference of a procedure. */
export interface LegalBasis {
  code: string | null;
  name: string;
}

/**
 * An administrative procedure (TTHC) of the national catalogue as the
 * province applies it. Channels, fees, components and inter-agency steps
 * are rows of their own; `searchText` is the folded text the full-text
 * index covers.
 */
@ObjectType({ description: 'An administrative procedure (thủ tục hành chính)' })
@Entity({ tableName: 'procedure' })
// fastupdate off: the catalogue is written rarely and read on every search; a GIN pending list
// left by a bulk load would make the planner scan the table instead.
@Index({
  name: 'procedure_search_idx',
  expression: `create index "procedure_search_idx" on "procedure" using gin ("search_vector") with (fastupdate = off)`,
})
@Index({
  name: 'procedure_code_prefix_idx',
  expression: `create index "procedure_code_prefix_idx" on "procedure" ("code" text_pattern_ops)`,
})
export class Procedure {
  [OptionalProps]?: 'formerCodes' | 'localCode' | 'fieldCode' | 'onlineLevel' | 'cutoffTime' | 'results' | 'legalBasis' | 'subjects' | 'source' | 'unverified' | 'note' | 'searchText' | 'version' | 'retiredAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'National code, e.g. 3.000333' })
  @Property({ type: 'string', length: 20, unique: true })
  code!: string;

  @Field(() => [String], { description: 'Codes the national catalogue retired for this procedure (e.g. 2.000488, now 3.000333); looking one up finds this procedure' })
  @Property({ type: 'json' })
  formerCodes: string[] = [];

  @Field(() => String, { nullable: true, description: 'Provincial variant of the code, e.g. 1.003560.000.00.00.H56' })
  @Property({ type: 'string', length: 60, nullable: true })
  localCode: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Lĩnh vực' })
  @Property({ type: 'string', length: 300 })
  field!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 40, nullable: true })
  fieldCode: string | null = null;

  @ManyToOne(() => Agency, { ref: true, index: true })
  agency!: Ref<Agency>;

  @Field(() => OnlineLevel, { nullable: true, description: 'Null where no source states the level' })
  @Enum({ items: () => OnlineLevel, type: 'string', nullable: true })
  onlineLevel: OnlineLevel | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Local time (HH:mm) after which a receipt counts from the next working day, e.g. 15:00 for same-day procedures',
  })
  @Property({ type: 'string', length: 5, nullable: true })
  cutoffTime: string | null = null;

  @Field(() => [String])
  @Property({ type: 'json' })
  results: string[] = [];

  @Property({ type: 'json' })
  legalBasis: LegalBasis[] = [];

  @Field(() => [String], { description: 'Who may file (đối tượng thực hiện)' })
  @Property({ type: 'json' })
  subjects: string[] = [];

  @Field(() => String, { nullable: true, description: 'Where the data was read' })
  @Property({ type: 'text', nullable: true })
  source: string | null = null;

  @Field(() => [String], { description: 'Fields of this record that no source confirmed; show them as unverified' })
  @Property({ type: 'json' })
  unverified: string[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => Int, { description: 'The version in force (ProcedureVersion): a new one whenever the name, field, times or fees change' })
  @Property({ type: 'integer' })
  version: number = 1;

  @Field(() => Date, { nullable: true, description: 'When the national catalogue retired it: no new dossier; those received go on' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;

  /** Folded name, field and codes (see foldVietnamese), covered by the full-text index. */
  @Property({ type: 'text' })
  searchText: string = '';

  /**
   * The full-text vector of `searchText`, kept by PostgreSQL (a stored
   * generated column) so that neither the index nor a scan recomputes it.
   */
  @Property({
    type: 'unknown',
    columnType: 'tsvector',
    generated: `(to_tsvector('simple', search_text)) stored`,
    lazy: true,
    hidden: true,
    nullable: true,
  })
  searchVector?: unknown;

  @BeforeCreate()
  @BeforeUpdate()
  protected refreshSearchText(): void {
    this.searchText = foldVietnamese([this.name, this.field, this.code, ...this.formerCodes, this.localCode ?? ''].join(' '));
  }
}
