import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OfficeHours, WorkingCalendar } from '../calendar';
import { Role } from '../auth';
import { Agency } from '../catalog';
import { Procedure } from '../catalog';
import { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from '../catalog';
import type { DocumentService } from '../documents';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { calendarHorizon, dueFrom, loadWorkingCalendar, provisionalNote } from './deadlines';
import type { DossierAccess } from './dossier-access';
import { allocateDossierCode, byDossierCode, checkDossierCode } from './dossier-code';
import { localDateOf } from '../shared/local-time';
import { checkCounterPayment, outstandingObligations } from './obligations';
import { ComponentKind, Dossier, DossierComponent, DossierFee } from './dossier.entity';
import { DossierAction, DossierStatus, ObligationKind, PaymentMethod } from './dossier.enums';
import { createSteps, recordHistory, startStep, type Actor } from './dossier-records';
import { filedAs, type ComponentData } from './intake.service';
import { checkComponents } from './intake.service';
import { decide, TRANSITIONS, type ActorFacts } from './lifecycle';
import { Apology, Consultation, DossierHistory, DossierStep, StepStatus, SupplementRequest, SupplementStatus, type SupplementItem } from './lifecycle.entity';

export interface TransitionRequest {
  code: string;
  action: DossierAction;
  expectedVersion: number;
  input?: {
    note?: string | null;
    reason?: string | null;
    newDueAt?: Date | null;
    components?: readonly ComponentData[] | null;
  } | null;
}

/** Told when a step starts, in the transaction that starts it (the departments feature sends the dossier to the step's system). */
export type StepStartedHook = (tx: EntityManager, started: { dossier: Dossier; step: DossierStep }) => Promise<void>;

/** Told of every move, in its transaction, after its history entry (postal orders follow a result made ready, a pickup a withdrawal). */
export type MovedHook = (tx: EntityManager, moved: { dossier: Dossier; action: DossierAction; from: DossierStatus; to: DossierStatus }) => Promise<void>;

export interface LifecycleDependencies {
  clock: Clock;
  officeHours: OfficeHours;
  /** Called for every step that starts; none: steps are driven by officers alone. */
  onStepStarted?: StepStartedHook;
  onMoved?: MovedHook;
}

/** Who acts on a dossier, and the facts the state machine checks of them. */
export interface ActingParty {
  actor: Actor;
  facts: ActorFacts;
}

/** What an action carries besides the dossier: the officer's input, and a department's own status code for the history. */
export interface ActionInput {
  note?: string | null;
  reason?: string | null;
  newDueAt?: Date | null;
  components?: readonly ResultDocument[] | null;
  externalStatus?: string | null;
  /** REQUEST_PAYMENT: what is owed besides the unpaid fees. */
  obligations?: ReadonlyArray<{ feeCode?: string | null; name?: string | null; amount?: number | null; legalBasis?: string | null; collectingAgency?: string | null }> | null;
  /** RECORD_PAYMENT: how it was paid at the counter. */
  payment?: { method: PaymentMethod; receiptNumber: string } | null;
  /** RECORD_PAYMENT by the payment platform (its confirmed transaction): never from GraphQL. */
  onlinePayment?: { transactionId: string } | null;
  /** CONSULT: the agencies asked, and by when. */
  consultAgencyCodes?: readonly string[] | null;
  consultDueAt?: Date | null;
  /** REQUEST_SUPPLEMENT: what is asked (a component of the procedure, or described), and by when. */
  requestedItems?: ReadonlyArray<{ componentCode?: string | null; description?: string | null }> | null;
  supplementDueAt?: Date | null;
  /** RECORD_PAYMENT by the post, of what it collected on delivery (the parcel's tracking number): never from GraphQL. */
  postalCollection?: { itemCode: string } | null;
}

/** The largest amount one obligation may state: GraphQL's Int (2^31 - 1 VND). */
const MAX_AMOUNT = 2_147_483_647;

/** A document added to a dossier after intake; a result may carry its own name (a department's decision). */
export type ResultDocument = ComponentData & { name?: string | null };

/**
 * Moves dossiers through their life: checks who acts and the version, asks
 * the state machine, and writes the change, its steps, apology and history
 * entry in one transaction, holding the dossier's row lock.
 */
export class DossierLifecycleService {
  private readonly moves: DossierMoves;

  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    documents: DocumentService,
    deps: LifecycleDependencies,
  ) {
    this.moves = new DossierMoves(documents, deps);
  }

  async transition(request: TransitionRequest): Promise<Dossier> {
    const user = this.access.requireUser();
    const code = checkDossierCode(request.code);
    const input = request.input ?? {};
    const agencyId = await this.access.officerAgencyId();
    return this.em.transactional(async (tx) => {
      const dossier = await tx.findOne(Dossier, byDossierCode(code), { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${code}.`, 'code');
      await this.access.assertCanSee(dossier, tx);
      if (dossier.version !== request.expectedVersion) {
        throw new UserError(
          ErrorCode.STALE_VERSION,
          `Hồ sơ đã được cập nhật bởi người khác (phiên bản ${dossier.version}, bạn đang xem phiên bản ${request.expectedVersion}); hãy tải lại.`,
          'expectedVersion',
        );
      }
      await this.moves.apply(tx, dossier, request.action, input, {
        actor: { id: user.id, name: user.name, agencyId: user.roles.has(Role.OFFICER) ? agencyId : null },
        facts: {
          roles: user.roles,
          isApplicant: user.roles.has(Role.CITIZEN) && user.personalId === dossier.applicant.personalId,
          isReceivingAgencyOfficer: agencyId !== null && dossier.receivingAgency.id === agencyId,
          isCurrentAgencyOfficer: agencyId !== null && dossier.currentAgency.id === agencyId,
          isCentreOfficer: await this.access.isCentreOfficer(),
        },
      });
      this.access.grant(dossier);
      return dossier;
    });
  }
}

/**
 * An action applied to a dossier already locked in `tx`, by a party whose
 * facts are known: officers and citizens through `transition`, department
 * systems through their reports (as the officer of the step's agency).
 * Asks the state machine, then writes the change, the steps, the apology
 * and the history entry.
 */
export class DossierMoves {
  constructor(
    private readonly documents: DocumentService,
    private readonly deps: LifecycleDependencies,
  ) {}

  async apply(tx: EntityManager, dossier: Dossier, action: DossierAction, input: ActionInput, party: ActingParty): Promise<void> {
    const steps = await tx.find(DossierStep, { dossier }, { orderBy: { order: 'asc' } });
    const current = steps.find((s) => s.status === StepStatus.IN_PROGRESS);
    const next = steps.find((s) => s.status === StepStatus.PENDING && (!current || s.order > current.order));
    const previous = current ? steps.filter((s) => s.status === StepStatus.DONE && s.order < current.order).at(-1) : undefined;
    // The opinions still awaited, read only for the moves that wait for them, ask them or give one.
    const rule = TRANSITIONS[action];
    const awaited =
      rule.waitsForConsultations || action === DossierAction.CONSULT || action === DossierAction.ANSWER_CONSULTATION
        ? await tx.find(Consultation, { dossier, answeredAt: null }, { populate: ['agency'], orderBy: { requestedAt: 'asc' } })
        : [];
    const { actor } = party;
    const facts = { ...party.facts, isConsultedAgencyOfficer: actor.agencyId !== null && awaited.some((c) => c.agency.id === actor.agencyId) };
    const decision = decide(
      action,
      {
        status: dossier.status,
        returnMethod: dossier.returnMethod,
        hasStepInProgress: current !== undefined,
        hasNextStep: next !== undefined,
        received: dossier.receivedAt !== null,
        hasPreviousStep: previous !== undefined,
        awaitedOpinions: awaited.map((c) => c.agency.getEntity().name),
      },
      facts,
      { reason: input.reason },
    );
    if (!decision.ok) {
      if (decision.code === ErrorCode.FORBIDDEN) throw new AccessError(ErrorCode.FORBIDDEN, decision.message);
      throw new UserError(decision.code, decision.message, decision.field ?? 'action');
    }

    const now = this.deps.clock.now();
    const from = dossier.status;
    // Read only by the moves that compute a due time: from the earliest instant they count from (a due time already past
    // is moved from where it was, across the holidays between it and the pause).
    const since = [dossier.pausedAt ?? dossier.receivedAt ?? now, dossier.dueAt, current?.dueAt ?? null].reduce<Date>((a, b) => (b !== null && b < a ? b : a), now);
    const calendar = () => loadWorkingCalendar(tx, this.deps.officeHours, since);
    const reason = input.reason?.trim() || null;
    let stopNotice: string | null = null;
    let recodeNote: string | null = null;
    let provisional: string | null = null;

    switch (action) {
      case DossierAction.ACCEPT: {
        const procedure = await tx.findOneOrFail(Procedure, dossier.procedure.id);
        const channel = await tx.findOne(ProcedureChannel, { procedure, channel: dossier.channel });
        if (!channel || channel.timeAmount === null || channel.timeUnit === null) {
          throw new UserError(ErrorCode.INVALID_INPUT, `Thủ tục ${procedure.code} chưa có thời hạn giải quyết đã xác minh cho kênh này.`, 'code');
        }
        const time = { amount: channel.timeAmount, unit: channel.timeUnit };
        // Received at the one-stop counter, or by the department: the code is given now, with the agency and date of
        // reception (DOMAIN.md §2.3); the code it was submitted under still finds it.
        if (actor.agencyId !== null && actor.agencyId !== dossier.receivingAgency.id) {
          dossier.receivingAgency = tx.getReference(Agency, actor.agencyId, { wrapped: true });
          dossier.currentAgency = dossier.receivingAgency;
        }
        const receiving = await tx.findOneOrFail(Agency, dossier.receivingAgency.id);
        dossier.submittedCode = dossier.code;
        dossier.code = await allocateDossierCode(tx, receiving.code, localDateOf(now));
        recodeNote = `Mã hồ sơ khi tiếp nhận: ${dossier.code} (mã khi nộp trực tuyến: ${dossier.submittedCode}).`;
        dossier.receivedAt = now;
        dossier.dueAt = dueFrom(await calendar(), now, time, procedure.cutoffTime);
        provisional = provisionalNote(dossier.dueAt, await calendarHorizon(tx));
        dossier.receiptDueAt = dossier.dueAt;
        createSteps(tx, dossier, procedure, await tx.find(ProcedureStep, { procedure }, { orderBy: { order: 'asc' } }), time);
        break;
      }
      case DossierAction.REJECT:
      case DossierAction.STOP:
      case DossierAction.WITHDRAW: {
        const open = await this.openSupplementRequest(tx, dossier);
        if (action === DossierAction.STOP && open?.dueAt && open.dueAt > now) {
          throw new UserError(
            ErrorCode.INVALID_TRANSITION,
            `Hồ sơ đang chờ bổ sung đến ${open.dueAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}: chỉ dừng xử lý khi đã hết hạn bổ sung.`,
            'action',
          );
        }
        if (open) open.status = SupplementStatus.ABANDONED;
        // Its steps will not run: the one in progress stops where it is, the others never start.
        for (const step of steps.filter((s) => s.status === StepStatus.IN_PROGRESS || s.status === StepStatus.PENDING)) {
          if (step.status === StepStatus.IN_PROGRESS) step.finishedAt = now;
          step.status = StepStatus.CANCELLED;
        }
        dossier.finishedAt = now;
        break;
      }
      case DossierAction.FORWARD:
      case DossierAction.COMPLETE_STEP:
        await this.moveSteps(tx, dossier, current, decision.startsNextStep && next ? { step: next, calendar: await calendar() } : null, now, input.components ?? []);
        if (!decision.startsNextStep) {
          dossier.finishedAt = now;
          dossier.currentAgency = dossier.receivingAgency;
        }
        break;
      case DossierAction.REQUEST_SUPPLEMENT:
      case DossierAction.REQUEST_PAYMENT:
        if (action === DossierAction.REQUEST_PAYMENT) {
          await this.addObligations(tx, dossier, input.obligations ?? []);
          await this.requireUnpaidFees(tx, dossier);
        } else {
          await this.requestSupplement(tx, dossier, input, reason ?? '', actor, now);
        }
        // The clock stops while the applicant owes a document or a payment.
        dossier.pausedAt = now;
        break;
      case DossierAction.SUPPLEMENT:
      case DossierAction.SUPPLEMENT_PARTIAL: {
        await this.addComponents(tx, dossier, input.components ?? [], ComponentKind.SUPPLEMENT, 'input.components');
        const open = await this.openSupplementRequest(tx, dossier);
        if (open) {
          const brought = (input.components ?? []).map((c) => c.code);
          Object.assign(open, { suppliedCodes: [...new Set([...open.suppliedCodes, ...brought])], lastSuppliedAt: now });
          if (action === DossierAction.SUPPLEMENT) Object.assign(open, { status: SupplementStatus.COMPLETE, completedAt: now });
          else open.status = SupplementStatus.PARTIAL;
        }
        // Only a complete supplement starts the clock again: the new appointment is the one the request records.
        if (action === DossierAction.SUPPLEMENT) {
          this.resumeClock(dossier, current, now, await calendar());
          if (open) open.newDueAt = dossier.dueAt;
        }
        break;
      }
      case DossierAction.RETURN: {
        // The post reports a result already in the applicant's hands: what is still owed stays owed, but the status is the truth.
        // A stopped dossier's notice is no result: it is handed over whatever is owed.
        const owed = party.facts.isPostalService || from === DossierStatus.STOPPED ? [] : await outstandingObligations(tx, dossier);
        if (owed.length > 0) {
          throw new UserError(
            ErrorCode.INVALID_TRANSITION,
            `Hồ sơ còn ${owed.length} khoản nghĩa vụ tài chính chưa nộp (${owed.reduce((sum, f) => sum + f.amount, 0).toLocaleString('vi-VN')} đồng): ghi nhận thanh toán, hoặc lãnh đạo miễn với lý do, trước khi trả kết quả.`,
            'action',
          );
        }
        dossier.returnedAt = now;
        if (from === DossierStatus.STOPPED) stopNotice = await this.stopReason(tx, dossier);
        break;
      }
      case DossierAction.RECORD_PAYMENT:
      case DossierAction.WAIVE_OBLIGATIONS: {
        const owed = await outstandingObligations(tx, dossier);
        if (owed.length === 0) throw new UserError(ErrorCode.ALREADY_PAID, 'Hồ sơ không còn khoản nghĩa vụ tài chính nào chưa nộp.', 'action');
        if (action === DossierAction.RECORD_PAYMENT) {
          const payment = input.onlinePayment
            ? { method: PaymentMethod.ONLINE, receiptNumber: input.onlinePayment.transactionId }
            : input.postalCollection
              ? { method: PaymentMethod.COD, receiptNumber: input.postalCollection.itemCode }
              : checkCounterPayment(input.payment, 'input.payment');
          for (const fee of owed) Object.assign(fee, { paid: true, paidAt: now, paymentMethod: payment.method, receiptNumber: payment.receiptNumber, recordedBy: actor.name });
        } else {
          for (const fee of owed) Object.assign(fee, { waived: true, waivedReason: reason, recordedBy: actor.name });
        }
        // Paid or waived, a dossier that waited for it goes back to processing: its clock runs again.
        if (dossier.status === DossierStatus.AWAITING_PAYMENT) this.resumeClock(dossier, current, now, await calendar());
        break;
      }
      case DossierAction.SEND_BACK:
        if (current && previous) {
          // The step in progress waits again; the one before it starts over at its agency, with its own time again.
          Object.assign(current, { status: StepStatus.PENDING, startedAt: null, dueAt: null, departmentSystem: null, sentAt: null });
          Object.assign(previous, { finishedAt: null, sentAt: null });
          startStep(previous, now, await calendar());
          dossier.currentAgency = previous.agency;
        }
        break;
      case DossierAction.CONSULT:
        await this.consult(tx, dossier, input, reason ?? '', actor, now, awaited);
        break;
      case DossierAction.ANSWER_CONSULTATION: {
        const asked = awaited.find((c) => c.agency.id === actor.agencyId);
        if (asked) Object.assign(asked, { answeredAt: now, answer: reason, answeredBy: actor.name });
        break;
      }
      case DossierAction.EXTEND:
        this.extend(tx, dossier, input.newDueAt ?? null, reason ?? '', actor, now, await calendar());
        break;
    }
    dossier.status = decision.to;
    // Every move bumps the version: a move that changes nothing else on the row (an opinion given) at the same instant as the last still moves this on.
    dossier.lastActionAt = dossier.lastActionAt && dossier.lastActionAt.getTime() >= now.getTime() ? new Date(dossier.lastActionAt.getTime() + 1) : now;
    recordHistory(tx, dossier, {
      action,
      from,
      to: decision.to,
      actor,
      at: now,
      note: [recodeNote, provisional, stopNotice, reason, input.note?.trim()].filter(Boolean).join(' — ') || null,
      externalStatus: input.externalStatus ?? null,
    });
    // Last, so that what it records (the outbox's message) is written with the whole move.
    const started = decision.startsNextStep ? next : action === DossierAction.SEND_BACK ? previous : undefined;
    if (started && this.deps.onStepStarted) await this.deps.onStepStarted(tx, { dossier, step: started });
    if (this.deps.onMoved) await this.deps.onMoved(tx, { dossier, action, from, to: decision.to });
  }

  /** Finishes the step in progress (with its result documents) and starts `next`, moving the dossier to its agency. */
  private async moveSteps(
    tx: EntityManager,
    dossier: Dossier,
    current: DossierStep | undefined,
    next: { step: DossierStep; calendar: WorkingCalendar } | null,
    now: Date,
    results: readonly ResultDocument[],
  ): Promise<void> {
    if (current) {
      current.status = StepStatus.DONE;
      current.finishedAt = now;
    }
    if (results.length > 0) await this.addComponents(tx, dossier, results, ComponentKind.RESULT, 'input.components');
    if (next) {
      startStep(next.step, now, next.calendar);
      dossier.currentAgency = next.step.agency;
    }
  }

  /** The due times move by the working time the clock stood still. */
  private resumeClock(dossier: Dossier, current: DossierStep | undefined, now: Date, calendar: WorkingCalendar): void {
    const pausedAt = dossier.pausedAt;
    if (pausedAt !== null) {
      if (dossier.dueAt) dossier.dueAt = calendar.resume(dossier.dueAt, pausedAt, now);
      if (current?.dueAt) current.dueAt = calendar.resume(current.dueAt, pausedAt, now);
    }
    dossier.pausedAt = null;
  }

  private extend(tx: EntityManager, dossier: Dossier, newDueAt: Date | null, reason: string, actor: Actor, now: Date, calendar: WorkingCalendar): void {
    if (newDueAt === null) throw new UserError(ErrorCode.INVALID_INPUT, 'Gia hạn cần ngày hẹn trả mới (newDueAt).', 'input.newDueAt');
    if (dossier.dueAt === null || newDueAt.getTime() <= dossier.dueAt.getTime() || newDueAt.getTime() <= now.getTime()) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại và sau thời điểm này.', 'input.newDueAt');
    }
    // The citizen is told to come back then: it must be a time the counter is open.
    if (!calendar.isWorkingTime(newDueAt)) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Ngày hẹn trả mới phải là thời gian làm việc (ngày làm việc, trong giờ hành chính của bộ phận một cửa).', 'input.newDueAt');
    }
    tx.create(Apology, {
      dossier,
      previousDueAt: dossier.dueAt,
      newDueAt,
      reason,
      officer: actor.name,
      officerId: actor.id,
      agency: actor.agencyId ? tx.getReference(Agency, actor.agencyId) : null,
      issuedAt: now,
    });
    dossier.dueAt = newDueAt;
  }

  /**
   * CONSULT: an opinion asked of each agency named (1 to 10, known, not the
   * one at work, not one already awaited), all in parallel; the question is
   * the reason; an optional deadline later than now.
   */
  private async consult(tx: EntityManager, dossier: Dossier, input: ActionInput, question: string, actor: Actor, now: Date, awaited: readonly Consultation[]): Promise<void> {
    const codes = [...new Set((input.consultAgencyCodes ?? []).map((c) => c.trim()).filter(Boolean))];
    if (codes.length === 0 || codes.length > 10) throw new UserError(ErrorCode.INVALID_INPUT, 'Nêu từ 1 đến 10 cơ quan được xin ý kiến (mã cơ quan).', 'input.consultAgencyCodes');
    const agencies = await tx.find(Agency, { code: { $in: codes } });
    for (const [i, code] of codes.entries()) {
      const agency = agencies.find((a) => a.code === code);
      const field = `input.consultAgencyCodes.${i}`;
      if (!agency) throw new UserError(ErrorCode.NOT_FOUND, `Không có cơ quan mã ${code} trong danh mục.`, field);
      if (agency.id === dossier.currentAgency.id) throw new UserError(ErrorCode.INVALID_INPUT, `${agency.name} đang xử lý hồ sơ: không tự xin ý kiến mình.`, field);
      if (awaited.some((c) => c.agency.id === agency.id)) throw new UserError(ErrorCode.INVALID_INPUT, `Đang chờ ý kiến của ${agency.name}.`, field);
    }
    const dueAt = input.consultDueAt ?? null;
    if (dueAt !== null && dueAt.getTime() <= now.getTime()) throw new UserError(ErrorCode.INVALID_INPUT, 'Thời hạn trả lời phải sau thời điểm xin ý kiến.', 'input.consultDueAt');
    for (const agency of agencies) {
      tx.create(Consultation, { dossier, agency, askedBy: dossier.currentAgency, question, requestedAt: now, requestedBy: actor.name, dueAt });
    }
  }

  /** The supplement request still waiting for the applicant (OPEN or PARTIAL), if any. */
  private openSupplementRequest(tx: EntityManager, dossier: Dossier): Promise<SupplementRequest | null> {
    return tx.findOne(SupplementRequest, { dossier, status: { $in: [SupplementStatus.OPEN, SupplementStatus.PARTIAL] } }, { orderBy: { requestedAt: 'desc' } });
  }

  /** What the stop notice says: the reason the dossier was stopped. */
  private async stopReason(tx: EntityManager, dossier: Dossier): Promise<string> {
    const stop = await tx.findOne(DossierHistory, { dossier, action: DossierAction.STOP }, { orderBy: { at: 'desc', chainSeq: 'desc' } });
    return `Trả thông báo dừng xử lý${stop?.note ? `: ${stop.note}` : ''}`;
  }

  /**
   * REQUEST_SUPPLEMENT's request (Phiếu yêu cầu bổ sung): the items asked,
   * each a component of the procedure or described in words (none given:
   * the reason is the one item), and the deadline, later than now.
   */
  private async requestSupplement(tx: EntityManager, dossier: Dossier, input: ActionInput, reason: string, actor: Actor, now: Date): Promise<void> {
    const given = input.requestedItems ?? [];
    if (given.length > 30) throw new UserError(ErrorCode.INVALID_INPUT, 'Tối đa 30 mục mỗi lần yêu cầu bổ sung.', 'input.requestedItems');
    const components = new Map((await tx.find(ProcedureComponent, { procedure: dossier.procedure.id })).map((c) => [c.code, c.name]));
    const items: SupplementItem[] = given.map((item, i) => {
      const field = `input.requestedItems.${i}`;
      const code = item.componentCode?.trim() || null;
      if (code !== null && !components.has(code)) throw new UserError(ErrorCode.INVALID_INPUT, `Thành phần hồ sơ "${code}" không thuộc thủ tục này.`, `${field}.componentCode`);
      const description = item.description?.trim() || (code !== null ? (components.get(code) ?? '') : '');
      if (description === '' || description.length > 500) throw new UserError(ErrorCode.INVALID_INPUT, 'Mỗi mục cần nêu giấy tờ phải bổ sung (không quá 500 ký tự).', `${field}.description`);
      return { componentCode: code, description };
    });
    const dueAt = input.supplementDueAt ?? null;
    if (dueAt !== null && dueAt.getTime() <= now.getTime()) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Thời hạn bổ sung phải sau thời điểm yêu cầu.', 'input.supplementDueAt');
    }
    tx.create(SupplementRequest, {
      dossier,
      reason,
      items: items.length > 0 ? items : [{ componentCode: null, description: reason }],
      dueAt,
      requestedAt: now,
      requestedBy: actor.name,
      previousDueAt: dossier.dueAt,
    });
  }

  private async requireUnpaidFees(tx: EntityManager, dossier: Dossier): Promise<void> {
    if ((await outstandingObligations(tx, dossier)).length === 0) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Hồ sơ không có khoản phí, lệ phí nào chưa nộp: nêu khoản phải nộp (obligations).', 'input.obligations');
    }
  }

  /**
   * REQUEST_PAYMENT's obligations: a fee of the procedure for the dossier's
   * channel by its code (not one the dossier already has), or an amount with
   * its legal basis and collecting agency. All checked before any is added.
   */
  private async addObligations(tx: EntityManager, dossier: Dossier, given: NonNullable<ActionInput['obligations']>): Promise<void> {
    if (given.length > 20) throw new UserError(ErrorCode.INVALID_INPUT, 'Tối đa 20 khoản mỗi lần yêu cầu.', 'input.obligations');
    const existing = new Set((await tx.find(DossierFee, { dossier })).map((f) => f.code));
    const catalogue = new Map((await tx.find(ProcedureFee, { procedure: dossier.procedure.id, channel: dossier.channel })).map((f) => [f.code, f]));
    const rows: Array<Pick<DossierFee, 'code' | 'name' | 'amount' | 'kind' | 'legalBasis' | 'collectingAgency'>> = [];
    const text = (value: string | null | undefined, max: number, field: string, what: string): string => {
      const trimmed = value?.trim() ?? '';
      if (trimmed === '' || trimmed.length > max) throw new UserError(ErrorCode.INVALID_INPUT, `${what} là bắt buộc (tối đa ${max} ký tự).`, field);
      return trimmed;
    };
    given.forEach((obligation, i) => {
      const field = `input.obligations.${i}`;
      if (obligation.feeCode) {
        const fee = catalogue.get(obligation.feeCode);
        if (!fee) throw new UserError(ErrorCode.INVALID_INPUT, `Thủ tục không có khoản phí, lệ phí mã ${obligation.feeCode} cho kênh này.`, `${field}.feeCode`);
        if (existing.has(fee.code) || rows.some((r) => r.code === fee.code)) throw new UserError(ErrorCode.INVALID_INPUT, `Khoản ${fee.code} đã có trong hồ sơ.`, `${field}.feeCode`);
        rows.push({ code: fee.code, name: fee.name, amount: fee.amount, kind: ObligationKind.FEE, legalBasis: null, collectingAgency: null });
        return;
      }
      const amount = obligation.amount;
      if (amount === null || amount === undefined || !Number.isInteger(amount) || amount <= 0 || amount > MAX_AMOUNT) {
        throw new UserError(ErrorCode.INVALID_INPUT, `Số tiền phải là số nguyên đồng, lớn hơn 0 và không quá ${MAX_AMOUNT.toLocaleString('vi-VN')}.`, `${field}.amount`);
      }
      rows.push({
        code: `NVTC${String(existing.size + rows.length + 1).padStart(2, '0')}`,
        name: text(obligation.name, 300, `${field}.name`, 'Tên khoản phải nộp'),
        amount,
        kind: ObligationKind.LEVY,
        legalBasis: text(obligation.legalBasis, 1000, `${field}.legalBasis`, 'Căn cứ pháp lý (thông báo, quyết định)'),
        collectingAgency: text(obligation.collectingAgency, 300, `${field}.collectingAgency`, 'Cơ quan thu'),
      });
    });
    for (const row of rows) tx.create(DossierFee, { dossier, ...row });
  }


  /** Documents added after intake: each must be a component of the procedure (a result may be any named document). */
  private async addComponents(tx: EntityManager, dossier: Dossier, given: readonly ResultDocument[], kind: ComponentKind, field: string): Promise<void> {
    if (given.length === 0) {
      if (kind === ComponentKind.SUPPLEMENT) throw new UserError(ErrorCode.MISSING_COMPONENT, 'Cần nộp giấy tờ bổ sung.', field);
      return;
    }
    const procedureComponents = await tx.find(ProcedureComponent, { procedure: dossier.procedure.id });
    if (kind === ComponentKind.SUPPLEMENT) checkComponents(procedureComponents, given, { field, requireMandatory: false });
    const byCode = new Map(procedureComponents.map((c) => [c.code, c.name]));
    const owner = dossier.applicant.personalId;
    const prepared = await this.documents.prepare(owner, given, field, tx);
    const stored = await this.documents.store(tx, owner, prepared);
    const position = await tx.count(DossierComponent, { dossier });
    prepared.forEach((component, index) => {
      tx.create(DossierComponent, {
        dossier,
        code: component.code,
        name: given[index]?.name?.trim() || (byCode.get(component.code) ?? component.fileName ?? component.code),
        kind,
        position: position + index,
        fileName: component.fileName,
        documentId: stored[index]?.documentId ?? null,
        reused: stored[index]?.reused ?? false,
        ...filedAs(given[index], Boolean(stored[index]?.documentId)),
      });
    });
  }
}
