import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access';
import { Role } from '../auth';
import { ErrorCode, UserError } from '../errors';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import { PortalSubmissionRecord, PortalSubmissionStatus } from './portal-submission.entity';
import type { PortalPullResult } from './portal-submissions';
import type { Clock } from '../shared/clock';
import { CatalogueReview } from './catalogue-review.entity';
import { applyCatalogueReview } from './catalogue-sync';
import { isUuid } from '../shared/uuid';

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

export interface PortalAdminDependencies {
  maxPageSize: number;
  clock: Clock;
  /** Runs a pull now; absent when PORTAL_SUBMISSIONS_ENABLED=false. */
  pullPortalSubmissions?: () => Promise<PortalPullResult>;
  /** Compares the national catalogue with the hub's now. */
  checkNationalCatalogue?: () => Promise<CatalogueReview>;
}


/** `id` when it can be a comparison's, else INVALID_INPUT on `id`. */
function reviewId(id: string): string {
  if (!isUuid(id)) throw new UserError(ErrorCode.INVALID_INPUT, 'Mã lần so sánh không hợp lệ.', 'id');
  return id;
}

/**
 * The supervisors' side of the national portal: the dossiers pulled from it
 * (what came, what could not be taken, "pull now"), and the national
 * catalogue's comparisons (compare now, read, apply).
 */
export class PortalAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly deps: PortalAdminDependencies,
  ) {}

  /** The submissions pulled, with `status` (all when null), newest first. */
  async submissions(status: PortalSubmissionStatus | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<PortalSubmissionRecord>> {
    this.access.requireRole(Role.SUPERVISOR);
    const page = pageRequest(first, after, this.deps.maxPageSize, isPairKey);
    const query = this.em.createQueryBuilder(PortalSubmissionRecord, 's');
    if (status) query.where(WHERE[status]);
    return keysetPage(query, page, NEWEST_FIRST);
  }

  /** Pulls now what the scheduled job would. UPSTREAM_UNAVAILABLE when the portal cannot be reached (nothing lost: the portal lists them still). */
  async pull(): Promise<PortalPullResult> {
    this.access.requireRole(Role.SUPERVISOR);
    if (!this.deps.pullPortalSubmissions) throw new UserError(ErrorCode.INVALID_INPUT, 'Trung tâm đã tắt việc lấy hồ sơ nộp trên Cổng DVCQG (PORTAL_SUBMISSIONS_ENABLED=false).');
    return this.deps.pullPortalSubmissions();
  }

  /** A comparison by id, or the latest; null when none was made. */
  async catalogueReview(id: string | null | undefined): Promise<CatalogueReview | null> {
    this.access.requireRole(Role.SUPERVISOR);
    if (id !== null && id !== undefined) {
      return this.em.findOne(CatalogueReview, { id: reviewId(id) });
    }
    const [latest] = await this.em.find(CatalogueReview, {}, { orderBy: { checkedAt: 'desc', id: 'desc' }, limit: 1 });
    return latest ?? null;
  }

  /** Compares the national catalogue with the hub's now (the scheduled job does it nightly); changes nothing in the catalogue. */
  async checkCatalogue(): Promise<CatalogueReview> {
    this.access.requireRole(Role.SUPERVISOR);
    if (!this.deps.checkNationalCatalogue) throw new UserError(ErrorCode.INVALID_INPUT, 'Trung tâm chưa kết nối Cổng DVCQG.');
    return this.deps.checkNationalCatalogue();
  }

  /** Applies what a comparison found applicable; new versions for the procedures it changes. */
  async applyCatalogue(id: string): Promise<CatalogueReview> {
    const user = this.access.requireRole(Role.SUPERVISOR);
    return applyCatalogueReview(this.em, reviewId(id), user.name, this.deps.clock);
  }

  /** The pulled submission a dossier came from, or null for a dossier filed with the hub. */
  async ofDossier(dossierId: string): Promise<PortalSubmissionRecord | null> {
    return this.em.findOne(PortalSubmissionRecord, { dossierId });
  }
}
