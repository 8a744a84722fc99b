import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OfficeHours } from '../calendar';
import { Agency } from '../catalog';
import { AgencyKind, Channel, ComponentUse, OnlineLevel } from '../catalog';
import type { CatalogService } from '../catalog';
import { Procedure } from '../catalog';
import { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from '../catalog';
import type { DocumentService, ComponentUpload } from '../documents';
import { AccessError, ErrorCode, UserError } from '../errors';
import { localDateOf } from '../shared/local-time';
import { checkPersonalId } from '../shared/personal-id';
import type { Clock } from '../shared/clock';
import { isEmailAddress } from '../shared/email';
import { calendarHorizon, dueFrom, loadWorkingCalendar, provisionalNote } from './deadlines';
import { allocateDossierCode } from './dossier-code';
import { Applicant, DocumentForm, Dossier, DossierComponent, DossierFee, MAX_COPIES, type IdentityStatus } from './dossier.entity';
import type { CounterPayment } from './obligations';
import { DossierStatus, ReturnMethod } from './dossier.enums';
import { createSteps, recordHistory, type Actor } from './dossier-records';
import { HistoryAction } from './lifecycle.entity';

export interface ApplicantData {
  personalId: string;
  fullName: string;
  dateOfBirth?: string | null;
  gender?: string | null;
  permanentAddress?: string | null;
  currentAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  identityStatus: IdentityStatus;
  /** The name an officer typed, kept beside the database's where they differ. */
  typedFullName?: string | null;
}

/** A component as brought: its file (or a document reused), and how the paper was filed. */
export type ComponentData = ComponentUpload & { form?: DocumentForm | null; copies?: number | null };

/** The form and count a component is recorded with: as stated, else a file is electronic; one copy. */
export function filedAs(component: ComponentData, hasDocument: boolean): { form: DocumentForm | null; copies: number } {
  return { form: component.form ?? (hasDocument ? DocumentForm.ELECTRONIC : null), copies: component.copies ?? 1 };
}

/** Told of every dossier created (submitted, received or refused at the counter), in its transaction. */
export type IntakeHook = (tx: EntityManager, dossier: Dossier) => Promise<void>;

export interface IntakeRequest {
  procedureCode: string;
  channel: Channel;
  applicant: ApplicantData;
  components: readonly ComponentData[];
  returnMethod?: ReturnMethod | null;
  deliveryAddress?: string | null;
  /** Fees that depend on the case (default: false in the catalogue) and apply to this dossier. */
  feeCodes?: readonly string[] | null;
  /** The fees were paid at the counter at reception (thu trước), checked by checkCounterPayment. */
  paidAtCounter?: CounterPayment | null;
  /** The agency receiving it; defaults to the procedure's agency. Its identifier heads the code. */
  receivingAgencyCode?: string;
  /** RECEIVED at a counter or from the post; SUBMITTED online, waiting for acceptance; REJECTED: refused at the counter (Mẫu 03), never received. */
  status: DossierStatus.RECEIVED | DossierStatus.SUBMITTED | DossierStatus.REJECTED;
  /** REJECTED: why the counter refused it, for the refusal notice and the history. */
  refusalReasons?: readonly string[];
  /** The same scope and key twice give the same dossier. */
  idempotency?: { scope: string; key: string };
  /** SUBMITTED elsewhere first (on the national portal): when it was filed there; default now. */
  submittedAt?: Date | null;
  /** A word for the first history entry (where the dossier came from). */
  note?: string | null;
  actor: Actor;
  /** More writes that must commit with the dossier (an outbox message, the access log's dossier). */
  onCommit?: (tx: EntityManager, dossier: Dossier) => Promise<void>;
}

const PHONE = /^\+?[0-9 .-]{8,20}$/;
/** The lengths of the applicant's contact columns (dossier.entity.ts): a longer value must be refused here, not by the database. */
const PHONE_MAX_LENGTH = 20;
const EMAIL_MAX_LENGTH = 200;

/** A phone number as a counter or a postman dials it, or INVALID_INPUT on `field`. */
export function checkPhone(phone: string, field: string): void {
  // The length first: the column holds no more, and the pattern need not run on a long text.
  if (phone.length > PHONE_MAX_LENGTH || !PHONE.test(phone)) {
    throw new UserError(ErrorCode.INVALID_INPUT, `Số điện thoại không hợp lệ (8 đến ${PHONE_MAX_LENGTH} ký tự: chữ số, dấu cách, dấu chấm, gạch nối, có thể bắt đầu bằng +).`, field);
  }
}

/** Checks what the caller typed; every problem is reported with its field, nothing is saved. */
function validateRequest(request: IntakeRequest): void {
  const { applicant } = request;
  checkPersonalId(applicant.personalId, 'applicant.personalId');
  const name = applicant.fullName.trim();
  if (name === '' || name.length > 200) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Họ và tên người nộp không được để trống và không quá 200 ký tự.', 'applicant.fullName');
  }
  if (applicant.phone) checkPhone(applicant.phone, 'applicant.phone');
  // The length first: the check after it is linear, and nothing longer fits the column anyway.
  if (applicant.email && (applicant.email.length > EMAIL_MAX_LENGTH || !isEmailAddress(applicant.email))) {
    throw new UserError(ErrorCode.INVALID_INPUT, `Địa chỉ thư điện tử không hợp lệ (dạng ten@mien.vn, không quá ${EMAIL_MAX_LENGTH} ký tự).`, 'applicant.email');
  }
  if (request.returnMethod === ReturnMethod.POST && !request.deliveryAddress?.trim()) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Cần địa chỉ nhận kết quả khi chọn trả kết quả qua bưu chính.', 'deliveryAddress');
  }
  if (request.deliveryAddress && request.deliveryAddress.trim().length > 500) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Địa chỉ nhận kết quả không quá 500 ký tự.', 'deliveryAddress');
  }
  // The postman calls the receiver: a result by post needs a phone number.
  if (request.returnMethod === ReturnMethod.POST && !applicant.phone?.trim()) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Cần số điện thoại của người nộp khi nhận kết quả qua bưu chính.', 'applicant.phone');
  }
  if (request.idempotency && (request.idempotency.key.length === 0 || request.idempotency.key.length > 120)) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Khóa chống trùng (idempotencyKey) phải từ 1 đến 120 ký tự.', 'idempotencyKey');
  }
}

