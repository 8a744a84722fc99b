import { Role } from '../auth';
import { ErrorCode } from '../errors';
import { DossierAction, DossierStatus, ReturnMethod } from './dossier.enums';

/**
 * The dossier state machine of the contract (README, "Dossier statuses and
 * actions") as plain data and pure functions: no I/O, no clock. Services
 * ask `decide` and apply what it answers.
 */

/** Whom an actor must be, besides holding the role. */
export enum ActorScope {
  /** An officer of the agency that received the dossier (the one-stop counter). */
  RECEIVING_AGENCY = 'RECEIVING_AGENCY',
  /** An officer of the agency the dossier is at now. */
  CURRENT_AGENCY = 'CURRENT_AGENCY',
  /** An officer of either. */
  RECEIVING_OR_CURRENT_AGENCY = 'RECEIVING_OR_CURRENT_AGENCY',
  /** The citizen who filed it. */
  APPLICANT = 'APPLICANT',
  /** An officer of an agency whose opinion was asked and not yet given. */
  CONSULTED_AGENCY = 'CONSULTED_AGENCY',
  /** An officer of the centre's one-stop counter, which receives online dossiers for every department: until the dossier is received. */
  ONE_STOP_COUNTER = 'ONE_STOP_COUNTER',
  /** Anyone holding the role (supervisors: the whole centre). */
  ANY = 'ANY',
}

/** Where an action leads. */
export type Target =
  | { kind: 'status'; status: DossierStatus }
  /** EXTEND: the status stays. */
  | { kind: 'same' }
  /** COMPLETE_STEP: the next step, or RESULT_READY after the last. */
  | { kind: 'next-step-or-result' }
  /** RECORD_PAYMENT, WAIVE_OBLIGATIONS: a dossier waiting for payment goes back to processing; any other keeps its status. */
  | { kind: 'processing-if-awaiting-payment' }
  /** SUPPLEMENT: back to processing, or, asked before it was received (online), back to waiting for reception. */
  | { kind: 'after-supplement' }
  /** SEND_BACK: the step before the one in progress starts again. */
  | { kind: 'previous-step' };

export interface TransitionRule {
  readonly from: readonly DossierStatus[];
  readonly target: Target;
  readonly actors: ReadonlyArray<{ role: Role; scope: ActorScope }>;
  readonly requiresReason: boolean;
  /** What the reason is called in the message when it is missing (default: lý do). */
  readonly reasonIs?: string;
  /** Refused while opinions asked of other agencies are still awaited (the step waits for all). */
  readonly waitsForConsultations?: boolean;
}

const S = DossierStatus;
const officerOf = (scope: ActorScope) => ({ role: Role.OFFICER, scope });
const OPEN_FOR_EXTENSION = [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT];
/** Where something may still be owed and paid: from reception to the result's hand-over. */
const OWING = [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.RESULT_READY];

