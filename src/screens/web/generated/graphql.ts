/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AgencyKind =
  | 'BOARD'
  | 'CENTRE'
  | 'DEPARTMENT'
  | 'EXTERNAL'
  | 'POLICE';

export type ApplicantInput = {
  /** The one-time code the citizen received to allow the population-database lookup */
  consentToken?: string | null | undefined;
  email?: string | null | undefined;
  /** Typed by the officer only while the population database is down */
  fullName?: string | null | undefined;
  /** 12 digits */
  personalId: string;
  phone?: string | null | undefined;
};

/** How a dossier reaches the centre: at a counter, online, or by post */
export type Channel =
  | 'COUNTER'
  | 'ONLINE'
  | 'POSTAL';

/** A dossier component: uploaded now (contentBase64) or a document already held for the same applicant (reuseDocumentId), never both */
export type ComponentInput = {
  /** The procedure's component code */
  code: string;
  contentBase64?: string | null | undefined;
  /** e.g. application/pdf */
  contentType?: string | null | undefined;
  /** How many copies were received (default 1, at most 99) */
  copies?: number | null | undefined;
  fileName?: string | null | undefined;
  /** How the paper was filed, for the receipt (default: ELECTRONIC for a file, else not stated) */
  form?: DocumentForm | null | undefined;
  reuseDocumentId?: string | number | null | undefined;
};

/** RECORD_PAYMENT: a payment made at the counter */
export type CounterPaymentInput = {
  /** CASH or CARD */
  method: PaymentMethod;
  /** The receipt (biên lai) number given to the payer */
  receiptNumber: string;
};

/** How a paper was filed: ORIGINAL (bản chính), CERTIFIED_COPY (bản sao có chứng thực), COPY (bản sao, bản chụp), ELECTRONIC (bản điện tử) */
export type DocumentForm =
  | 'CERTIFIED_COPY'
  | 'COPY'
  | 'ELECTRONIC'
  | 'ORIGINAL';

/** A move of a dossier through its life */
export type DossierAction =
  | 'ACCEPT'
  | 'ANSWER_CONSULTATION'
  | 'COMPLETE_STEP'
  | 'CONSULT'
  | 'EXTEND'
  | 'FORWARD'
  | 'RECORD_PAYMENT'
  | 'REJECT'
  | 'REQUEST_PAYMENT'
  | 'REQUEST_SUPPLEMENT'
  | 'RETURN'
  | 'SEND_BACK'
  | 'STOP'
  | 'SUPPLEMENT'
  | 'SUPPLEMENT_PARTIAL'
  | 'WAIVE_OBLIGATIONS'
  | 'WITHDRAW';

export type DossierFilter = {
  agencyCode?: string | null | undefined;
  channel?: Channel | null | undefined;
  /** Without a status filter, the worklist holds what officers work on: every dossier not closed (closed: REJECTED, WITHDRAWN, STOPPED, RETURNED). true adds the closed ones. */
  includeClosed?: boolean | null | undefined;
  overdue?: boolean | null | undefined;
  procedureCode?: string | null | undefined;
  receivedFrom?: string | null | undefined;
  receivedTo?: string | null | undefined;
  /** Only these statuses (closed ones included if listed) */
  status?: Array<DossierStatus> | null | undefined;
};

/** A dossier's status; nationalStatusCode gives the national portal's code (1-10) */
export type DossierStatus =
  | 'AWAITING_PAYMENT'
  | 'PROCESSING'
  | 'RECEIVED'
  | 'REJECTED'
  | 'RESULT_READY'
  | 'RETURNED'
  | 'STOPPED'
  | 'SUBMITTED'
  | 'SUPPLEMENT_REQUESTED'
  | 'WITHDRAWN';

/** What happened to a dossier: a DossierAction, or intake (SUBMIT, RECEIVE) */
export type HistoryAction =
  | 'ACCEPT'
  | 'ANSWER_CONSULTATION'
  | 'CHANGE_RETURN_METHOD'
  | 'COMPLETE_STEP'
  | 'CONSULT'
  | 'DEPARTMENT_REPORT'
  | 'EXTEND'
  | 'FORWARD'
  | 'POSTAL_EVENT'
  | 'POSTAL_ORDER'
  | 'RECALCULATE_DUE'
  | 'RECEIVE'
  | 'RECORD_PAYMENT'
  | 'REJECT'
  | 'REQUEST_PAYMENT'
  | 'REQUEST_SUPPLEMENT'
  | 'RETURN'
  | 'SEND_BACK'
  | 'SEND_TO_DEPARTMENT'
  | 'STOP'
  | 'SUBMIT'
  | 'SUPPLEMENT'
  | 'SUPPLEMENT_PARTIAL'
  | 'VERIFY_IDENTITY'
  | 'WAIVE_OBLIGATIONS'
  | 'WITHDRAW';

