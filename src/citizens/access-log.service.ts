import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { Access } from '../access';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import { checkPersonalId } from '../shared/personal-id';
import { CitizenAccessLog } from './access-log.entity';

/** Newest first. */
const NEWEST_FIRST: Keyset<CitizenAccessLog, PairKey> = {
  seek: '(l.at, l.id) < (?::timestamptz, ?::uuid)',
  orderBy: [{ at: 'desc' }, { id: 'desc' }],
  keyOf: (l) => [l.at.toISOString(), l.id],
};

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
    private readonly access: Access,
    private readonly maxPageSize: number,
  ) {}

  async list(filter: AccessLogFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<CitizenAccessLog>> {
    this.access.requireRole(Role.SUPERVISOR);
    const page = pageRequest(first, after, this.maxPageSize, isPairKey);
    const where: ObjectQuery<CitizenAccessLog> = {};
    if (filter?.personalId) {
      where.personalId = checkPersonalId(filter.personalId, 'filter.personalId');
    }
    if (filter?.agencyCode) where.agencyCode = filter.agencyCode;
    if (filter?.from || filter?.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
    return keysetPage(this.em.createQueryBuilder(CitizenAccessLog, 'l').where(where), page, NEWEST_FIRST);
  }
}
