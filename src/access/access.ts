import type { EntityManager } from '@mikro-orm/postgresql';
import { hasRole, Role, type User, type Viewer } from '../auth';
import { Agency, AgencyKind } from '../catalog';
import { AccessError, ErrorCode } from '../errors';

/**
 * Who calls, and what their roles let them do (contract README, "Who
 * calls"): the checks every feature makes before it acts. One per request.
 * Dossier-level checks (which dossier a caller may see) extend it in
 * src/dossiers/dossier-access.ts.
 */
export class Access {
  private agency: Promise<{ id: string; kind: AgencyKind } | null> | undefined;

  constructor(
    protected readonly em: EntityManager,
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
  async officerAgencyId(): Promise<string | null> {
    return (await this.officerAgency())?.id ?? null;
  }

  /** Whether the officer works at the centre's one-stop counter (an agency of kind CENTRE), which receives for every department. */
  async isCentreOfficer(): Promise<boolean> {
    return (await this.officerAgency())?.kind === AgencyKind.CENTRE;
  }

  private officerAgency(): Promise<{ id: string; kind: AgencyKind } | null> {
    this.agency ??= (async () => {
      if (!hasRole(this.viewer, Role.OFFICER) || this.viewer.agencyCode === null) return null;
      const agency = await this.em.findOne(Agency, { code: this.viewer.agencyCode }, { fields: ['id', 'kind'] });
      return agency ? { id: agency.id, kind: agency.kind } : null;
    })();
    return this.agency;
  }
}