/** REQUEST_PAYMENT: one thing owed, in integer VND: a fee of the catalogue by its code, or an amount set by an agency with its legal basis and collecting agency */
export type ObligationInput = {
  /** VND, a whole number above 0 */
  amount?: number | null | undefined;
  /** The agency that collects it (e.g. Chi cục Thuế khu vực) */
  collectingAgency?: string | null | undefined;
  /** A fee of the procedure (Procedure.fees code); the catalogue gives name and amount */
  feeCode?: string | null | undefined;
  /** The legal basis: the notice or decision that sets the amount */
  legalBasis?: string | null | undefined;
  /** What is owed (e.g. Thuế thu nhập cá nhân), when not a catalogue fee */
  name?: string | null | undefined;
};

/** Toàn trình (FULL), một phần (PARTIAL), or information only */
export type OnlineLevel =
  | 'FULL'
  | 'INFORMATION_ONLY'
  | 'PARTIAL';

/** CASH, CARD (at the counter, with the receipt number), ONLINE (the national payment platform) or COD (collected by the post on delivery) */
export type PaymentMethod =
  | 'CARD'
  | 'CASH'
  | 'COD'
  | 'ONLINE';

/** Chờ / Đã thanh toán / Thất bại / Đã hoàn phí / Hủy */
export type PaymentStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'PAID'
  | 'PENDING'
  | 'REFUNDED';

/** Reception at a counter (COUNTER) or of a dossier that came by post (POSTAL), by an officer */
export type ReceiveDossierInput = {
  applicant: ApplicantInput;
  channel: Channel;
  components: Array<ComponentInput>;
  deliveryAddress?: string | null | undefined;
  /** Codes of the fees that depend on the case and apply (see Procedure.fees isDefault) */
  feeCodes?: Array<string> | null | undefined;
  idempotencyKey?: string | null | undefined;
  /** The fees paid at the counter as the dossier is received (thu trước), with the receipt number */
  payment?: CounterPaymentInput | null | undefined;
  procedureCode: string;
  returnMethod?: ReturnMethod | null | undefined;
};

/** How the result goes back: at the counter or by post */
export type ReturnMethod =
  | 'COUNTER'
  | 'POST';

/** RẤT HÀI LÒNG / HÀI LÒNG / KHÔNG HÀI LÒNG */
export type SatisfactionRating =
  | 'SATISFIED'
  | 'UNSATISFIED'
  | 'VERY_SATISFIED';

export type StepStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'PENDING';

/** Online submission by a citizen; the applicant is the token's personalId */
export type SubmitDossierInput = {
  components: Array<ComponentInput>;
  /** Required when returnMethod is POST */
  deliveryAddress?: string | null | undefined;
  email?: string | null | undefined;
  /** Codes of the fees that depend on the case and apply (see Procedure.fees isDefault) */
  feeCodes?: Array<string> | null | undefined;
  /** The same key twice creates one dossier */
  idempotencyKey?: string | null | undefined;
  phone?: string | null | undefined;
  /** Filing by post (channel POSTAL): the post collects the paper dossier at this address and carries it to the centre; needs phone. Unset: filed online */
  pickupAddress?: string | null | undefined;
  procedureCode: string;
  returnMethod?: ReturnMethod | null | undefined;
};

/** An item a supplement request asks for: a component of the procedure, or described in words */
export type SupplementItemInput = {
  componentCode?: string | null | undefined;
  /** Required unless componentCode is given (then the component's name) */
  description?: string | null | undefined;
};

/** Unit of a processing time; working time skips weekends, holidays and hours outside office hours; days and months are calendar ones, ending on a working day */
export type TimeUnit =
  | 'DAYS'
  | 'MONTHS'
  | 'WORKING_DAYS'
  | 'WORKING_HOURS';

