import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import type { DossierAccess } from './dossier-access';
import { Dossier } from './dossier.entity';
import { DossierStatus, type SatisfactionRating } from './dossier.enums';
import { DossierRating } from './lifecycle.entity';
import { byDossierCode, checkDossierCode } from './dossier-code';

const RATEABLE = new Set([DossierStatus.RESULT_READY, DossierStatus.RETURNED]);

/** The applicant's satisfaction rating: once per dossier, only by its applicant, only once the result is ready. */
export class RatingService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly clock: Clock,
  ) {}

  async rate(code: string, rating: SatisfactionRating, comment: string | null | undefined): Promise<void> {
    const user = this.access.requireRole(Role.CITIZEN);
    const dossier = await this.em.findOne(Dossier, byDossierCode(checkDossierCode(code, 'dossierCode')));
    if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${code.trim()}.`, 'dossierCode');
    if (dossier.applicant.personalId !== user.personalId) {
      throw new AccessError(ErrorCode.FORBIDDEN, 'Chỉ người nộp hồ sơ được đánh giá hồ sơ này.');
    }
    if (!RATEABLE.has(dossier.status)) {
      throw new UserError(ErrorCode.INVALID_TRANSITION, 'Chỉ đánh giá được khi hồ sơ đã có kết quả hoặc đã trả kết quả.', 'dossierCode');
    }
    const text = comment?.trim() || null;
    if (text !== null && text.length > 2000) throw new UserError(ErrorCode.INVALID_INPUT, 'Nội dung đánh giá không quá 2000 ký tự.', 'comment');
    try {
      await this.em.persist(this.em.create(DossierRating, { dossier, rating, comment: text, ratedAt: this.clock.now() })).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new UserError(ErrorCode.INVALID_INPUT, 'Hồ sơ này đã được đánh giá.', 'dossierCode');
      }
      throw error;
    }
  }
}