/**
 * The procedure's components against what was brought: none unknown, none
 * twice, and (unless `requireMandatory` is false, as for a supplement)
 * every required one present.
 */
export function checkComponents(
  required: readonly ProcedureComponent[],
  given: readonly ComponentData[],
  { field = 'components', requireMandatory = true }: { field?: string; requireMandatory?: boolean } = {},
): void {
  const known = new Map(required.map((c) => [c.code, c]));
  const seen = new Set<string>();
  given.forEach((component, index) => {
    if (component.copies !== undefined && component.copies !== null && (!Number.isInteger(component.copies) || component.copies < 1 || component.copies > MAX_COPIES)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Số bản của thành phần "${component.code}" phải từ 1 đến ${MAX_COPIES}.`, `${field}[${index}].copies`);
    }
    if (!known.has(component.code)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Thành phần hồ sơ "${component.code}" không thuộc thủ tục này.`, `${field}[${index}].code`);
    }
    if (seen.has(component.code)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Thành phần hồ sơ "${component.code}" được nộp hai lần.`, `${field}[${index}].code`);
    }
    seen.add(component.code);
  });
  if (!requireMandatory) return;
  // Only documents filed are required uploads (one only shown at the counter, or a note, never); of alternatives, one is enough.
  const missing: string[] = [];
  const groups = new Map<string, ProcedureComponent[]>();
  for (const component of required) {
    if (!component.required || (component.use ?? ComponentUse.FILE) !== ComponentUse.FILE) continue;
    if (component.alternativeGroup) groups.set(component.alternativeGroup, [...(groups.get(component.alternativeGroup) ?? []), component]);
    else if (!seen.has(component.code)) missing.push(component.name);
  }
  for (const alternatives of groups.values()) {
    if (!alternatives.some((c) => seen.has(c.code))) missing.push(`một trong: ${alternatives.map((c) => c.name).join(' / ')}`);
  }
  if (missing.length > 0) {
    throw new UserError(ErrorCode.MISSING_COMPONENT, `Hồ sơ còn thiếu thành phần bắt buộc: ${missing.join('; ')}.`, field);
  }
}

/** The fees the dossier owes: every default fee of the channel, plus the case fees chosen. */
function chooseFees(fees: readonly ProcedureFee[], feeCodes: readonly string[] | null | undefined): ProcedureFee[] {
  const chosen = new Set<string>();
  (feeCodes ?? []).forEach((code, index) => {
    if (!fees.some((fee) => fee.code === code)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Khoản phí "${code}" không thuộc thủ tục này qua kênh đã chọn.`, `feeCodes[${index}]`);
    }
    chosen.add(code);
  });
  return fees.filter((fee) => fee.isDefault || chosen.has(fee.code));
}