export type TransitionInput = {
  /** SUPPLEMENT; COMPLETE_STEP (result documents) */
  components?: Array<ComponentInput> | null | undefined;
  /** CONSULT: the agencies (codes) whose opinion is asked, in parallel; reason is the question */
  consultAgencyCodes?: Array<string> | null | undefined;
  /** CONSULT: by when the opinions are expected */
  consultDueAt?: string | null | undefined;
  /** EXTEND: the new due time */
  newDueAt?: string | null | undefined;
  note?: string | null | undefined;
  /** REQUEST_PAYMENT: what is owed besides the dossier's unpaid fees */
  obligations?: Array<ObligationInput> | null | undefined;
  /** RECORD_PAYMENT: how it was paid, and the receipt number */
  payment?: CounterPaymentInput | null | undefined;
  /** Required by REJECT, STOP, REQUEST_SUPPLEMENT and EXTEND */
  reason?: string | null | undefined;
  /** REQUEST_SUPPLEMENT: the items asked (none: the reason is the one item) */
  requestedItems?: Array<SupplementItemInput> | null | undefined;
  /** REQUEST_SUPPLEMENT: by when the applicant must bring them; STOP is refused before it */
  supplementDueAt?: string | null | undefined;
};

export type TrackingViewFragment = { code: string, status: DossierStatus, statusLabel: string, nationalStatusCode: number, receivedAt: string | null, dueAt: string | null, finishedAt: string | null, overdue: boolean, procedure: { code: string, name: string }, currentAgency: { code: string, name: string }, steps: Array<{ order: number, name: string, status: StepStatus, startedAt: string | null, dueAt: string | null, finishedAt: string | null, agency: { code: string, name: string } }>, timeline: Array<{ at: string, label: string, status: DossierStatus, agency: { name: string } | null }> };

export type LookupDossierQueryVariables = Exact<{
  code: string;
}>;


export type LookupDossierQuery = { trackDossier: { code: string, status: DossierStatus, statusLabel: string, nationalStatusCode: number, receivedAt: string | null, dueAt: string | null, finishedAt: string | null, overdue: boolean, procedure: { code: string, name: string }, currentAgency: { code: string, name: string }, steps: Array<{ order: number, name: string, status: StepStatus, startedAt: string | null, dueAt: string | null, finishedAt: string | null, agency: { code: string, name: string } }>, timeline: Array<{ at: string, label: string, status: DossierStatus, agency: { name: string } | null }> } | null };

export type WatchDossierSubscriptionVariables = Exact<{
  code: string;
}>;


export type WatchDossierSubscription = { dossierTracking: { code: string, status: DossierStatus, statusLabel: string, nationalStatusCode: number, receivedAt: string | null, dueAt: string | null, finishedAt: string | null, overdue: boolean, procedure: { code: string, name: string }, currentAgency: { code: string, name: string }, steps: Array<{ order: number, name: string, status: StepStatus, startedAt: string | null, dueAt: string | null, finishedAt: string | null, agency: { code: string, name: string } }>, timeline: Array<{ at: string, label: string, status: DossierStatus, agency: { name: string } | null }> } };

export type BoardViewFragment = { asOf: string, resultsReadyCount: number, receivedToday: number, agency: { code: string, name: string }, resultsReady: Array<{ maskedCode: string, procedureName: string, status: DossierStatus, statusLabel: string, at: string }>, received: Array<{ maskedCode: string, procedureName: string, status: DossierStatus, statusLabel: string, at: string }> };

export type WatchHallBoardSubscriptionVariables = Exact<{
  agencyCode: string;
}>;


export type WatchHallBoardSubscription = { hallBoard: { asOf: string, resultsReadyCount: number, receivedToday: number, agency: { code: string, name: string }, resultsReady: Array<{ maskedCode: string, procedureName: string, status: DossierStatus, statusLabel: string, at: string }>, received: Array<{ maskedCode: string, procedureName: string, status: DossierStatus, statusLabel: string, at: string }> } };

export type ScreenAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type ScreenAgenciesQuery = { agencies: { edges: Array<{ node: { code: string, name: string, shortName: string | null, kind: AgencyKind } }> } };

export type StatsByChannelQueryVariables = Exact<{
  from: string;
  to: string;
  agencyCode?: string | null | undefined;
}>;


export type StatsByChannelQuery = { serviceStats: { received: number, receivedByChannel: Array<{ channel: Channel, count: number }> } };

