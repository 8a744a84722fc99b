import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hasRole, Role, type User, type Viewer } from '../auth/viewer';
import { Agency } from '../catalog/agency.entity';
import { AccessError, ErrorCode } from '../errors';
import type { Dossier } from './dossier.entity';

/**
 * Who may see which dossier (contract README): officers the dossiers
 * received by or currently at their agency, citizens their own, supervisors
 * all. One per request; answers are memoised per dossier.
 */
export class DossierAccess {
  private agencyId: Promise<string | null> | undefined;
  private readonly seen = new Map<string, Promise<boolean>>();

  constructor(
    private readonly em: EntityManager,
    readonly viewer: Viewer,
  ) {}

  /** The signed-in user, or UNAUTHENTICATED (with why the token was refused). */
  requireUser(): User {
    if (this.viewer.kind === 'user') return this.viewer;
    const why = this.viewer.tokenError ? ` (${this.viewer.tokenError})` : '';
    throw new AccessError(ErrorCode.UNAUTHENTICATED, `Cần đăng nhập để thực hiện thao tác này${why}.`);
  }

  /** The signed-in user holding one of `roles`, or UNAUTHENTICATED / FORBIDDEN. */
  requireRole(...roles: Role[]): User {
    const user = this.requireUser();
    if (!roles.some((role) => user.roles.has(role))) {
      throw new AccessError(ErrorCode.FORBIDDEN, 'Vai trò của bạn không được thực hiện thao tác này.');
    }
    return user;
  }

  /** The id of the officer's agency (null if not an officer, or the code is unknown). */
  officerAgencyId(): Promise<string | null> {
    this.agencyId ??= (async () => {
      if (!hasRole(this.viewer, Role.OFFICER) || this.viewer.agencyCode === null) return null;
      const agency = await this.em.findOne(Agency, { code: this.viewer.agencyCode }, { fields: ['id'] });
      return agency?.id ?? null;
    })();
    return this.agencyId;
  }

  async canSee(dossier: Dossier): Promise<boolean> {
    let answer = this.seen.get(dossier.id);
    if (!answer) {
      answer = this.decideSee(dossier);
      this.seen.set(dossier.id, answer);
    }
    return answer;
  }

  private async decideSee(dossier: Dossier): Promise<boolean> {
    const viewer = this.viewer;
    if (viewer.kind !== 'user') return false;
    if (viewer.roles.has(Role.SUPERVISOR)) return true;
    if (viewer.roles.has(Role.CITIZEN) && viewer.personalId === dossier.applicant.personalId) return true;
    const agencyId = await this.officerAgencyId();
    return agencyId !== null && (dossier.receivingAgency.id === agencyId || dossier.currentAgency.id === agencyId);
  }

  /**
   * Lets this request show the dossier to its viewer: an officer who just
   * forwarded a dossier out of their agency sees the outcome of their own act.
   */
  grant(dossier: Dossier): void {
    this.seen.set(dossier.id, Promise.resolve(true));
  }

  /** UNAUTHENTICATED without a user; FORBIDDEN when this user may not see the dossier. */
  async assertCanSee(dossier: Dossier): Promise<void> {
    this.requireUser();
    if (!(await this.canSee(dossier))) throw new AccessError(ErrorCode.FORBIDDEN, 'Bạn không có quyền xem hồ sơ này.');
  }

  /** The dossiers this viewer may list, as a filter (worklists). */
  async listScope(): Promise<ObjectQuery<Dossier>> {
    const user = this.requireRole(Role.OFFICER, Role.SUPERVISOR);
    if (user.roles.has(Role.SUPERVISOR)) return {};
    const agencyId = await this.officerAgencyId();
    if (agencyId === null) return { id: { $in: [] } };
    return { $or: [{ receivingAgency: agencyId }, { currentAgency: agencyId }] };
  }
}