/** The table. Every (status, action) pair not in it is INVALID_TRANSITION. */
export const TRANSITIONS: Readonly<Record<DossierAction, TransitionRule>> = {
  // An online dossier is received at the one-stop door: the centre's counter, or the department it was filed with.
  [DossierAction.ACCEPT]: {
    from: [S.SUBMITTED],
    target: { kind: 'status', status: S.RECEIVED },
    actors: [officerOf(ActorScope.RECEIVING_AGENCY), officerOf(ActorScope.ONE_STOP_COUNTER)],
    requiresReason: false,
  },
  [DossierAction.REJECT]: {
    from: [S.SUBMITTED],
    target: { kind: 'status', status: S.REJECTED },
    actors: [officerOf(ActorScope.RECEIVING_AGENCY), officerOf(ActorScope.ONE_STOP_COUNTER)],
    requiresReason: true,
  },
  [DossierAction.FORWARD]: {
    from: [S.RECEIVED, S.PROCESSING],
    target: { kind: 'status', status: S.PROCESSING },
    actors: [officerOf(ActorScope.CURRENT_AGENCY)],
    requiresReason: false,
    waitsForConsultations: true,
  },
  [DossierAction.COMPLETE_STEP]: { from: [S.PROCESSING], target: { kind: 'next-step-or-result' }, actors: [officerOf(ActorScope.CURRENT_AGENCY)], requiresReason: false, waitsForConsultations: true },
  [DossierAction.SEND_BACK]: { from: [S.PROCESSING], target: { kind: 'previous-step' }, actors: [officerOf(ActorScope.CURRENT_AGENCY)], requiresReason: true, waitsForConsultations: true },
  [DossierAction.CONSULT]: {
    from: [S.PROCESSING],
    target: { kind: 'same' },
    actors: [officerOf(ActorScope.CURRENT_AGENCY)],
    requiresReason: true,
    reasonIs: 'nội dung xin ý kiến',
  },
  [DossierAction.ANSWER_CONSULTATION]: {
    from: [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT],
    target: { kind: 'same' },
    actors: [officerOf(ActorScope.CONSULTED_AGENCY)],
    requiresReason: true,
    reasonIs: 'ý kiến của cơ quan',
  },
  // An online dossier may be asked to be completed before it is accepted, rather than refused.
  [DossierAction.REQUEST_SUPPLEMENT]: {
    from: [S.SUBMITTED, S.RECEIVED, S.PROCESSING],
    target: { kind: 'status', status: S.SUPPLEMENT_REQUESTED },
    actors: [officerOf(ActorScope.CURRENT_AGENCY), officerOf(ActorScope.ONE_STOP_COUNTER)],
    requiresReason: true,
  },
  [DossierAction.SUPPLEMENT]: {
    from: [S.SUPPLEMENT_REQUESTED],
    target: { kind: 'after-supplement' },
    actors: [{ role: Role.CITIZEN, scope: ActorScope.APPLICANT }, officerOf(ActorScope.RECEIVING_OR_CURRENT_AGENCY)],
    requiresReason: false,
  },
  [DossierAction.SUPPLEMENT_PARTIAL]: {
    from: [S.SUPPLEMENT_REQUESTED],
    target: { kind: 'same' },
    actors: [{ role: Role.CITIZEN, scope: ActorScope.APPLICANT }, officerOf(ActorScope.RECEIVING_OR_CURRENT_AGENCY)],
    requiresReason: false,
  },
  [DossierAction.REQUEST_PAYMENT]: { from: [S.PROCESSING], target: { kind: 'status', status: S.AWAITING_PAYMENT }, actors: [officerOf(ActorScope.CURRENT_AGENCY)], requiresReason: false },
  // A dossier whose supplement never came is stopped too (once its deadline has passed).
  [DossierAction.STOP]: { from: [S.PROCESSING, S.SUPPLEMENT_REQUESTED], target: { kind: 'status', status: S.STOPPED }, actors: [officerOf(ActorScope.CURRENT_AGENCY)], requiresReason: true },
  [DossierAction.WITHDRAW]: {
    from: [S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT],
    target: { kind: 'status', status: S.WITHDRAWN },
    actors: [{ role: Role.CITIZEN, scope: ActorScope.APPLICANT }, officerOf(ActorScope.RECEIVING_AGENCY)],
    requiresReason: false,
  },
  // A stopped dossier's notice (with the reason) is handed back too.
  [DossierAction.RETURN]: { from: [S.RESULT_READY, S.STOPPED], target: { kind: 'status', status: S.RETURNED }, actors: [officerOf(ActorScope.RECEIVING_AGENCY)], requiresReason: false },
  [DossierAction.EXTEND]: {
    from: OPEN_FOR_EXTENSION,
    target: { kind: 'same' },
    actors: [officerOf(ActorScope.CURRENT_AGENCY), { role: Role.SUPERVISOR, scope: ActorScope.ANY }],
    requiresReason: true,
  },
  // The one-stop counter takes payments (DOMAIN.md §5: thu trước, thu sau).
  [DossierAction.RECORD_PAYMENT]: { from: OWING, target: { kind: 'processing-if-awaiting-payment' }, actors: [officerOf(ActorScope.RECEIVING_AGENCY)], requiresReason: false },
  [DossierAction.WAIVE_OBLIGATIONS]: {
    from: OWING,
    target: { kind: 'processing-if-awaiting-payment' },
    actors: [{ role: Role.SUPERVISOR, scope: ActorScope.ANY }],
    requiresReason: true,
  },
};

/** Who is acting, relative to this dossier (the service works these out). */
export interface ActorFacts {
  roles: ReadonlySet<Role>;
  isApplicant: boolean;
  isReceivingAgencyOfficer: boolean;
  isCurrentAgencyOfficer: boolean;
  /** An officer of an agency whose opinion on this dossier was asked and not yet given. */
  isConsultedAgencyOfficer?: boolean;
  /** An officer of the centre's one-stop counter (an agency of kind CENTRE). */
  isCentreOfficer?: boolean;
  /** The public postal service, reporting that it delivered the result (only it RETURNs a dossier whose result goes by post). */
  isPostalService?: boolean;
}