export type ProcedureCatalogQueryVariables = Exact<{
  search?: string | null | undefined;
  agencyCode?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProcedureCatalogQuery = { procedures: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { code: string, name: string, field: string, onlineLevel: OnlineLevel | null, agency: { code: string, name: string }, processingTime: { amount: number, unit: TimeUnit } | null, fees: Array<{ code: string, name: string, amount: number }>, components: Array<{ code: string, name: string, required: boolean }>, steps: Array<{ order: number, agency: { code: string, name: string }, processingTime: { amount: number, unit: TimeUnit } | null }> } }> } };

export type TrackDossierQueryVariables = Exact<{
  code: string;
}>;


export type TrackDossierQuery = { trackDossier: { code: string, status: DossierStatus, nationalStatusCode: number, receivedAt: string | null, dueAt: string | null, finishedAt: string | null, overdue: boolean, procedure: { code: string, name: string }, currentAgency: { code: string, name: string } } | null };

export type SubmitDossierMutationVariables = Exact<{
  input: SubmitDossierInput;
}>;


export type SubmitDossierMutation = { submitDossier: { dossier: { code: string, status: DossierStatus, channel: Channel, returnMethod: ReturnMethod, applicant: { personalId: string, fullName: string, dateOfBirth: string | null, permanentAddress: string | null }, components: Array<{ code: string, name: string, documentId: string | null, reused: boolean }>, fees: Array<{ code: string, amount: number, paid: boolean }> } | null, userErrors: Array<{ field: string | null, message: string, code: string }> } };

