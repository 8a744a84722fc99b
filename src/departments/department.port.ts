import type { CallOptions } from '../integration';

/**
 * A department's own system (a Sở's one-stop software, the People's
 * Committee's document system, ...), as the hub needs it: take a dossier
 * for a step, tell what changed since a cursor, and answer a health check.
 * One port for every department; the department kind
 * (connectors/department) implements it from a configuration file, so a
 * new department is a file, not code.
 */
export interface DepartmentSystem {
  /**
   * Hands the dossier to the department for one step and answers the
   * system's own reference for it. Safe to repeat: the request carries
   * `sendingKey`, and a system given the same key again answers the same
   * reference without a second dossier.
   */
  send(dossier: OutgoingDossier, options?: CallOptions): Promise<SentDossier>;
  /**
   * What changed since `cursor` (null: from the beginning), oldest first:
   * each report carries the cursor that comes after it. Read-only, safe
   * to repeat. Throws when the department is configured without a pull
   * operation (it pushes instead).
   */
  changes(cursor: string | null, options?: CallOptions): Promise<DepartmentReport[]>;
  /** The cheapest call that proves the system answers. */
  ping(options?: CallOptions): Promise<void>;
}

/** A dossier as a department receives it for one step: what its officers need, in the hub's words (the mapping gives the system's). */
export interface OutgoingDossier {
  /** The department must repeat this key's answer when sent again (the outbox may deliver twice). */
  sendingKey: string;
  code: string;
  step: { order: number; name: string; dueAt: string | null; startedAt: string | null };
  procedure: { code: string; name: string };
  applicant: { fullName: string; personalId: string; phone: string | null; email: string | null; address: string | null };
  receivingAgency: { code: string; name: string };
  receivedAt: string | null;
  dueAt: string | null;
  channel: string;
  /** Fees in integer VND (the mapping may write them as the system's decimal). */
  fees: Array<{ code: string; name: string; amount: number }>;
  feeTotal: number;
  components: Array<{ code: string; name: string; kind: string; fileName: string | null; contentType: string | null; sizeBytes: number | null; contentBase64: string | null }>;
  note: string | null;
}

export interface SentDossier {
  /** The department system's own reference (its receipt number), kept on the step. */
  reference: string;
}

/** One change a department reports on a step of a dossier, pulled or pushed, in its own status code. */
export interface DepartmentReport {
  /** The department's id of this report; a report seen twice is applied once. Null: the hub derives one from the content. */
  id: string | null;
  /** Pulled reports: the cursor to ask from once this one is applied. */
  cursor: string | null;
  dossierCode: string;
  /** The department's reference of the dossier, when it gives one. */
  reference: string | null;
  /** The department's own status code, mapped by its configuration. */
  status: string;
  at: Date;
  note: string | null;
  /** Result documents (a decision, a certificate): required for nothing, kept as result components. */
  results: DepartmentResultDocument[];
}

export interface DepartmentResultDocument {
  name: string;
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** The department refused the dossier as it was sent (a client fault): no retry can mend it; a supervisor must look. */
export class DepartmentRefusedError extends Error {
  override name = 'DepartmentRefusedError';
  constructor(
    readonly system: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a department's status code means for the hub's step. */
export enum StepReportMeaning {
  /** The system has the dossier. */
  RECEIVED = 'RECEIVED',
  /** It is being worked on (any intermediate status). */
  PROCESSING = 'PROCESSING',
  /** The step is done: the hub completes it, as COMPLETE_STEP does, with the results. */
  DONE = 'DONE',
  /** The department sent the dossier back without a result: recorded for the officers, who decide (supplement, stop). */
  RETURNED = 'RETURNED',
}

/** The order of meanings: a report never moves a step back to a lower rank. */
export const MEANING_RANK: Readonly<Record<StepReportMeaning, number>> = {
  [StepReportMeaning.RECEIVED]: 1,
  [StepReportMeaning.PROCESSING]: 2,
  [StepReportMeaning.DONE]: 3,
  [StepReportMeaning.RETURNED]: 3,
};

/** One department as the features see it: which agency it serves and how its statuses read. */
export interface DepartmentProfile {
  /** The connector instance's name, e.g. "so-nnmt". */
  instance: string;
  /** What the system is, for people. */
  system: string;
  /** The catalogue agency whose steps it takes. */
  agencyCode: string;
  /** Pulled on a schedule, pushes to the hub's endpoint, or both. */
  pull: { cron: string } | null;
  /** The credentials the department uses to report to the hub's endpoint; null: it does not push. */
  push: { username: string; password: string } | null;
  /** Its status codes: what each means and its label. */
  statuses: ReadonlyMap<string, { meaning: StepReportMeaning; label: string }>;
}
