import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Agency, type CatalogService } from '../catalog';
import type { Clock } from '../shared/clock';
import { localDateOf, localMidnight } from '../shared/local-time';
import { DossierStatus } from './dossier.enums';
import { statusLabel } from './lifecycle';

/** At most this many lines of each list: what a 1920×1080 board shows from across the hall. */
export const BOARD_LINES = 12;

/**
 * A dossier code as a board in the hall shows it: the centre's identifier
 * shortened and the year and month hidden (`000.00.80.H56-261203-0007` →
 * `…H56-****03-0007`). The holder finds the day and the number of their
 * receipt; a passer-by does not read off a whole code to look up. (The
 * number restarts each day, so the day stays: without it, results of
 * several days waiting at the counter would read alike.)
 */
export function maskDossierCode(code: string): string {
  const match = /^(?:.*\.)?([^.]+)-\d{4}(\d{2})-(\d+)$/.exec(code);
  if (!match) return `…${code.slice(-4)}`;
  const [, tail, day, sequence] = match;
  return `…${tail}-****${day}-${sequence}`;
}

@ObjectType({ description: 'A line of the hall board: a partly masked code, the procedure, the status; never personal data' })
export class BoardEntry {
  @Field(() => String, { description: 'The code with its day hidden, as a public board shows it (…H56-****03-0007)' })
  maskedCode!: string;

  @Field(() => String)
  procedureName!: string;

  @Field(() => DossierStatus)
  status!: DossierStatus;

  @Field(() => String, { description: 'The status in Vietnamese' })
  statusLabel!: string;

  @Field(() => Date, { description: 'Since when: the result was ready, or the dossier received' })
  at!: Date;
}

@ObjectType({ description: "The hall's status board of a centre: results ready for pickup, and the dossiers received today" })
export class HallBoard {
  @Field(() => Agency)
  agency!: Agency;

  @Field(() => [BoardEntry], { description: `Results waiting at the counter, newest first (at most ${BOARD_LINES})` })
  resultsReady!: BoardEntry[];

  @Field(() => Int, { description: 'All results waiting at the counter' })
  resultsReadyCount!: number;

  @Field(() => [BoardEntry], { description: `Dossiers received today, newest first (at most ${BOARD_LINES})` })
  received!: BoardEntry[];

  @Field(() => Int, { description: 'All dossiers received today' })
  receivedToday!: number;

  @Field(() => Date)
  asOf!: Date;
}

interface BoardRow {
  code: string;
  status: DossierStatus;
  at: Date | string;
  procedure_name: string;
  total: string | number;
}

/** Reads the hall board: public, so it reads codes, procedure names and statuses only. */
export class HallBoardService {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  /** The board of the centre (or agency) that receives dossiers; an unknown code is NOT_FOUND. */
  async board(agencyCode: string): Promise<HallBoard> {
    const agency = await this.catalog.agencyByCode(agencyCode);
    const now = this.clock.now();
    const today = localMidnight(localDateOf(now));
    // Results wait for pickup at the counter only: one going by post is not called in the hall.
    const ready = await this.lines(
      `d.receiving_agency_id = ? and d.status = 'RESULT_READY' and d.return_method = 'COUNTER'`,
      'd.finished_at',
      [agency.id],
    );
    const received = await this.lines('d.receiving_agency_id = ? and d.received_at >= ? and d.received_at <= ?', 'd.received_at', [agency.id, today, now]);
    return {
      agency,
      resultsReady: ready.entries,
      resultsReadyCount: ready.total,
      received: received.entries,
      receivedToday: received.total,
      asOf: now,
    };
  }

  private async lines(where: string, at: string, params: unknown[]): Promise<{ entries: BoardEntry[]; total: number }> {
    const rows = await this.em.getConnection().execute<BoardRow[]>(
      `select d.code, d.status, ${at} as at, p.name as procedure_name, count(*) over () as total
         from dossier d join procedure p on p.id = d.procedure_id
        where ${where}
        order by ${at} desc, d.code desc
        limit ${BOARD_LINES}`,
      params,
    );
    return {
      entries: rows.map((r) => ({ maskedCode: maskDossierCode(r.code), procedureName: r.procedure_name, status: r.status, statusLabel: statusLabel(r.status), at: new Date(r.at) })),
      total: Number(rows[0]?.total ?? 0),
    };
  }
}
