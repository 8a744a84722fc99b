import { Role } from '../auth/viewer';
import { Channel } from '../catalog/catalog.enums';
import { ErrorCode, UserError } from '../errors';
import type { DossierAccess } from './dossier-access';
import type { Dossier } from './dossier.entity';
import { DossierStatus, type ReturnMethod } from './dossier.enums';
import type { ComponentData, DossierIntakeService } from './intake.service';

export interface SubmitInput {
  procedureCode: string;
  components: ComponentData[];
  returnMethod?: ReturnMethod | null;
  deliveryAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  feeCodes?: string[] | null;
  idempotencyKey?: string | null;
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
}

/**
 * The two doors of the contract: online submission by a citizen and
 * reception by an officer. Until the population-database connector lands
 * (#4), the applicant's identity is the citizen's token (name, personal id)
 * or what the officer typed, and is marked unverified.
 */
export class ReceptionService {
  constructor(
    private readonly access: DossierAccess,
    private readonly intake: DossierIntakeService,
  ) {}

  async submit(input: SubmitInput): Promise<Dossier> {
    const user = this.access.requireRole(Role.CITIZEN);
    const personalId = user.personalId ?? '';
    return this.intake.intake({
      procedureCode: input.procedureCode,
      channel: Channel.ONLINE,
      status: DossierStatus.SUBMITTED,
      applicant: { personalId, fullName: user.name, phone: input.phone ?? null, email: input.email ?? null, identityVerified: false },
      components: input.components,
      returnMethod: input.returnMethod ?? null,
      deliveryAddress: input.deliveryAddress ?? null,
      feeCodes: input.feeCodes ?? null,
      ...(input.idempotencyKey ? { idempotency: { scope: `citizen:${personalId}`, key: input.idempotencyKey } } : {}),
      actor: { id: user.id, name: user.name, agencyId: null },
    });
  }

  async receive(input: ReceiveInput): Promise<Dossier> {
    const user = this.access.requireRole(Role.OFFICER);
    if (input.channel === Channel.ONLINE) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Tiếp nhận tại quầy dùng kênh COUNTER hoặc POSTAL; hồ sơ trực tuyến do công dân nộp.', 'input.channel');
    }
    const fullName = input.applicant.fullName?.trim();
    if (!fullName) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Cần họ và tên người nộp hồ sơ.', 'input.applicant.fullName');
    }
    return this.intake.intake({
      procedureCode: input.procedureCode,
      channel: input.channel,
      status: DossierStatus.RECEIVED,
      applicant: {
        personalId: input.applicant.personalId.trim(),
        fullName,
        phone: input.applicant.phone ?? null,
        email: input.applicant.email ?? null,
        identityVerified: false,
      },
      components: input.components,
      returnMethod: input.returnMethod ?? null,
      deliveryAddress: input.deliveryAddress ?? null,
      feeCodes: input.feeCodes ?? null,
      receivingAgencyCode: user.agencyCode ?? '',
      ...(input.idempotencyKey ? { idempotency: { scope: `officer:${user.id}`, key: input.idempotencyKey } } : {}),
      actor: { id: user.id, name: user.name, agencyId: await this.access.officerAgencyId() },
    });
  }
}