/**
 * Creates dossiers at intake: checks the request against the procedure,
 * allocates the code from the database counter, computes the due time in
 * working time, and saves the dossier with its components, fees, steps and
 * first history entry in one transaction.
 */
export class DossierIntakeService {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly documents: DocumentService,
    private readonly deps: { clock: Clock; officeHours: OfficeHours; onIntake?: IntakeHook },
  ) {}

  /**
   * The agency that receives a dossier of this procedure: the procedure's
   * own, or the centre's one-stop counter; FORBIDDEN for any other. Checked
   * again at the counter before the applicant's record is read, so that a
   * reception refused here opens nobody's record.
   */
  async receivingAgency(procedure: Procedure, agencyCode: string | undefined): Promise<Agency> {
    const agency = agencyCode ? await this.catalog.agencyByCode(agencyCode, 'receivingAgencyCode') : await this.em.findOneOrFail(Agency, procedure.agency.id);
    if (agency.id !== procedure.agency.id && agency.kind !== AgencyKind.CENTRE) {
      throw new AccessError(ErrorCode.FORBIDDEN, `${agency.name} không tiếp nhận thủ tục ${procedure.code}.`);
    }
    return agency;
  }

  async intake(request: IntakeRequest): Promise<Dossier> {
    validateRequest(request);
    if (request.idempotency) {
      const existing = await this.findByIdempotency(request.idempotency);
      if (existing) return existing;
    }
    const procedure = await this.catalog.procedureByCode(request.procedureCode, 'procedureCode');
    if (procedure.retiredAt !== null) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Thủ tục ${procedure.code} đã bị bãi bỏ khỏi danh mục quốc gia; không tiếp nhận hồ sơ mới.`, 'procedureCode');
    }
    const [channels, components, fees, steps] = await Promise.all([
      this.em.find(ProcedureChannel, { procedure }),
      this.em.find(ProcedureComponent, { procedure }, { orderBy: { position: 'asc' } }),
      this.em.find(ProcedureFee, { procedure, channel: request.channel }, { orderBy: { code: 'asc' } }),
      this.em.find(ProcedureStep, { procedure }, { orderBy: { order: 'asc' } }),
    ]);
    const channel = channels.find((c) => c.channel === request.channel);
    if (request.channel === Channel.ONLINE && procedure.onlineLevel === OnlineLevel.INFORMATION_ONLY) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Thủ tục này chỉ cung cấp thông tin, không nhận hồ sơ trực tuyến.', 'procedureCode');
    }
    if (!channel) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Thủ tục ${procedure.code} không tiếp nhận hồ sơ qua kênh này.`, 'channel');
    }
    if (channel.timeAmount === null || channel.timeUnit === null) {
      throw new UserError(
        ErrorCode.INVALID_INPUT,
        `Thủ tục ${procedure.code} chưa có thời hạn giải quyết đã xác minh cho kênh này; quản trị viên cần cập nhật danh mục trước khi tiếp nhận.`,
        'procedureCode',
      );
    }
    const time = { amount: channel.timeAmount, unit: channel.timeUnit };
    const refused = request.status === DossierStatus.REJECTED;
    // A refusal records what was brought, however incomplete (often the reason); nothing is owed for it.
    checkComponents(components, request.components, { requireMandatory: !refused });
    const owed = refused ? [] : chooseFees(fees, request.feeCodes);
    const uploads = await this.documents.prepare(request.applicant.personalId, request.components);
    const receivingAgency = await this.receivingAgency(procedure, request.receivingAgencyCode);
    const now = this.deps.clock.now();
    const received = request.status === DossierStatus.RECEIVED;
    const today = localDateOf(now);
    const calendar = received ? await loadWorkingCalendar(this.em, this.deps.officeHours, now) : null;
    const dueAt = calendar ? dueFrom(calendar, now, time, procedure.cutoffTime) : null;
    const provisional = provisionalNote(dueAt, received ? await calendarHorizon(this.em) : null);

    try {
      return await this.em.transactional(async (tx) => {
        const dossier = tx.create(Dossier, {
          code: await allocateDossierCode(tx, receivingAgency.code, today),
          procedure: tx.getReference(Procedure, procedure.id),
          procedureVersion: procedure.version,
          receivingAgency: tx.getReference(Agency, receivingAgency.id),
          currentAgency: tx.getReference(Agency, receivingAgency.id),
          channel: request.channel,
          returnMethod: request.returnMethod ?? ReturnMethod.COUNTER,
          deliveryAddress: request.deliveryAddress?.trim() || null,
          status: request.status,
          applicant: Object.assign(new Applicant(), {
            ...request.applicant,
            fullName: request.applicant.fullName.trim(),
          }),
          submittedAt: received || refused ? null : (request.submittedAt ?? now),
          receivedAt: received ? now : null,
          finishedAt: refused ? now : null,
          dueAt,
          receiptDueAt: dueAt,
          lastActionAt: now,
          idempotencyScope: request.idempotency?.scope ?? null,
          idempotencyKey: request.idempotency?.key ?? null,
        });
        const byCode = new Map(components.map((c) => [c.code, c]));
        const stored = await this.documents.store(tx, request.applicant.personalId, uploads);
        uploads.forEach((component, position) => {
          tx.create(DossierComponent, {
            dossier,
            code: component.code,
            name: byCode.get(component.code)?.name ?? component.code,
            position,
            fileName: component.fileName,
            documentId: stored[position]?.documentId ?? null,
            reused: stored[position]?.reused ?? false,
            ...filedAs(request.components[position], Boolean(stored[position]?.documentId)),
          });
        });
        const paid = request.paidAtCounter
          ? { paid: true, paidAt: now, paymentMethod: request.paidAtCounter.method, receiptNumber: request.paidAtCounter.receiptNumber, recordedBy: request.actor.name }
          : {};
        for (const fee of owed) tx.create(DossierFee, { dossier, code: fee.code, name: fee.name, amount: fee.amount, ...(fee.amount > 0 ? paid : {}) });
        if (received) createSteps(tx, dossier, procedure, steps, time);
        recordHistory(tx, dossier, {
          action: received ? HistoryAction.RECEIVE : refused ? HistoryAction.REJECT : HistoryAction.SUBMIT,
          from: null,
          to: request.status,
          actor: request.actor,
          at: now,
          note: refused
            ? `Từ chối tiếp nhận tại quầy: ${(request.refusalReasons ?? []).map((r, i) => `${i + 1}) ${r}`).join('; ')}`
            : [request.note, provisional].filter((n) => n).join(' ') || null,
        });
        await tx.flush();
        await request.onCommit?.(tx, dossier);
        await this.deps.onIntake?.(tx, dossier);
        return dossier;
      });
    } catch (error) {
      // Two requests with one idempotency key raced: the loser answers with the winner's dossier.
      if (error instanceof UniqueConstraintViolationException && request.idempotency) {
        const existing = await this.findByIdempotency(request.idempotency);
        if (existing) return existing;
      }
      throw error;
    }
  }

  private async findByIdempotency(idempotency: { scope: string; key: string }): Promise<Dossier | null> {
    return this.em.findOne(Dossier, { idempotencyScope: idempotency.scope, idempotencyKey: idempotency.key });
  }

  /**
   * The next number for the agency and day. The upsert takes the counter
   * row's lock until the transaction ends, so concurrent intakes of one
   * agency queue here, and a rolled-back intake returns its number.
   */
}
