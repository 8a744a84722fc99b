import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import type { DossierAccess } from './dossier-access';
import { Dossier } from './dossier.entity';
import type { DossierStatus } from './dossier.enums';
import { overdueSql } from './overdue';
import type { Channel } from '../catalog';
import type { CatalogService } from '../catalog';
import { checkDossierCode } from './dossier-code';

export interface DossierFilterInput {
  status?: DossierStatus[] | null;
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
    return this.em.findOne(Dossier, { code: checkDossierCode(code, field) });
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