export type MyDossiersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyDossiersQuery = { myDossiers: { totalCount: number, edges: Array<{ node: { code: string, status: DossierStatus, dueAt: string | null, overdue: boolean, procedure: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PayFeesMutationVariables = Exact<{
  dossierCode: string;
}>;


export type PayFeesMutation = { payFees: { payment: { reference: string, amount: number, status: PaymentStatus, checkoutUrl: string | null } | null, userErrors: Array<{ field: string | null, message: string, code: string }> } };

export type RateDossierMutationVariables = Exact<{
  dossierCode: string;
  rating: SatisfactionRating;
  comment?: string | null | undefined;
}>;


export type RateDossierMutation = { rateDossier: { userErrors: Array<{ field: string | null, message: string, code: string }> } };

export type WorklistQueryVariables = Exact<{
  filter?: DossierFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WorklistQuery = { dossiers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, status: DossierStatus, channel: Channel, receivedAt: string | null, dueAt: string | null, overdue: boolean, version: number, procedure: { code: string, name: string }, applicant: { fullName: string }, currentAgency: { code: string }, steps: Array<{ order: number, status: StepStatus, startedAt: string | null, dueAt: string | null, finishedAt: string | null, externalReference: string | null, agency: { code: string } }> } }> } };

export type ReceiveDossierMutationVariables = Exact<{
  input: ReceiveDossierInput;
}>;


export type ReceiveDossierMutation = { receiveDossier: { dossier: { code: string, status: DossierStatus, receivedAt: string | null, dueAt: string | null, receipt: { number: string, issuedAt: string, dueAt: string } | null } | null, userErrors: Array<{ field: string | null, message: string, code: string }> } };

export type TransitionDossierMutationVariables = Exact<{
  code: string;
  action: DossierAction;
  input?: TransitionInput | null | undefined;
  expectedVersion: number;
}>;


export type TransitionDossierMutation = { transitionDossier: { dossier: { code: string, status: DossierStatus, nationalStatusCode: number, version: number, dueAt: string | null, currentAgency: { code: string }, apologies: Array<{ previousDueAt: string, newDueAt: string, reason: string, issuedAt: string }>, history: Array<{ action: HistoryAction, fromStatus: DossierStatus | null, toStatus: DossierStatus, actor: string, at: string, note: string | null, agency: { code: string } | null }> } | null, userErrors: Array<{ field: string | null, message: string, code: string }> } };

export type CitizenLookupQueryVariables = Exact<{
  personalId: string;
  purpose: string;
}>;


export type CitizenLookupQuery = { citizen: { personalId: string, fullName: string, dateOfBirth: string | null, gender: string | null, permanentAddress: string | null, currentAddress: string | null } | null };

export type ServiceStatsQueryVariables = Exact<{
  from: string;
  to: string;
  agencyCode?: string | null | undefined;
}>;


export type ServiceStatsQuery = { serviceStats: { received: number, finished: number, finishedOnTime: number, overdueOpen: number, onTimeRate: number | null, onlineRate: number | null, digitizedRate: number | null, satisfactionRate: number | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const TrackingViewFragmentDoc = new TypedDocumentString(`
    fragment TrackingView on DossierTracking {
  code
  status
  statusLabel
  nationalStatusCode
  procedure {
    code
    name
  }
  receivedAt
  dueAt
  finishedAt
  overdue
  currentAgency {
    code
    name
  }
  steps {
    order
    name
    status
    startedAt
    dueAt
    finishedAt
    agency {
      code
      name
    }
  }
  timeline {
    at
    label
    status
    agency {
      name
    }
  }
}
    `, {"fragmentName":"TrackingView"}) as unknown as TypedDocumentString<TrackingViewFragment, unknown>;
export const BoardViewFragmentDoc = new TypedDocumentString(`
    fragment BoardView on HallBoard {
  agency {
    code
    name
  }
  asOf
  resultsReadyCount
  receivedToday
  resultsReady {
    maskedCode
    procedureName
    status
    statusLabel
    at
  }
  received {
    maskedCode
    procedureName
    status
    statusLabel
    at
  }
}
    `, {"fragmentName":"BoardView"}) as unknown as TypedDocumentString<BoardViewFragment, unknown>;
export const LookupDossierDocument = new TypedDocumentString(`
    query LookupDossier($code: String!) {
  trackDossier(code: $code) {
    ...TrackingView
  }
}
    fragment TrackingView on DossierTracking {
  code
  status
  statusLabel
  nationalStatusCode
  procedure {
    code
    name
  }
  receivedAt
  dueAt
  finishedAt
  overdue
  currentAgency {
    code
    name
  }
  steps {
    order
    name
    status
    startedAt
    dueAt
    finishedAt
    agency {
      code
      name
    }
  }
  timeline {
    at
    label
    status
    agency {
      name
    }
  }
}`) as unknown as TypedDocumentString<LookupDossierQuery, LookupDossierQueryVariables>;
export const WatchDossierDocument = new TypedDocumentString(`
    subscription WatchDossier($code: String!) {
  dossierTracking(code: $code) {
    ...TrackingView
  }
}
    fragment TrackingView on DossierTracking {
  code
  status
  statusLabel
  nationalStatusCode
  procedure {
    code
    name
  }
  receivedAt
  dueAt
  finishedAt
  overdue
  currentAgency {
    code
    name
  }
  steps {
    order
    name
    status
    startedAt
    dueAt
    finishedAt
    agency {
      code
      name
    }
  }
  timeline {
    at
    label
    status
    agency {
      name
    }
  }
}`) as unknown as TypedDocumentString<WatchDossierSubscription, WatchDossierSubscriptionVariables>;
export const WatchHallBoardDocument = new TypedDocumentString(`
    subscription WatchHallBoard($agencyCode: String!) {
  hallBoard(agencyCode: $agencyCode) {
    ...BoardView
  }
}
    fragment BoardView on HallBoard {
  agency {
    code
    name
  }
  asOf
  resultsReadyCount
  receivedToday
  resultsReady {
    maskedCode
    procedureName
    status
    statusLabel
    at
  }
  received {
    maskedCode
    procedureName
    status
    statusLabel
    at
  }
}`) as unknown as TypedDocumentString<WatchHallBoardSubscription, WatchHallBoardSubscriptionVariables>;
export const ScreenAgenciesDocument = new TypedDocumentString(`
    query ScreenAgencies {
  agencies(first: 100) {
    edges {
      node {
        code
        name
        shortName
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ScreenAgenciesQuery, ScreenAgenciesQueryVariables>;
export const StatsByChannelDocument = new TypedDocumentString(`
    query StatsByChannel($from: Date!, $to: Date!, $agencyCode: String) {
  serviceStats(from: $from, to: $to, agencyCode: $agencyCode) {
    received
    receivedByChannel {
      channel
      count
    }
  }
}
    `) as unknown as TypedDocumentString<StatsByChannelQuery, StatsByChannelQueryVariables>;
export const ProcedureCatalogDocument = new TypedDocumentString(`
    query ProcedureCatalog($search: String, $agencyCode: String, $first: Int, $after: String) {
  procedures(
    search: $search
    agencyCode: $agencyCode
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        code
        name
        field
        agency {
          code
          name
        }
        onlineLevel
        processingTime {
          amount
          unit
        }
        fees {
          code
          name
          amount
        }
        components {
          code
          name
          required
        }
        steps {
          order
          agency {
            code
            name
          }
          processingTime {
            amount
            unit
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProcedureCatalogQuery, ProcedureCatalogQueryVariables>;
export const TrackDossierDocument = new TypedDocumentString(`
    query TrackDossier($code: String!) {
  trackDossier(code: $code) {
    code
    status
    nationalStatusCode
    procedure {
      code
      name
    }
    receivedAt
    dueAt
    finishedAt
    overdue
    currentAgency {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TrackDossierQuery, TrackDossierQueryVariables>;
export const SubmitDossierDocument = new TypedDocumentString(`
    mutation SubmitDossier($input: SubmitDossierInput!) {
  submitDossier(input: $input) {
    dossier {
      code
      status
      channel
      applicant {
        personalId
        fullName
        dateOfBirth
        permanentAddress
      }
      components {
        code
        name
        documentId
        reused
      }
      fees {
        code
        amount
        paid
      }
      returnMethod
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<SubmitDossierMutation, SubmitDossierMutationVariables>;
export const MyDossiersDocument = new TypedDocumentString(`
    query MyDossiers($first: Int, $after: String) {
  myDossiers(first: $first, after: $after) {
    totalCount
    edges {
      node {
        code
        status
        dueAt
        overdue
        procedure {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MyDossiersQuery, MyDossiersQueryVariables>;
export const PayFeesDocument = new TypedDocumentString(`
    mutation PayFees($dossierCode: String!) {
  payFees(dossierCode: $dossierCode) {
    payment {
      reference
      amount
      status
      checkoutUrl
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PayFeesMutation, PayFeesMutationVariables>;
export const RateDossierDocument = new TypedDocumentString(`
    mutation RateDossier($dossierCode: String!, $rating: SatisfactionRating!, $comment: String) {
  rateDossier(dossierCode: $dossierCode, rating: $rating, comment: $comment) {
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RateDossierMutation, RateDossierMutationVariables>;
export const WorklistDocument = new TypedDocumentString(`
    query Worklist($filter: DossierFilter, $first: Int, $after: String) {
  dossiers(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        code
        status
        channel
        receivedAt
        dueAt
        overdue
        version
        procedure {
          code
          name
        }
        applicant {
          fullName
        }
        currentAgency {
          code
        }
        steps {
          order
          agency {
            code
          }
          status
          startedAt
          dueAt
          finishedAt
          externalReference
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WorklistQuery, WorklistQueryVariables>;
export const ReceiveDossierDocument = new TypedDocumentString(`
    mutation ReceiveDossier($input: ReceiveDossierInput!) {
  receiveDossier(input: $input) {
    dossier {
      code
      status
      receivedAt
      dueAt
      receipt {
        number
        issuedAt
        dueAt
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ReceiveDossierMutation, ReceiveDossierMutationVariables>;
export const TransitionDossierDocument = new TypedDocumentString(`
    mutation TransitionDossier($code: String!, $action: DossierAction!, $input: TransitionInput, $expectedVersion: Int!) {
  transitionDossier(
    code: $code
    action: $action
    input: $input
    expectedVersion: $expectedVersion
  ) {
    dossier {
      code
      status
      nationalStatusCode
      version
      dueAt
      currentAgency {
        code
      }
      apologies {
        previousDueAt
        newDueAt
        reason
        issuedAt
      }
      history {
        action
        fromStatus
        toStatus
        actor
        agency {
          code
        }
        at
        note
      }
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TransitionDossierMutation, TransitionDossierMutationVariables>;
export const CitizenLookupDocument = new TypedDocumentString(`
    query CitizenLookup($personalId: String!, $purpose: String!) {
  citizen(personalId: $personalId, purpose: $purpose) {
    personalId
    fullName
    dateOfBirth
    gender
    permanentAddress
    currentAddress
  }
}
    `) as unknown as TypedDocumentString<CitizenLookupQuery, CitizenLookupQueryVariables>;
export const ServiceStatsDocument = new TypedDocumentString(`
    query ServiceStats($from: Date!, $to: Date!, $agencyCode: String) {
  serviceStats(from: $from, to: $to, agencyCode: $agencyCode) {
    received
    finished
    finishedOnTime
    overdueOpen
    onTimeRate
    onlineRate
    digitizedRate
    satisfactionRate
  }
}
    `) as unknown as TypedDocumentString<ServiceStatsQuery, ServiceStatsQueryVariables>;