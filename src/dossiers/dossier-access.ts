import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../access';
import { Role } from '../auth';
import { AccessError, ErrorCode } from '../errors';
import type { Dossier } from './dossier.entity';
import { Consultation } from './lifecycle.entity';
import { DossierStatus } from './dossier.enums';

/** An online dossier not yet received: submitted, or asked to be completed before reception. */
const WAITING_FOR_RECEPTION: readonly DossierStatus[] = [DossierStatus.SUBMITTED, DossierStatus.SUPPLEMENT_REQUESTED];

/**
 * Who may see which dossier (contract README): officers the dossiers
 * received by or currently at their agency, citizens their own, supervisors
 * all. One per request; answers are memoised per dossier.
 */
export class DossierAccess extends Access {
  private readonly seen = new Map<string, Promise<boolean>>();
  /** Dossiers decided visible in this request: their fields resolve without waiting. */
  private readonly visible = new Set<string>();

  /** `em`: the transaction the caller holds, when it holds one (an embedded database has one connection: a query outside it would wait for ever). */
  async canSee(dossier: Dossier, em: EntityManager = this.em): Promise<boolean> {
    let answer = this.seen.get(dossier.id);
    if (!answer) {
      answer = this.decideSee(dossier, em).then((yes) => {
        if (yes) this.visible.add(dossier.id);
        return yes;
      });
      this.seen.set(dossier.id, answer);
    }
    return answer;
  }

  /** Whether this request already decided that its viewer may see the dossier (never a decision itself). */
  knownVisible(id: string): boolean {
    return this.visible.has(id);
  }

  private async decideSee(dossier: Dossier, em: EntityManager): Promise<boolean> {
    const viewer = this.viewer;
    if (viewer.kind !== 'user') return false;
    if (viewer.roles.has(Role.SUPERVISOR)) return true;
    if (viewer.roles.has(Role.CITIZEN) && viewer.personalId === dossier.applicant.personalId) return true;
    const agencyId = await this.officerAgencyId();
    if (agencyId === null) return false;
    if (dossier.receivingAgency.id === agencyId || dossier.currentAgency.id === agencyId) return true;
    // The one-stop counter sees what waits to be received, for every department.
    if (dossier.receivedAt === null && WAITING_FOR_RECEPTION.includes(dossier.status) && (await this.isCentreOfficer())) return true;
    // An agency whose opinion was asked sees the dossier it gives it on.
    return (await em.count(Consultation, { dossier: dossier.id, agency: agencyId })) > 0;
  }

  /** The consultations awaiting this officer's agency, oldest first (what its officers must answer). */
  async awaitingOpinions(): Promise<Consultation[]> {
    this.requireRole(Role.OFFICER);
    const agencyId = await this.officerAgencyId();
    if (agencyId === null) return [];
    return this.em.find(Consultation, { agency: agencyId, answeredAt: null }, { orderBy: { requestedAt: 'asc' }, limit: 200, populate: ['dossier'] });
  }

  /**
   * Lets this request show the dossier to its viewer: an officer who just
   * forwarded a dossier out of their agency sees the outcome of their own act.
   */
  grant(dossier: Dossier): void {
    this.seen.set(dossier.id, Promise.resolve(true));
    this.visible.add(dossier.id);
  }

  /** UNAUTHENTICATED without a user; FORBIDDEN when this user may not see the dossier. */
  async assertCanSee(dossier: Dossier, em?: EntityManager): Promise<void> {
    this.requireUser();
    if (!(await this.canSee(dossier, em))) throw new AccessError(ErrorCode.FORBIDDEN, 'Bạn không có quyền xem hồ sơ này.');
  }

  /** The dossiers this viewer may list, as a filter (worklists). */
  async listScope(): Promise<ObjectQuery<Dossier>> {
    const user = this.requireRole(Role.OFFICER, Role.SUPERVISOR);
    if (user.roles.has(Role.SUPERVISOR)) return {};
    const agencyId = await this.officerAgencyId();
    if (agencyId === null) return { id: { $in: [] } };
    const waiting = (await this.isCentreOfficer()) ? [{ receivedAt: null, status: { $in: [...WAITING_FOR_RECEPTION] } }] : [];
    return { $or: [{ receivingAgency: agencyId }, { currentAgency: agencyId }, ...waiting] };
  }
}
