import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/viewer';
import type { DossierAccess } from '../dossiers/dossier-access';
import { ErrorCode, UserError } from '../errors';
import { pageRequest, toConnection, type Connection } from '../graphql/pagination';
import { CitizenAccessLog } from './access-log.entity';

type Key = [string, string];
const isKey = (v: unknown): v is Key => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

export interface AccessLogFilter {
  personalId?: string | null;
  agencyCode?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Reading the population-database access log: supervisors only, newest first. */
export class AccessLogService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly maxPageSize: number,
  ) {}

  async list(filter: AccessLogFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<CitizenAccessLog>> {
    this.access.requireRole(Role.SUPERVISOR);
    const page = pageRequest(first, after, this.maxPageSize, isKey);
    const where: ObjectQuery<CitizenAccessLog> = {};
    if (filter?.personalId) {
      if (!/^\d{12}$/.test(filter.personalId)) throw new UserError(ErrorCode.INVALID_INPUT, 'Số định danh cá nhân phải gồm đúng 12 chữ số.', 'filter.personalId');
      where.personalId = filter.personalId;
    }
    if (filter?.agencyCode) where.agencyCode = filter.agencyCode;
    if (filter?.from || filter?.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
    const totalCount = await this.em.count(CitizenAccessLog, where);
    const qb = this.em.createQueryBuilder(CitizenAccessLog, 'l').where(where);
    if (page.after) qb.andWhere('(l.at, l.id) < (?::timestamptz, ?::uuid)', page.after);
    const rows = await qb.orderBy([{ at: 'desc' }, { id: 'desc' }]).limit(page.limit).getResultList();
    return toConnection(rows, page, totalCount, (l) => [l.at.toISOString(), l.id] as Key);
  }
}
