import { Role } from '../auth';
import type { CitizenService, LoggedLookup } from '../citizens';
import { readPersonalId } from '../shared/personal-id';
import { verificationMessage } from './identity-verification';
import type { CitizenRecord } from '../citizens';
import { Channel } from '../catalog';
import type { CatalogService } from '../catalog';
import { ErrorCode, UpstreamError, UserError } from '../errors';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Outbox } from '../outbox';
import type { DossierAccess } from './dossier-access';
import { IdentityStatus, type Dossier } from './dossier.entity';
import { DossierStatus, type ReturnMethod } from './dossier.enums';
import type { ApplicantData, ComponentData, DossierIntakeService } from './intake.service';
import { checkCounterPayment, type CounterPayment } from './obligations';

export interface SubmitInput {
  procedureCode: string;
  components: ComponentData[];
  returnMethod?: ReturnMethod | null;
  deliveryAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  feeCodes?: string[] | null;
  idempotencyKey?: string | null;
  /** Filed by post: the post collects the paper dossier at this address (channel POSTAL). */
  pickupAddress?: string | null;
}

/** Told, in the submission's transaction, that the post must collect a dossier's papers at `address` (the postal feature orders it). */
export type PickupHook = (tx: EntityManager, dossier: Dossier, address: string) => Promise<void>;

/** What an officer at the counter gives for any dossier brought: the procedure, the channel, the applicant, the documents. */
interface CounterInput {
  procedureCode: string;
  channel: Channel;
  applicant: { personalId: string; consentToken?: string | null; fullName?: string | null; phone?: string | null; email?: string | null };
  components: ComponentData[];
  idempotencyKey?: string | null;
}

/** A dossier refused at the counter, with the reasons. */
export interface RefuseInput extends CounterInput {
  reasons: string[];
}

export interface ReceiveInput {
  procedureCode: string;
  channel: Channel;
  applicant: { personalId: string; consentToken?: string | null; fullName?: string | null; phone?: string | null; email?: string | null };
  components: ComponentData[];
  returnMethod?: ReturnMethod | null;
  deliveryAddress?: string | null;
  feeCodes?: string[] | null;
  idempotencyKey?: string | null;
  /** The fees paid at the counter as the dossier is received. */
  payment?: CounterPayment | null;
}

/** The applicant as the population database knows them. */
function applicantFrom(citizen: CitizenRecord, contact: { phone?: string | null; email?: string | null }): ApplicantData {
  return {
    personalId: citizen.personalId,
    fullName: citizen.name.full,
    dateOfBirth: citizen.dateOfBirth,
    gender: citizen.gender,
    permanentAddress: citizen.permanentAddress.text,
    currentAddress: citizen.currentAddress.text,
    phone: contact.phone ?? null,
    email: contact.email ?? null,
    identityStatus: IdentityStatus.VERIFIED,
  };
}

const notFound = (field: string) =>
  new UserError(ErrorCode.NOT_FOUND, 'Cơ sở dữ liệu quốc gia về dân cư không có công dân với số định danh này; kiểm tra lại số định danh.', field);

/**
 * The two doors of the contract: online submission by a citizen and
 * reception by an officer. The applicant's identity is read from the
 * national population database, with consent: the citizen's own login
 * online, the one-time code the citizen gives at the counter. When the
 * database is down, a counter reception goes on with the name the officer
 * types, marked unverified, and a job checks it when the database is back;
 * an online submission cannot, and answers UPSTREAM_UNAVAILABLE.
 */
export class ReceptionService {
  constructor(
    private readonly access: DossierAccess,
    private readonly catalog: CatalogService,
    private readonly citizens: CitizenService,
    private readonly intake: DossierIntakeService,
    private readonly outbox: Outbox,
    private readonly onPickup?: PickupHook,
  ) {}

