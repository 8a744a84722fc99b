import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import type { DossierAccess } from './dossier-access';
import { Dossier } from './dossier.entity';
import { ACTIVE_STATUSES, type DossierStatus } from './dossier.enums';
import { overdueSql } from './overdue';
import type { Channel } from '../catalog';
import type { CatalogService } from '../catalog';
import { byDossierCode, checkDossierCode } from './dossier-code';

export interface DossierFilterInput {
  status?: DossierStatus[] | null;
  includeClosed?: boolean | null;
  agencyCode?: string | null;
  overdue?: boolean | null;
  channel?: Channel | null;
  procedureCode?: string | null;
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
}

/** The overdue rule over the dossier row `d` (overdue.ts); `?` is now. */
const OVERDUE_SQL = overdueSql('d');

/** Sort key of worklists: most urgent first, dossiers without a due time last. */
const URGENCY = `coalesce(d.due_at, 'infinity'::timestamptz)`;

/**
 * Worklists: most urgent first, then by code. Made per query: MikroORM
 * forgets a `raw()` fragment once a query has used it.
 */
const mostUrgentFirst = (): Keyset<Dossier, PairKey> => ({
  seek: `(${URGENCY}, d.code) > (?::timestamptz, ?)`,
  orderBy: [{ [raw(URGENCY)]: 'asc' }, { code: 'asc' }],
  keyOf: (d) => [d.dueAt?.toISOString() ?? 'infinity', d.code],
});

/** A citizen's own dossiers: newest first, then by code. */
const NEWEST_FIRST: Keyset<Dossier, PairKey> = {
  seek: '(d.created_at, d.code) < (?::timestamptz, ?)',
  orderBy: [{ createdAt: 'desc' }, { code: 'desc' }],
  keyOf: (d) => [d.createdAt.toISOString(), d.code],
};

/** A dossier as tracking shows it, with the code and name of its procedure and current agency. */
export interface TrackingRow {
  id: string;
  code: string;
  status: DossierStatus;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  pausedAt: Date | null;
  procedure: { id: string; code: string; name: string };
  currentAgency: { id: string; code: string; name: string };
}

interface RawTrackingRow {
  id: string;
  code: string;
  status: DossierStatus;
  received_at: Date | string | null;
  due_at: Date | string | null;
  finished_at: Date | string | null;
  paused_at: Date | string | null;
  procedure_id: string;
  current_agency_id: string;
  procedure_code: string;
  procedure_name: string;
  agency_code: string;
  agency_name: string;
}

/** Reads dossiers, always within what the viewer may see. */
export class DossierQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly catalog: CatalogService,
    private readonly deps: { clock: Clock; maxPageSize: number },
  ) {}

  /** A dossier by code: a malformed code is the caller's error, an unknown one is null. */
  async findByCode(code: string, field = 'code'): Promise<Dossier | null> {
    return this.em.findOne(Dossier, byDossierCode(checkDossierCode(code, field)));
  }

  /**
   * The public tracking view of a dossier by code, in one statement: only
   * the columns it shows, with its procedure's and current agency's code and
   * name joined in, nothing hydrated into entities (issue 10: anyone may ask,
   * kiosks and boards poll). Null for an unknown code.
   */
  async track(code: string): Promise<TrackingRow | null> {
    const wanted = checkDossierCode(code);
    const read = (column: 'code' | 'submitted_code') =>
      this.em.getConnection().execute<RawTrackingRow[]>(
        `select d.id, d.code, d.status, d.received_at, d.due_at, d.finished_at, d.paused_at, d.procedure_id, d.current_agency_id,
                p.code as procedure_code, p.name as procedure_name, a.code as agency_code, a.name as agency_name
           from dossier d join procedure p on p.id = d.procedure_id join agency a on a.id = d.current_agency_id
          where d.${column} = ?`,
        [wanted],
      );
    // The code on the receipt, through its unique index; only an unknown one is looked for among the codes online dossiers were submitted under.
    let rows = await read('code');
    if (rows.length === 0) rows = await read('submitted_code');
    const row = rows[0];
    if (!row) return null;
    const date = (value: Date | string | null) => (value === null ? null : new Date(value));
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      receivedAt: date(row.received_at),
      dueAt: date(row.due_at),
      finishedAt: date(row.finished_at),
      pausedAt: date(row.paused_at),
      procedure: { id: row.procedure_id, code: row.procedure_code, name: row.procedure_name },
      currentAgency: { id: row.current_agency_id, code: row.agency_code, name: row.agency_name },
    };
  }

  /** An officer's worklist (their agency's dossiers) or a supervisor's (all), most urgent first. */
  async worklist(filter: DossierFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Dossier>> {
    const scope = await this.access.listScope();
    const page = pageRequest(first, after, this.deps.maxPageSize, isPairKey);
    const qb = this.em.createQueryBuilder(Dossier, 'd').where(scope);
    await this.applyFilter(qb, filter ?? {});
    return keysetPage(qb, page, mostUrgentFirst());
  }

  /** The signed-in citizen's own dossiers, newest first. */
  async mine(first: number | null | undefined, after: string | null | undefined): Promise<Connection<Dossier>> {
    const user = this.access.requireRole(Role.CITIZEN);
    const page = pageRequest(first, after, this.deps.maxPageSize, isPairKey);
    const where: ObjectQuery<Dossier> = { applicant: { personalId: user.personalId ?? '' } };
    return keysetPage(this.em.createQueryBuilder(Dossier, 'd').where(where), page, NEWEST_FIRST);
  }

  private async applyFilter(qb: QueryBuilder<Dossier>, filter: DossierFilterInput): Promise<void> {
    if (filter.status && filter.status.length > 0) qb.andWhere({ status: { $in: filter.status } });
    // What officers work on by default; the worklist's partial indexes hold exactly these (Migration20261202020000_worklist_indexes).
    else if (!filter.includeClosed) qb.andWhere({ status: { $in: [...ACTIVE_STATUSES] } });
    if (filter.channel) qb.andWhere({ channel: filter.channel });
    if (filter.agencyCode) {
      const agency = await this.catalog.agencyByCode(filter.agencyCode, 'filter.agencyCode');
      qb.andWhere({ $or: [{ receivingAgency: agency.id }, { currentAgency: agency.id }] });
    }
    if (filter.procedureCode) {
      const procedure = await this.catalog.procedureByCode(filter.procedureCode, 'filter.procedureCode');
      qb.andWhere({ procedure: procedure.id });
    }
    if (filter.receivedFrom && filter.receivedTo && filter.receivedFrom > filter.receivedTo) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'receivedFrom phải trước receivedTo.', 'filter.receivedFrom');
    }
    if (filter.receivedFrom) qb.andWhere({ receivedAt: { $gte: filter.receivedFrom } });
    if (filter.receivedTo) qb.andWhere({ receivedAt: { $lte: filter.receivedTo } });
    if (filter.overdue !== undefined && filter.overdue !== null) {
      const now = this.deps.clock.now();
      qb.andWhere(filter.overdue ? OVERDUE_SQL : `not ${OVERDUE_SQL}`, [now]);
    }
  }
}
