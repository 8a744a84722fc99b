import {
  DepartmentRefusedError,
  type DepartmentReport,
  type DepartmentResultDocument,
  type DepartmentSystem,
  type OutgoingDossier,
  type SentDossier,
} from '../../../src/departments/department.port';
import { UpstreamError } from '../../../src/errors';
import type { CallOptions } from '../../../src/integration/call-options';

/** The status codes the fake reports in: Sở NN&MT's (connectors/department/simulated/so-nnmt.json), so that its profile reads them. */
export const FAKE_STATUSES = { received: '01', processing: '02', done: '04', returned: '05' } as const;

/** A dossier the fake took, once per sending key. */
export interface FakeReceivedDossier {
  /** A copy of what was sent: later changes by the caller do not reach it. */
  dossier: OutgoingDossier;
  reference: string;
  receivedAt: Date;
  /** Its last status; DONE and RETURNED are final. */
  status: string;
}

export interface InMemoryDepartmentOptions {
  /** The instance name in its errors. Default "department-fake". */
  instance?: string;
  /** The prefix of its references. Default "FAKE-". */
  referencePrefix?: string;
  /** Its clock. Default: the real time. */
  now?: () => Date;
}

/**
 * An in-memory department system with the polled simulator's rules: a
 * dossier is taken once per sending key (the same key again answers the
 * same reference), each change goes to a log read from a numeric cursor
 * (the number of changes already read), `finishAll()` moves every open
 * dossier to DONE with a result document. A switch plays "down".
 */
export class InMemoryDepartmentSystem implements DepartmentSystem {
  /** Dossiers taken, by sending key, in the order they came. */
  readonly received = new Map<string, FakeReceivedDossier>();
  /** Set to make every call fail as an unavailable system does. */
  down = false;
  private readonly log: DepartmentReport[] = [];
  private readonly instance: string;
  private readonly referencePrefix: string;
  private readonly now: () => Date;

  constructor(options: InMemoryDepartmentOptions = {}) {
    this.instance = options.instance ?? 'department-fake';
    this.referencePrefix = options.referencePrefix ?? 'FAKE-';
    this.now = options.now ?? (() => new Date());
  }

  /** Every change reported so far, oldest first. */
  get changeLog(): readonly DepartmentReport[] {
    return this.log;
  }

  send(dossier: OutgoingDossier, options: CallOptions = {}): Promise<SentDossier> {
    const unusable = this.unusable(options);
    if (unusable) return Promise.reject(unusable);
    if (dossier.sendingKey.trim() === '' || dossier.code.trim() === '') {
      return Promise.reject(new DepartmentRefusedError(this.instance, 'Hệ thống giả lập từ chối: thiếu khóa gửi hoặc mã hồ sơ.'));
    }
    const known = this.received.get(dossier.sendingKey);
    if (known) return Promise.resolve({ reference: known.reference });
    const taken: FakeReceivedDossier = {
      dossier: structuredClone(dossier),
      reference: `${this.referencePrefix}${String(this.received.size + 1).padStart(6, '0')}`,
      receivedAt: this.now(),
      status: FAKE_STATUSES.received,
    };
    this.received.set(dossier.sendingKey, taken);
    this.append(taken, FAKE_STATUSES.received, 'Đã tiếp nhận hồ sơ liên thông.');
    return Promise.resolve({ reference: taken.reference });
  }

  changes(cursor: string | null, options: CallOptions = {}): Promise<DepartmentReport[]> {
    const unusable = this.unusable(options);
    if (unusable) return Promise.reject(unusable);
    const from = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(from) || from < 0) return Promise.reject(new UpstreamError(this.instance, `in-memory department: "${cursor}" is not one of its cursors`));
    return Promise.resolve(this.log.slice(from).map(copyReport));
  }

  ping(options: CallOptions = {}): Promise<void> {
    const unusable = this.unusable(options);
    return unusable ? Promise.reject(unusable) : Promise.resolve();
  }

  /** Moves every open dossier to PROCESSING then DONE, with a result document, as if its time had passed. */
  finishAll(): void {
    for (const taken of this.received.values()) {
      if (taken.status === FAKE_STATUSES.done || taken.status === FAKE_STATUSES.returned) continue;
      if (taken.status === FAKE_STATUSES.received) this.append(taken, FAKE_STATUSES.processing, 'Hồ sơ đang được thẩm định.');
      const result: DepartmentResultDocument = {
        name: 'Văn bản thẩm định',
        fileName: `KQ-${taken.dossier.code}.pdf`,
        contentType: 'application/pdf',
        content: Buffer.from(`%PDF-1.4\n% ${taken.dossier.code}\n%%EOF\n`, 'latin1'),
      };
      this.append(taken, FAKE_STATUSES.done, 'Đã thẩm định xong hồ sơ.', [result]);
    }
  }

  /** Sends the dossier of `sendingKey` back without a result (RETURNED), as a department that finds it incomplete. */
  returnDossier(sendingKey: string, note: string): void {
    const taken = this.received.get(sendingKey);
    if (!taken) throw new Error(`in-memory department: no dossier was sent with key ${sendingKey}`);
    this.append(taken, FAKE_STATUSES.returned, note);
  }

  private unusable(options: CallOptions): UpstreamError | null {
    if (options.signal?.aborted) return new UpstreamError(this.instance, 'in-memory department: the call was abandoned');
    return this.down ? new UpstreamError(this.instance, 'in-memory department is down') : null;
  }

  private append(taken: FakeReceivedDossier, status: string, note: string, results: DepartmentResultDocument[] = []): void {
    const sequence = this.log.length + 1;
    this.log.push({
      id: `${taken.reference}:${sequence}`,
      // The cursor after a change is its sequence number: asking from it gives the changes after it.
      cursor: String(sequence),
      dossierCode: taken.dossier.code,
      reference: taken.reference,
      status,
      at: this.now(),
      note,
      results,
    });
    taken.status = status;
  }
}

/** A report the caller may change without changing the log. */
function copyReport(report: DepartmentReport): DepartmentReport {
  return { ...report, at: new Date(report.at), results: report.results.map((d) => ({ ...d, content: Buffer.from(d.content) })) };
}
