import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Role } from '../auth/viewer';
import { ErrorCode, UserError } from '../errors';
import { pageRequest, toConnection, type Connection } from '../graphql/pagination';
import type { Clock } from '../shared/clock';
import type { DossierAccess } from './dossier-access';
import { Dossier } from './dossier.entity';
import { FINISHED_STATUSES, type DossierStatus } from './dossier.enums';
import type { Channel } from '../catalog/catalog.enums';
import type { CatalogService } from '../catalog/catalog.service';
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

const FINISHED_LIST = [...FINISHED_STATUSES].map((s) => `'${s}'`).join(', ');

/**
 * The SQL of `isOverdue` (see overdue.ts), for filters and statistics: an
 * open dossier past its due time (a paused one: when its clock stopped), or
 * a finished one that finished after it. `?` is now.
 */
export const OVERDUE_SQL = `(d.due_at is not null and (
  (d.status in (${FINISHED_LIST}) and d.finished_at > d.due_at)
  or (d.status not in (${FINISHED_LIST}) and coalesce(d.paused_at, ?) > d.due_at)))`;

type WorklistKey = [string, string];
const isWorklistKey = (v: unknown): v is WorklistKey => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

/** Sort key of worklists: most urgent first, dossiers without a due time last. */
const URGENCY = `coalesce(d.due_at, 'infinity'::timestamptz)`;

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
    const page = pageRequest(first, after, this.deps.maxPageSize, isWorklistKey);
    const qb = this.em.createQueryBuilder(Dossier, 'd').where(scope);
    await this.applyFilter(qb, filter ?? {});
    const totalCount = await qb.clone().getCount();
    if (page.after) qb.andWhere(`(${URGENCY}, d.code) > (?::timestamptz, ?)`, page.after);
    const rows = await qb
      .orderBy([{ [raw(URGENCY)]: 'asc' }, { code: 'asc' }])
      .limit(page.limit)
      .getResultList();
    return toConnection(rows, page, totalCount, (d) => [d.dueAt?.toISOString() ?? 'infinity', d.code] as WorklistKey);
  }

  /** The signed-in citizen's own dossiers, newest first. */
  async mine(first: number | null | undefined, after: string | null | undefined): Promise<Connection<Dossier>> {
    const user = this.access.requireRole(Role.CITIZEN);
    const page = pageRequest(first, after, this.deps.maxPageSize, isWorklistKey);
    const where: ObjectQuery<Dossier> = { applicant: { personalId: user.personalId ?? '' } };
    const totalCount = await this.em.count(Dossier, where);
    const qb = this.em.createQueryBuilder(Dossier, 'd').where(where);
    if (page.after) qb.andWhere('(d.created_at, d.code) < (?::timestamptz, ?)', page.after);
    const rows = await qb.orderBy([{ createdAt: 'desc' }, { code: 'desc' }]).limit(page.limit).getResultList();
    return toConnection(rows, page, totalCount, (d) => [d.createdAt.toISOString(), d.code] as WorklistKey);
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
