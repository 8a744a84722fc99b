import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../shared/logger';
import { Channel } from '../catalog';
import type { Database } from '../db/database';
import { DocumentForm, DossierStatus, IdentityStatus, ReturnMethod, type Dossier, type IntakeRequest } from '../dossiers';
import { UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { PortalSubmissionRecord } from './portal-submission.entity';
import type { NationalPortal, PortalSubmission } from './portal.port';

/** The idempotency scope of pulled dossiers: the portal's code is the key, so a submission is never made twice. */
const PORTAL_SUBMISSION_SCOPE = 'portal:dvcqg';

/** What one pull did. */
export interface PortalPullResult {
  /** Submissions the portal listed. */
  listed: number;
  /** Hub dossiers made in this pull. */
  created: number;
  /** Listed again (the portal had not heard the acknowledgement) and found with their dossier. */
  alreadyTaken: number;
  /** The hub could not take them: each kept with its reason for a supervisor. */
  failed: number;
  /** Taken, but telling the portal failed: told again at the next pull. */
  unacknowledged: number;
}

export interface PortalPullDependencies {
  database: Database;
  /** The `portal` instance's port (under its timeout, retries and breaker). */
  portal: NationalPortal;
  clock: Clock;
  logger: Logger;
  /** Creates a dossier as any submission is created (the catalogue's checks, code, documents, the portal's own sync). */
  intake: (em: EntityManager, request: IntakeRequest) => Promise<Dossier>;
}

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const field = error instanceof UserError && error.field ? ` (${error.field})` : '';
  return `${message}${field}`.slice(0, 2000);
};

const SOURCE_NAME: Record<string, string> = { DVCQG: 'Cổng Dịch vụ công quốc gia', VNEID: 'ứng dụng VNeID' };

/** The submission as the hub's intake takes any online submission: checked the same way, SUBMITTED, waiting for an officer to receive it. */
function intakeRequest(submission: PortalSubmission, onCommit: IntakeRequest['onCommit']): IntakeRequest {
  const where = SOURCE_NAME[submission.source ?? 'DVCQG'] ?? SOURCE_NAME.DVCQG;
  return {
    procedureCode: submission.procedureCode,
    channel: Channel.ONLINE,
    status: DossierStatus.SUBMITTED,
    applicant: {
      personalId: submission.applicantPersonalId,
      fullName: submission.applicantName,
      phone: submission.phone,
      email: submission.email,
      // The portal vouches for its login, the hub has not read the population database: an officer checks at reception.
      identityStatus: IdentityStatus.PENDING,
    },
    components: submission.files.map((file) => ({
      code: file.componentCode,
      fileName: file.fileName || null,
      contentType: file.contentType,
      contentBase64: file.contentBase64,
      form: DocumentForm.ELECTRONIC,
    })),
    returnMethod: submission.returnMethod === 'POST' ? ReturnMethod.POST : ReturnMethod.COUNTER,
    deliveryAddress: submission.deliveryAddress,
    ...(submission.receivingAgencyCode ? { receivingAgencyCode: submission.receivingAgencyCode } : {}),
    submittedAt: submission.submittedAt,
    idempotency: { scope: PORTAL_SUBMISSION_SCOPE, key: submission.portalCode },
    actor: { id: `portal:${submission.source ?? 'DVCQG'}`, name: where.charAt(0).toUpperCase() + where.slice(1), agencyId: null },
    note: `Nộp trên ${where}, mã hồ sơ trên Cổng ${submission.portalCode}${submission.verifiedWithVneid ? '; tài khoản đã xác thực VNeID' : ''}.`,
    onCommit,
  };
}

/** The row of a submission, made at its first sight; `values` written over it; `attempt`: this pull's first word on it. */
async function keep(em: EntityManager, submission: PortalSubmission, now: Date, values: Partial<PortalSubmissionRecord>, { attempt = false } = {}): Promise<PortalSubmissionRecord> {
  const existing = await em.findOne(PortalSubmissionRecord, { portalCode: submission.portalCode });
  const record =
    existing ??
    em.create(PortalSubmissionRecord, {
      portalCode: submission.portalCode,
      procedureCode: submission.procedureCode.slice(0, 40),
      applicantName: submission.applicantName.slice(0, 300),
      firstSeenAt: now,
      lastTriedAt: now,
    });
  em.assign(record, {
    source: submission.source,
    submittedAt: submission.submittedAt,
    procedureCode: submission.procedureCode.slice(0, 40),
    applicantName: submission.applicantName.slice(0, 300),
    lastTriedAt: now,
    attempts: record.attempts + (attempt ? 1 : 0),
    ...values,
  });
  await em.flush();
  return record;
}

/**
 * Pulls the dossiers filed on the national portal or VNeID (scheduled, or
 * a supervisor's "pull now"): each becomes a hub dossier SUBMITTED online,
 * with the portal's code kept, then the portal is told (CapNhatDaNhanHoSo)
 * and stops listing it. The portal's code is the dossier's idempotency key,
 * so a submission listed again (the acknowledgement lost, two hub processes
 * pulling at once) finds its dossier and is never made twice. One the hub
 * cannot take (an unknown procedure, a missing document, a bad personal
 * id) is kept with the reason and not acknowledged: the portal lists it
 * again and the next pull tries again, once the catalogue or the portal's
 * data is fixed. A portal that cannot be reached fails the pull and loses
 * nothing: the portal still lists what was not taken.
 */
export async function pullPortalSubmissions(deps: PortalPullDependencies): Promise<PortalPullResult> {
  const submissions = await deps.portal.pendingSubmissions();
  const result: PortalPullResult = { listed: submissions.length, created: 0, alreadyTaken: 0, failed: 0, unacknowledged: 0 };
  for (const submission of submissions) {
    const now = deps.clock.now();
    let dossier: Dossier;
    let created = false;
    try {
      dossier = await deps.intake(
        deps.database.fork(),
        intakeRequest(submission, async (tx, made) => {
          // Written with the dossier: a crash between them cannot leave a dossier the record does not know.
          created = true;
          await keep(tx, submission, now, { dossierId: made.id, dossierCode: made.code, lastError: null }, { attempt: true });
        }),
      );
    } catch (error) {
      result.failed++;
      deps.logger.warn({ portalCode: submission.portalCode, err: error }, 'a dossier filed on the national portal could not be taken');
      await keep(deps.database.fork(), submission, now, { lastError: describe(error) }, { attempt: true });
      continue;
    }
    if (created) result.created++;
    else {
      result.alreadyTaken++;
      await keep(deps.database.fork(), submission, now, { dossierId: dossier.id, dossierCode: dossier.code }, { attempt: true });
    }
    try {
      await deps.portal.acknowledgeSubmission(submission.portalCode, dossier.code);
      await keep(deps.database.fork(), submission, now, { acknowledgedAt: deps.clock.now(), lastError: null });
    } catch (error) {
      result.unacknowledged++;
      await keep(deps.database.fork(), submission, now, { lastError: `Đã tạo hồ sơ ${dossier.code} nhưng chưa báo được Cổng: ${describe(error)}` });
    }
  }
  if (submissions.length > 0) deps.logger.info({ ...result }, 'dossiers filed on the national portal pulled');
  return result;
}
