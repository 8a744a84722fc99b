import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The last dossier number given for each receiving agency and local day.
 * Incremented with one `INSERT … ON CONFLICT DO UPDATE … RETURNING` inside
 * the intake transaction: the row lock serialises concurrent receptions of
 * the same agency, and a rolled-back intake gives its number back, so codes
 * stay unique and gapless.
 */
@Entity({ tableName: 'dossier_code_counter' })
export class DossierCodeCounter {
  @PrimaryKey({ type: 'string', length: 40 })
  agencyCode!: string;

  /** Local receipt date, YYYY-MM-DD. */
  @PrimaryKey({ type: 'string', length: 10 })
  day!: string;

  @Property({ type: 'integer' })
  lastValue!: number;
}