  async submit(input: SubmitInput): Promise<Dossier> {
    const user = this.access.requireRole(Role.CITIZEN);
    const personalId = user.personalId ?? '';
    const pickup = this.pickupAddress(input);
    const procedure = await this.catalog.procedureByCode(input.procedureCode, 'input.procedureCode');
    const agency = await this.catalog.agencyOf(procedure);
    const lookup = await this.citizens.lookup({
      personalId,
      purpose: `Nộp hồ sơ trực tuyến thủ tục ${procedure.code}`,
      consent: { kind: 'IDENTITY_LOGIN', subject: user.id },
      requester: { id: user.id, name: user.name, agencyCode: agency.code },
    });
    if (!lookup.citizen) throw notFound('personalId');
    return this.intake.intake({
      procedureCode: procedure.code,
      channel: pickup ? Channel.POSTAL : Channel.ONLINE,
      status: DossierStatus.SUBMITTED,
      applicant: applicantFrom(lookup.citizen, input),
      components: input.components,
      returnMethod: input.returnMethod ?? null,
      deliveryAddress: input.deliveryAddress ?? null,
      feeCodes: input.feeCodes ?? null,
      ...(input.idempotencyKey ? { idempotency: { scope: `citizen:${personalId}`, key: input.idempotencyKey } } : {}),
      actor: { id: user.id, name: user.name, agencyId: null },
      onCommit: async (tx, dossier) => {
        await this.citizens.attachDossier(tx, lookup.logId, dossier.code);
        if (pickup && this.onPickup) await this.onPickup(tx, dossier, pickup);
      },
    });
  }

  /** The address the post collects a dossier filed by post at, checked; null for a dossier filed online. */
  private pickupAddress(input: SubmitInput): string | null {
    if (input.pickupAddress === undefined || input.pickupAddress === null) return null;
    const address = input.pickupAddress.trim();
    if (address === '' || address.length > 500) throw new UserError(ErrorCode.INVALID_INPUT, 'Địa chỉ bưu điện đến nhận hồ sơ không được để trống và không quá 500 ký tự.', 'input.pickupAddress');
    if (!input.phone?.trim()) throw new UserError(ErrorCode.INVALID_INPUT, 'Cần số điện thoại để bưu điện hẹn đến nhận hồ sơ.', 'input.phone');
    if (!this.onPickup) throw new UserError(ErrorCode.INVALID_INPUT, 'Trung tâm chưa kết nối dịch vụ bưu chính: hãy nộp trực tuyến hoặc tại quầy.', 'input.pickupAddress');
    return address;
  }

  async receive(input: ReceiveInput): Promise<Dossier> {
    const { user, procedure, agencyCode, applicant, logId, consentToken } = await this.atCounter(input, 'Tiếp nhận');
    return this.intake.intake({
      procedureCode: procedure.code,
      channel: input.channel,
      status: DossierStatus.RECEIVED,
      applicant,
      components: input.components,
      returnMethod: input.returnMethod ?? null,
      deliveryAddress: input.deliveryAddress ?? null,
      feeCodes: input.feeCodes ?? null,
      paidAtCounter: input.payment ? checkCounterPayment(input.payment, 'input.payment') : null,
      receivingAgencyCode: agencyCode,
      ...(input.idempotencyKey ? { idempotency: { scope: `officer:${user.id}`, key: input.idempotencyKey } } : {}),
      actor: { id: user.id, name: user.name, agencyId: await this.access.officerAgencyId() },
      onCommit: async (tx, dossier) => {
        if (logId) await this.citizens.attachDossier(tx, logId, dossier.code);
        if (applicant.identityStatus === IdentityStatus.PENDING) {
          // The check later runs on this reception's consent (the citizen's code), never on another basis.
          await this.outbox.enqueue(tx, verificationMessage(dossier, agencyCode, { kind: 'OTP', code: consentToken }));
        }
      },
    });
  }

