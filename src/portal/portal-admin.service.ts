import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access';
import { Role } from '../auth';
import { ErrorCode, UserError } from '../errors';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import { PortalSubmissionRecord, PortalSubmissionStatus } from './portal-submission.entity';
import type { PortalPullResult } from './portal-submissions';

/** Newest first. */
const NEWEST_FIRST: Keyset<PortalSubmissionRecord, PairKey> = {
  seek: '(s.first_seen_at, s.portal_code) < (?::timestamptz, ?)',
  orderBy: [{ firstSeenAt: 'desc' }, { portalCode: 'desc' }],
  keyOf: (s) => [s.firstSeenAt.toISOString(), s.portalCode],
};

/** What each status is, as a condition on the row. */
const WHERE: Record<PortalSubmissionStatus, object> = {
  [PortalSubmissionStatus.FAILED]: { dossierId: null },
  [PortalSubmissionStatus.AWAITING_ACKNOWLEDGEMENT]: { dossierId: { $ne: null }, acknowledgedAt: null },
  [PortalSubmissionStatus.IMPORTED]: { dossierId: { $ne: null }, acknowledgedAt: { $ne: null } },
};

/** The supervisors' view of the dossiers pulled from the national portal: what came, what could not be taken, and "pull now". */
export class PortalAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly maxPageSize: number,
    /** Runs a pull now; absent when PORTAL_SUBMISSIONS_ENABLED=false. */
    private readonly pullNow?: () => Promise<PortalPullResult>,
  ) {}

  /** The submissions pulled, with `status` (all when null), newest first. */
  async submissions(status: PortalSubmissionStatus | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<PortalSubmissionRecord>> {
    this.access.requireRole(Role.SUPERVISOR);
    const page = pageRequest(first, after, this.maxPageSize, isPairKey);
    const query = this.em.createQueryBuilder(PortalSubmissionRecord, 's');
    if (status) query.where(WHERE[status]);
    return keysetPage(query, page, NEWEST_FIRST);
  }

  /** Pulls now what the scheduled job would. UPSTREAM_UNAVAILABLE when the portal cannot be reached (nothing lost: the portal lists them still). */
  async pull(): Promise<PortalPullResult> {
    this.access.requireRole(Role.SUPERVISOR);
    if (!this.pullNow) throw new UserError(ErrorCode.INVALID_INPUT, 'Trung tâm đã tắt việc lấy hồ sơ nộp trên Cổng DVCQG (PORTAL_SUBMISSIONS_ENABLED=false).');
    return this.pullNow();
  }

  /** The pulled submission a dossier came from, or null for a dossier filed with the hub. */
  async ofDossier(dossierId: string): Promise<PortalSubmissionRecord | null> {
    return this.em.findOne(PortalSubmissionRecord, { dossierId });
  }
}
