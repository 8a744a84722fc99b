import { registerEnumType } from 'type-graphql';

/** A dossier's status; `NATIONAL_STATUS_CODE` gives the national portal's TrangThaiHoSo. */
export enum DossierStatus {
  SUBMITTED = 'SUBMITTED',
  RECEIVED = 'RECEIVED',
  REJECTED = 'REJECTED',
  PROCESSING = 'PROCESSING',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  WITHDRAWN = 'WITHDRAWN',
  STOPPED = 'STOPPED',
  RESULT_READY = 'RESULT_READY',
  RETURNED = 'RETURNED',
}

/** DVCQG `TrangThaiHoSo` (DOMAIN.md §2.1). */
export const NATIONAL_STATUS_CODE: Record<DossierStatus, number> = {
  [DossierStatus.SUBMITTED]: 1,
  [DossierStatus.RECEIVED]: 2,
  [DossierStatus.REJECTED]: 3,
  [DossierStatus.PROCESSING]: 4,
  [DossierStatus.SUPPLEMENT_REQUESTED]: 5,
  [DossierStatus.AWAITING_PAYMENT]: 6,
  [DossierStatus.WITHDRAWN]: 7,
  [DossierStatus.STOPPED]: 8,
  [DossierStatus.RESULT_READY]: 9,
  [DossierStatus.RETURNED]: 10,
};

/** Statuses after which the dossier's processing is over: `finishedAt` is set, the clock no longer runs. */
export const FINISHED_STATUSES: ReadonlySet<DossierStatus> = new Set([
  DossierStatus.REJECTED,
  DossierStatus.WITHDRAWN,
  DossierStatus.STOPPED,
  DossierStatus.RESULT_READY,
  DossierStatus.RETURNED,
]);

/** How the result goes back to the applicant (`HinhThucTra` 0/1). */
export enum ReturnMethod {
  COUNTER = 'COUNTER',
  POST = 'POST',
}

registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  description: "A dossier's status; nationalStatusCode gives the national portal's code (1-10)",
});
registerEnumType(ReturnMethod, { name: 'ReturnMethod', description: 'How the result goes back: at the counter or by post' });

/** Every move of a dossier (contract README, "Dossier statuses and actions"). */
export enum DossierAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  FORWARD = 'FORWARD',
  COMPLETE_STEP = 'COMPLETE_STEP',
  REQUEST_SUPPLEMENT = 'REQUEST_SUPPLEMENT',
  SUPPLEMENT = 'SUPPLEMENT',
  /** Some of the items a supplement request asked for: the request stays open, the clock still stands. */
  SUPPLEMENT_PARTIAL = 'SUPPLEMENT_PARTIAL',
  REQUEST_PAYMENT = 'REQUEST_PAYMENT',
  STOP = 'STOP',
  WITHDRAW = 'WITHDRAW',
  RETURN = 'RETURN',
  EXTEND = 'EXTEND',
  /** The step in progress goes back to the agency of the step before it (trả lại bước trước), with a reason. */
  SEND_BACK = 'SEND_BACK',
  /** The agency at work asks other agencies' opinions (xin ý kiến), in parallel; its step waits for all of them. */
  CONSULT = 'CONSULT',
  /** A consulted agency's officer gives its opinion. */
  ANSWER_CONSULTATION = 'ANSWER_CONSULTATION',
  /** The receiving agency's officer records a payment made at the counter (cash or card, with its receipt number). */
  RECORD_PAYMENT = 'RECORD_PAYMENT',
  /** A supervisor waives what is still owed, with a reason. */
  WAIVE_OBLIGATIONS = 'WAIVE_OBLIGATIONS',
}
registerEnumType(DossierAction, { name: 'DossierAction', description: 'A move of a dossier through its life' });

/** What a dossier owes: a fee of the catalogue, or an amount the processing agency sets (a tax, a land-use levy). */
export enum ObligationKind {
  FEE = 'FEE',
  LEVY = 'LEVY',
}
registerEnumType(ObligationKind, { name: 'ObligationKind', description: 'FEE: phí, lệ phí of the catalogue; LEVY: another financial obligation set by an agency (thuế, tiền sử dụng đất), with its legal basis' });

/** How an obligation was paid. */
export enum PaymentMethod {
  CASH = 'CASH',
  CARD = 'CARD',
  ONLINE = 'ONLINE',
  /** Collected by the post on delivering the result (thu hộ), the parcel's tracking number as receipt. */
  COD = 'COD',
}
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'CASH, CARD (at the counter, with the receipt number), ONLINE (the national payment platform) or COD (collected by the post on delivery)',
});

export enum SatisfactionRating {
  VERY_SATISFIED = 'VERY_SATISFIED',
  SATISFIED = 'SATISFIED',
  UNSATISFIED = 'UNSATISFIED',
}
registerEnumType(SatisfactionRating, { name: 'SatisfactionRating', description: 'RẤT HÀI LÒNG / HÀI LÒNG / KHÔNG HÀI LÒNG' });

/**
 * Nothing is left to do for these at the centre: refused, withdrawn,
 * stopped, or returned with its result. Worklists leave them out unless
 * asked (they are most of a centre's dossiers after a few years).
 */
export const CLOSED_STATUSES: readonly DossierStatus[] = [DossierStatus.REJECTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED];

/** What officers work on: every status but the closed ones (a result waiting at the counter included). The worklist's indexes are partial on this list. */
export const ACTIVE_STATUSES: readonly DossierStatus[] = Object.values(DossierStatus).filter((status) => !CLOSED_STATUSES.includes(status));