  /**
   * A counter refusal (Phiếu từ chối tiếp nhận, Mẫu 03): the dossier brought
   * is not received, for the reasons stated; it is recorded REJECTED (never
   * received, nothing owed, no steps) with what was brought, so that the
   * applicant gets the notice and the refusal counts in the figures.
   */
  async refuse(input: RefuseInput): Promise<Dossier> {
    const reasons = input.reasons.map((r) => r.trim()).filter((r) => r !== '');
    if (reasons.length === 0 || reasons.length > 10 || reasons.some((r) => r.length > 500)) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Nêu từ 1 đến 10 lý do từ chối tiếp nhận (mỗi lý do không quá 500 ký tự).', 'input.reasons');
    }
    const { user, procedure, agencyCode, applicant, logId } = await this.atCounter(input, 'Từ chối tiếp nhận');
    return this.intake.intake({
      procedureCode: procedure.code,
      channel: input.channel,
      status: DossierStatus.REJECTED,
      refusalReasons: reasons,
      applicant,
      components: input.components,
      receivingAgencyCode: agencyCode,
      ...(input.idempotencyKey ? { idempotency: { scope: `officer:${user.id}`, key: input.idempotencyKey } } : {}),
      actor: { id: user.id, name: user.name, agencyId: await this.access.officerAgencyId() },
      onCommit: async (tx, dossier) => {
        if (logId) await this.citizens.attachDossier(tx, logId, dossier.code);
      },
    });
  }

  /**
   * Who is at the counter, and for what: the officer, the procedure (one
   * their agency receives), and the applicant read from the population
   * database with the code the citizen gave, or, while it is down, the name
   * the officer types (checked later).
   */
  private async atCounter(input: CounterInput, what: string) {
    const user = this.access.requireRole(Role.OFFICER);
    if (input.channel === Channel.ONLINE) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Tiếp nhận tại quầy dành cho hồ sơ nộp trực tiếp hoặc qua bưu chính; hồ sơ trực tuyến do công dân nộp.', 'input.channel');
    }
    const personalId = readPersonalId(input.applicant.personalId, 'input.applicant.personalId');
    const consentToken = input.applicant.consentToken?.trim();
    if (!consentToken) {
      throw new UserError(
        ErrorCode.CONSENT_REQUIRED,
        'Cần mã xác nhận (OTP) mà công dân nhận được để đọc thông tin từ Cơ sở dữ liệu quốc gia về dân cư.',
        'input.applicant.consentToken',
      );
    }
    const procedure = await this.catalog.procedureByCode(input.procedureCode, 'input.procedureCode');
    const agencyCode = user.agencyCode ?? '';
    // Before the applicant's record is read: a reception this officer may not make opens nobody's record.
    await this.intake.receivingAgency(procedure, agencyCode);
    const typedName = input.applicant.fullName?.trim() || null;
    let lookup: LoggedLookup | null = null;
    let applicant: ApplicantData;
    try {
      lookup = await this.citizens.lookup({
        personalId,
        purpose: `${what} hồ sơ thủ tục ${procedure.code}`,
        consent: { kind: 'OTP', code: consentToken },
        requester: { id: user.id, name: user.name, agencyCode },
      });
      if (!lookup.citizen) throw notFound('input.applicant.personalId');
      applicant = applicantFrom(lookup.citizen, input.applicant);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (!typedName) {
        throw new UserError(
          ErrorCode.INVALID_INPUT,
          'Cơ sở dữ liệu quốc gia về dân cư đang không phản hồi: nhập họ và tên công dân để tiếp nhận; hệ thống sẽ tự xác minh khi kết nối được khôi phục.',
          'input.applicant.fullName',
        );
      }
      applicant = {
        personalId,
        fullName: typedName,
        typedFullName: typedName,
        phone: input.applicant.phone ?? null,
        email: input.applicant.email ?? null,
        identityStatus: IdentityStatus.PENDING,
      };
    }
    return { user, procedure, agencyCode, applicant, logId: lookup?.logId, consentToken };
  }
}
