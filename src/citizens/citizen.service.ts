import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Role } from '../auth';
import type { Access } from '../access';
import { AccessError, ErrorCode, UpstreamError, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { readPersonalId } from '../shared/personal-id';
import { CitizenAccessLog, LookupBasis, LookupOutcome } from './access-log.entity';
import { ConsentRefusedError, type CitizenRecord, type ConsentProof, type LookupRequest, type PopulationRegistry } from './population.port';

export interface LookupAsk {
  personalId: string;
  purpose: string;
  dossierCode?: string | null;
  consent: ConsentProof | null;
  requester: LookupRequest['requester'];
  /** Unique per call; generated when not given. */
  requestId?: string;
}

/** The outcome of one logged lookup; the log entry can be completed with the dossier it served. */
export interface LoggedLookup {
  citizen: CitizenRecord | null;
  logId: string;
}

const BASIS: Record<ConsentProof['kind'], LookupBasis> = { OTP: LookupBasis.OTP, IDENTITY_LOGIN: LookupBasis.IDENTITY_LOGIN, LEGAL_BASIS: LookupBasis.LEGAL_BASIS };

/**
 * Reads citizens from the population database, and logs every read (who,
 * when, which id, why, for which dossier, on what ground, and what came of
 * it) before and after the call, so that even a read cut short stays on
 * record as PENDING.
 */
export class CitizenService {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: PopulationRegistry,
    private readonly clock: Clock,
  ) {}

  /**
   * One lookup, logged. Not found: `citizen: null`. Refused consent:
   * UserError CONSENT_REQUIRED. Unreachable: UpstreamError. The entry is
   * written (PENDING) before the call, then completed with the outcome.
   */
  async lookup(ask: LookupAsk): Promise<LoggedLookup> {
    const log = this.em.create(CitizenAccessLog, {
      requestId: ask.requestId ?? randomUUID(),
      at: this.clock.now(),
      actorId: ask.requester.id,
      actorName: ask.requester.name,
      agencyCode: ask.requester.agencyCode || null,
      personalId: ask.personalId,
      purpose: ask.purpose,
      dossierCode: ask.dossierCode ?? null,
      basis: ask.consent ? BASIS[ask.consent.kind] : LookupBasis.NONE,
    });
    await this.em.persist(log).flush();
    const finish = (outcome: LookupOutcome) =>
      this.em.nativeUpdate(CitizenAccessLog, { id: log.id, outcome: LookupOutcome.PENDING }, { outcome, answeredAt: this.clock.now() });
    try {
      const result = await this.registry.lookup({
        requestId: log.requestId,
        personalId: ask.personalId,
        requester: ask.requester,
        purpose: ask.purpose,
        dossierCode: ask.dossierCode ?? null,
        consent: ask.consent,
      });
      await finish(result.found ? LookupOutcome.FOUND : LookupOutcome.NOT_FOUND);
      return { citizen: result.found ? result.citizen : null, logId: log.id };
    } catch (error) {
      if (error instanceof ConsentRefusedError) {
        await finish(LookupOutcome.CONSENT_REFUSED);
        // The registry's own words stay in the log: they may name its hosts or echo the personal id.
        throw new UserError(ErrorCode.CONSENT_REQUIRED, 'Cơ sở dữ liệu dân cư không chấp nhận bằng chứng đồng ý: cần mã xác nhận (OTP) công dân nhận được.', 'consentToken');
      }
      await finish(error instanceof UpstreamError ? LookupOutcome.UNAVAILABLE : LookupOutcome.ERROR);
      throw error;
    }
  }

  /** Notes, once, the dossier a lookup served (the log allows only this change of a finished entry). */
  async attachDossier(tx: EntityManager, logId: string, dossierCode: string): Promise<void> {
    await tx.execute('update citizen_access_log set dossier_code = ? where id = ? and dossier_code is null', [dossierCode, logId]);
  }
}

/** The contract's CitizenLookup: an officer at a counter, with a purpose. */
export class CitizenLookupService {
  constructor(
    private readonly access: Access,
    private readonly citizens: CitizenService,
  ) {}

  async lookup(personalId: string, purpose: string, consentToken: string | null | undefined, dossierCode: string | null | undefined): Promise<CitizenRecord | null> {
    const user = this.access.requireRole(Role.OFFICER);
    const id = readPersonalId(personalId, 'personalId');
    const why = purpose.trim();
    if (why.length < 5 || why.length > 500) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Cần ghi rõ mục đích tra cứu (5 đến 500 ký tự).', 'purpose');
    }
    if (user.agencyCode === null) throw new AccessError(ErrorCode.FORBIDDEN, 'Tài khoản cán bộ chưa gắn với cơ quan.');
    const consent: ConsentProof = consentToken?.trim() ? { kind: 'OTP', code: consentToken.trim() } : { kind: 'LEGAL_BASIS', purpose: why };
    const { citizen } = await this.citizens.lookup({
      personalId: id,
      purpose: why,
      dossierCode: dossierCode?.trim() || null,
      consent,
      requester: { id: user.id, name: user.name, agencyCode: user.agencyCode },
    });
    return citizen;
  }
}