/** What the state machine needs to know of the dossier beyond its status. */
export interface DossierFacts {
  status: DossierStatus;
  returnMethod: ReturnMethod;
  /** A step is in progress at the current agency. */
  hasStepInProgress: boolean;
  /** A pending step follows the one in progress (or, with none in progress, any pending step). */
  hasNextStep: boolean;
  /** It was received (an online dossier not yet accepted was not). */
  received: boolean;
  /** A finished step comes before the one in progress (SEND_BACK has somewhere to go). */
  hasPreviousStep?: boolean;
  /** Agencies whose opinion was asked and not yet given. */
  awaitedOpinions?: readonly string[];
}

export type Decision =
  | { ok: true; to: DossierStatus; /** COMPLETE_STEP/FORWARD: a step starts */ startsNextStep: boolean; finishesStep: boolean }
  | { ok: false; code: ErrorCode.FORBIDDEN | ErrorCode.INVALID_TRANSITION | ErrorCode.INVALID_INPUT; message: string; field?: string };

const STATUS_LABEL: Record<DossierStatus, string> = {
  [S.SUBMITTED]: 'Mới đăng ký',
  [S.RECEIVED]: 'Đã tiếp nhận',
  [S.REJECTED]: 'Không được tiếp nhận',
  [S.PROCESSING]: 'Đang xử lý',
  [S.SUPPLEMENT_REQUESTED]: 'Yêu cầu bổ sung',
  [S.AWAITING_PAYMENT]: 'Chờ thực hiện nghĩa vụ tài chính',
  [S.WITHDRAWN]: 'Đã rút',
  [S.STOPPED]: 'Dừng xử lý',
  [S.RESULT_READY]: 'Đã có kết quả',
  [S.RETURNED]: 'Đã trả kết quả',
};

export function statusLabel(status: DossierStatus): string {
  return STATUS_LABEL[status];
}

/** Each action in the words officers and citizens use (messages never show the enum's name). */
const ACTION_LABEL: Record<DossierAction, string> = {
  [DossierAction.ACCEPT]: 'Tiếp nhận hồ sơ',
  [DossierAction.REJECT]: 'Từ chối tiếp nhận',
  [DossierAction.FORWARD]: 'Chuyển xử lý',
  [DossierAction.COMPLETE_STEP]: 'Hoàn thành bước xử lý',
  [DossierAction.REQUEST_SUPPLEMENT]: 'Yêu cầu bổ sung hồ sơ',
  [DossierAction.SUPPLEMENT]: 'Bổ sung hồ sơ',
  [DossierAction.SUPPLEMENT_PARTIAL]: 'Bổ sung một phần',
  [DossierAction.SEND_BACK]: 'Trả lại bước trước',
  [DossierAction.CONSULT]: 'Xin ý kiến cơ quan khác',
  [DossierAction.ANSWER_CONSULTATION]: 'Trả lời xin ý kiến',
  [DossierAction.REQUEST_PAYMENT]: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  [DossierAction.STOP]: 'Dừng xử lý',
  [DossierAction.WITHDRAW]: 'Rút hồ sơ',
  [DossierAction.RETURN]: 'Trả kết quả',
  [DossierAction.EXTEND]: 'Gia hạn và xin lỗi',
  [DossierAction.RECORD_PAYMENT]: 'Ghi nhận thanh toán',
  [DossierAction.WAIVE_OBLIGATIONS]: 'Miễn nghĩa vụ tài chính',
};

export function actionLabel(action: DossierAction): string {
  return ACTION_LABEL[action];
}

function scopeHolds(scope: ActorScope, actor: ActorFacts, dossier: DossierFacts): boolean {
  switch (scope) {
    case ActorScope.RECEIVING_AGENCY:
      return actor.isReceivingAgencyOfficer;
    case ActorScope.CURRENT_AGENCY:
      return actor.isCurrentAgencyOfficer;
    case ActorScope.RECEIVING_OR_CURRENT_AGENCY:
      return actor.isReceivingAgencyOfficer || actor.isCurrentAgencyOfficer;
    case ActorScope.APPLICANT:
      return actor.isApplicant;
    case ActorScope.CONSULTED_AGENCY:
      return actor.isConsultedAgencyOfficer === true;
    case ActorScope.ONE_STOP_COUNTER:
      // The counter acts for a department only until the dossier is received: then the department's officers do.
      return actor.isCentreOfficer === true && !dossier.received;
    case ActorScope.ANY:
      return true;
  }
}

