import { LockMode } from '@mikro-orm/core';
import { ErrorCode, UserError } from '../errors';
import type { Database } from '../db/database';
import type { DeliveryHandler } from '../outbox';
import type { OutgoingMessage } from '../outbox';
import type { Clock } from '../shared/clock';
import { foldVietnamese } from '../shared/vietnamese';
import { CitizenService } from '../citizens';
import type { CitizenRecord, ConsentProof, PopulationRegistry } from '../citizens';
import { Dossier, IdentityStatus } from './dossier.entity';
import { recordHistory } from './dossier-records';
import { HistoryAction } from './lifecycle.entity';

/**
 * A job handler of the dossiers feature (it edits the dossier): the outbox
 * topic that checks, once the population database answers, an identity
 * typed while it was down.
 */
export const VERIFY_IDENTITY = 'population.verify-identity';

/** The hub itself, as the actor of background checks in logs and histories. */
export const HUB_ACTOR = { id: 'lienthong-hub', name: 'Hệ thống Liên thông (xác minh tự động)' };

interface VerifyPayload {
  dossierId: string;
  dossierCode: string;
  personalId: string;
  agencyCode: string;
  /** The consent the reception carried (the citizen's one-time code); absent in messages written before it was kept. */
  consentToken?: string;
}

/** The verification of a reception made while the population database was down, on that reception's own consent. */
export function verificationMessage(dossier: Dossier, agencyCode: string, consent: Extract<ConsentProof, { kind: 'OTP' }>): OutgoingMessage {
  const payload: VerifyPayload = { dossierId: dossier.id, dossierCode: dossier.code, personalId: dossier.applicant.personalId, agencyCode, consentToken: consent.code };
  return { topic: VERIFY_IDENTITY, payload: { ...payload }, idempotencyKey: `${VERIFY_IDENTITY}:${dossier.id}` };
}

const CONSENT_NOTE =
  'Cơ sở dữ liệu dân cư không chấp nhận mã xác nhận (OTP) của lần tiếp nhận: chưa đọc thông tin công dân; cán bộ cần xác minh lại với mã xác nhận mới.';

/**
 * Delivers a verification: looks the applicant up with the consent the
 * reception carried (logged like any lookup), then, with the message's
 * DELIVERED mark, writes what the database says: VERIFIED (and its data)
 * when the names agree, MISMATCH (the typed name kept beside) when they do
 * not, NOT_FOUND when it has no such citizen. A consent the database
 * refuses (or a message without one) reads nothing and marks the applicant
 * CONSENT_REFUSED: the record is never opened on another basis.
 */
export function verifyIdentityHandler(deps: { database: Database; registry: PopulationRegistry; clock: Clock }): DeliveryHandler {
  return async (raw, context) => {
    const payload = raw as unknown as VerifyPayload;
    const citizens = new CitizenService(deps.database.fork(), deps.registry, deps.clock);
    let citizen: CitizenRecord | null | undefined;
    if (payload.consentToken) {
      try {
        const found = await citizens.lookup({
          requestId: `${context.messageId}:${context.attempt}`,
          personalId: payload.personalId,
          purpose: `Xác minh danh tính người nộp hồ sơ ${payload.dossierCode}`,
          dossierCode: payload.dossierCode,
          consent: { kind: 'OTP', code: payload.consentToken },
          requester: { ...HUB_ACTOR, agencyCode: payload.agencyCode },
        });
        citizen = found.citizen;
      } catch (error) {
        if (!(error instanceof UserError && error.code === ErrorCode.CONSENT_REQUIRED)) throw error;
        citizen = undefined;
      }
    }
    return {
      apply: async (tx) => {
        // The dossier's row lock first, as every change of a dossier takes it (the history's chain head is taken after it).
        const dossier = await tx.findOne(Dossier, payload.dossierId, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!dossier || dossier.applicant.identityStatus !== IdentityStatus.PENDING) return;
        const applicant = dossier.applicant;
        let note: string;
        if (citizen === undefined) {
          applicant.identityStatus = IdentityStatus.CONSENT_REFUSED;
          note = CONSENT_NOTE;
        } else if (!citizen) {
          applicant.identityStatus = IdentityStatus.NOT_FOUND;
          note = 'Cơ sở dữ liệu dân cư không có số định danh này: cần cán bộ kiểm tra.';
        } else {
          const typed = applicant.typedFullName ?? applicant.fullName;
          const agrees = foldVietnamese(typed) === foldVietnamese(citizen.name.full);
          applicant.identityStatus = agrees ? IdentityStatus.VERIFIED : IdentityStatus.MISMATCH;
          applicant.fullName = citizen.name.full;
          applicant.dateOfBirth = citizen.dateOfBirth;
          applicant.gender = citizen.gender;
          applicant.permanentAddress = citizen.permanentAddress.text;
          applicant.currentAddress = citizen.currentAddress.text;
          note = agrees ? 'Đã xác minh danh tính với Cơ sở dữ liệu dân cư.' : `Họ tên đã nhập "${typed}" khác họ tên trong Cơ sở dữ liệu dân cư: cần cán bộ kiểm tra.`;
        }
        dossier.lastActionAt = deps.clock.now();
        recordHistory(tx, dossier, {
          action: HistoryAction.VERIFY_IDENTITY,
          from: dossier.status,
          to: dossier.status,
          actor: { ...HUB_ACTOR, agencyId: null },
          at: deps.clock.now(),
          note,
        });
      },
    };
  };
}