/**
 * May `actor` do `action` to a dossier with these facts, and where does it
 * lead? Checks, in order: the role (FORBIDDEN), the status
 * (INVALID_TRANSITION), whose dossier or agency it is (FORBIDDEN), and the
 * rules of steps and return (INVALID_TRANSITION), and a required reason
 * (INVALID_INPUT).
 */
export function decide(action: DossierAction, dossier: DossierFacts, actor: ActorFacts, input: { reason?: string | null }): Decision {
  const rule = TRANSITIONS[action];
  const eligible = rule.actors.filter((a) => actor.roles.has(a.role));
  if (eligible.length === 0) {
    return { ok: false, code: ErrorCode.FORBIDDEN, message: `Vai trò của bạn không được thực hiện thao tác "${actionLabel(action)}".` };
  }
  if (!rule.from.includes(dossier.status)) {
    return {
      ok: false,
      code: ErrorCode.INVALID_TRANSITION,
      message: `Không thể "${actionLabel(action)}" khi hồ sơ đang ở trạng thái "${statusLabel(dossier.status)}".`,
    };
  }
  if (!eligible.some((a) => scopeHolds(a.scope, actor, dossier))) {
    return { ok: false, code: ErrorCode.FORBIDDEN, message: `Bạn không phụ trách hồ sơ này ở bước hiện tại nên không thể "${actionLabel(action)}".` };
  }
  let to: DossierStatus;
  let startsNextStep = false;
  let finishesStep = false;
  switch (rule.target.kind) {
    case 'status':
      to = rule.target.status;
      break;
    case 'same':
      to = dossier.status;
      break;
    case 'processing-if-awaiting-payment':
      to = dossier.status === S.AWAITING_PAYMENT ? S.PROCESSING : dossier.status;
      break;
    case 'after-supplement':
      to = dossier.received ? S.PROCESSING : S.SUBMITTED;
      break;
    case 'previous-step':
      if (!dossier.hasStepInProgress || !dossier.hasPreviousStep) {
        return { ok: false, code: ErrorCode.INVALID_TRANSITION, message: 'Bước đang xử lý là bước đầu tiên: không có cơ quan nào trước đó để trả lại.' };
      }
      to = S.PROCESSING;
      break;
    case 'next-step-or-result':
      if (!dossier.hasStepInProgress) {
        return { ok: false, code: ErrorCode.INVALID_TRANSITION, message: 'Hồ sơ chưa được chuyển xử lý tới bước nào: hãy "Chuyển xử lý" trước.' };
      }
      finishesStep = true;
      startsNextStep = dossier.hasNextStep;
      to = dossier.hasNextStep ? S.PROCESSING : S.RESULT_READY;
      break;
  }
  if (action === DossierAction.FORWARD) {
    if (!dossier.hasNextStep) {
      return { ok: false, code: ErrorCode.INVALID_TRANSITION, message: 'Không còn cơ quan nào để chuyển tiếp: đây là bước cuối, hãy "Hoàn thành bước xử lý".' };
    }
    startsNextStep = true;
    finishesStep = dossier.hasStepInProgress;
  }
  if (action === DossierAction.RETURN && dossier.status === S.RESULT_READY && dossier.returnMethod === ReturnMethod.POST && !actor.isPostalService) {
    return {
      ok: false,
      code: ErrorCode.INVALID_TRANSITION,
      message: 'Hồ sơ trả kết quả qua bưu chính: trạng thái "Đã trả kết quả" được ghi khi bưu điện báo phát thành công.',
    };
  }
  const awaited = dossier.awaitedOpinions ?? [];
  if (rule.waitsForConsultations && awaited.length > 0) {
    return { ok: false, code: ErrorCode.INVALID_TRANSITION, message: `Đang chờ ý kiến của ${awaited.length} cơ quan (${awaited.join('; ')}): chưa thể "${actionLabel(action)}".` };
  }
  if (rule.requiresReason && !input.reason?.trim()) {
    return { ok: false, code: ErrorCode.INVALID_INPUT, message: `Thao tác "${actionLabel(action)}" cần nêu ${rule.reasonIs ?? 'lý do'}.`, field: 'input.reason' };
  }
  return { ok: true, to, startsNextStep, finishesStep };
}
