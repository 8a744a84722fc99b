import { createHash } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { OfficeHours } from '../calendar';
import type { DocumentsConfig } from '../config';
import type { Database } from '../db/database';
import { DocumentService } from '../documents';
import { Dossier, DossierAction, DossierMoves, DossierStatus, DossierStep, HistoryAction, recordHistory, StepStatus, statusLabel, type MovedHook, type StepStartedHook } from '../dossiers';
import { AccessError, UpstreamError, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { DepartmentDirectory, DepartmentEntry } from './department-directory';
import { DepartmentCursor, DepartmentReportRecord, ReportChannel, ReportOutcome } from './department-sync.entity';
import { MEANING_RANK, StepReportMeaning, type DepartmentReport, type DepartmentSystem } from './department.port';
import { systemActor } from './department-sending';

/** Why a report was refused, as the hub's SOAP endpoint names it (detail/MaLoi). */
export type RefusalCode = 'KHONG_TIM_THAY' | 'KHONG_THUOC_DON_VI' | 'TRANG_THAI_LA' | 'YEU_CAU_KHONG_HOP_LE';

/** What the hub did with one report. */
export type ReportVerdict =
  | { outcome: ReportOutcome.APPLIED | ReportOutcome.RECORDED; duplicate: boolean; message: string }
  | { outcome: ReportOutcome.REFUSED; duplicate: boolean; code: RefusalCode; message: string };

class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Pull runs hold a lease on their department's cursor row, so that two hub processes never pull one department at once. */
const LEASE_SECONDS = 300;
/** Pages read in one run, at most: a department with a long backlog is caught up over several ticks. */
const MAX_PAGES_PER_RUN = 20;

export interface DepartmentReportsDependencies {
  database: Database;
  directory: DepartmentDirectory;
  clock: Clock;
  officeHours: OfficeHours;
  documents: DocumentsConfig;
  logger: Logger;
  /** The same hook as officers' moves: a step a department finishes starts the next, which may be another department's. */
  onStepStarted: StepStartedHook;
  /** The same hook as officers' moves: a result a department makes ready may go home by post. */
  onMoved?: MovedHook;
}

/** The key a report is known by: the department's own id, or a digest of what it says. */
function reportKey(report: DepartmentReport): string {
  if (report.id) return `id:${report.id}`.slice(0, 200);
  const digest = createHash('sha256').update([report.dossierCode, report.reference ?? '', report.status, report.at.toISOString()].join('|')).digest('hex');
  return `sha256:${digest}`;
}

/**
 * Applies what departments report, pulled or pushed, by one rule: a
 * report is taken once (per department and report key); it never moves a
 * step backwards (a late or out-of-order report is recorded, not
 * applied); a step reported done is completed as COMPLETE_STEP does, by
 * the department's system account, with its results and its own status
 * code beside ours in the history; a report on a step already done (by an
 * officer's hand) is recorded, not applied twice. Each report commits
 * with the dossier's row lock held, and a pulled one with the cursor.
 */
export class DepartmentReports {
  constructor(private readonly deps: DepartmentReportsDependencies) {}

  async apply(department: DepartmentEntry, report: DepartmentReport, channel: ReportChannel, cursor: string | null = null): Promise<ReportVerdict> {
    const key = reportKey(report);
    const { database, clock } = this.deps;
    try {
      return await database.fork().transactional(async (tx) => {
        if (cursor !== null) await this.advance(tx, department.instance, cursor);
        const dossier = await tx.findOne(Dossier, { code: report.dossierCode.toUpperCase() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const earlier = await tx.findOne(DepartmentReportRecord, { instance: department.instance, reportKey: key });
        if (earlier) return this.repeat(earlier);
        const record = (outcome: ReportOutcome, stepId: string | null, detail: string | null) =>
          tx.create(DepartmentReportRecord, {
            instance: department.instance,
            reportKey: key,
            dossierCode: report.dossierCode.slice(0, 60),
            stepId,
            reference: report.reference?.slice(0, 200) ?? null,
            status: report.status.slice(0, 100),
            at: report.at,
            receivedAt: clock.now(),
            channel,
            outcome,
            detail,
          });
        const status = department.statuses.get(report.status);
        if (!status) throw new Refusal('TRANG_THAI_LA', `Mã trạng thái "${report.status}" chưa được khai báo trong cấu hình của ${department.system}.`);
        if (!dossier) throw new Refusal('KHONG_TIM_THAY', `Không tìm thấy hồ sơ ${report.dossierCode}.`);
        const step = await this.stepOf(tx, dossier, department, report.reference);
        if (!step) throw new Refusal('KHONG_THUOC_DON_VI', `Hồ sơ ${dossier.code} không có bước xử lý tại ${department.agencyName}.`);
        const verdict = await this.applyToStep(tx, department, dossier, step, report, status);
        record(verdict.outcome, step.id, verdict.outcome === ReportOutcome.RECORDED ? verdict.message : null);
        return verdict;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        // The same report, applied by another process meanwhile.
        const earlier = await database.fork().findOne(DepartmentReportRecord, { instance: department.instance, reportKey: key });
        if (earlier) return this.repeat(earlier);
      }
      const refusal = error instanceof Refusal ? error : error instanceof UserError || error instanceof AccessError ? new Refusal('YEU_CAU_KHONG_HOP_LE', error.message) : null;
      if (!refusal) throw error;
      return this.refuse(department, report, key, channel, cursor, refusal);
    }
  }

  /** A refused report is kept (in a transaction of its own, the change it asked for having rolled back), with the cursor past it. */
  private async refuse(department: DepartmentEntry, report: DepartmentReport, key: string, channel: ReportChannel, cursor: string | null, refusal: Refusal): Promise<ReportVerdict> {
    const { database, clock, logger } = this.deps;
    try {
      await database.fork().transactional(async (tx) => {
        if (cursor !== null) await this.advance(tx, department.instance, cursor);
        tx.create(DepartmentReportRecord, {
          instance: department.instance,
          reportKey: key,
          dossierCode: report.dossierCode.slice(0, 60),
          reference: report.reference?.slice(0, 200) ?? null,
          status: report.status.slice(0, 100),
          at: report.at,
          receivedAt: clock.now(),
          channel,
          outcome: ReportOutcome.REFUSED,
          detail: `${refusal.code}: ${refusal.message}`,
        });
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    logger.warn({ department: department.instance, dossierCode: report.dossierCode, code: refusal.code }, 'a department report was refused');
    return { outcome: ReportOutcome.REFUSED, duplicate: false, code: refusal.code, message: refusal.message };
  }

  private repeat(earlier: DepartmentReportRecord): ReportVerdict {
    const message = 'Báo cáo này đã được nhận trước đó; không thay đổi gì.';
    if (earlier.outcome === ReportOutcome.REFUSED) {
      const code = (earlier.detail?.split(':')[0] ?? 'YEU_CAU_KHONG_HOP_LE') as RefusalCode;
      return { outcome: ReportOutcome.REFUSED, duplicate: true, code, message: earlier.detail?.slice(code.length + 2) ?? message };
    }
    return { outcome: earlier.outcome, duplicate: true, message };
  }

  /** The step the report is about: the one with its reference, else the one in progress at the department, else its latest started one. */
  private async stepOf(tx: EntityManager, dossier: Dossier, department: DepartmentEntry, reference: string | null): Promise<DossierStep | null> {
    const steps = await tx.find(DossierStep, { dossier, agency: department.agencyId }, { orderBy: { order: 'asc' } });
    if (steps.length === 0) return null;
    return (
      (reference ? steps.find((s) => s.externalReference === reference) : undefined) ??
      steps.find((s) => s.status === StepStatus.IN_PROGRESS) ??
      [...steps].reverse().find((s) => s.startedAt !== null) ??
      steps[0]
    );
  }

  private async applyToStep(
    tx: EntityManager,
    department: DepartmentEntry,
    dossier: Dossier,
    step: DossierStep,
    report: DepartmentReport,
    status: { meaning: StepReportMeaning; label: string },
  ): Promise<ReportVerdict> {
    const now = this.deps.clock.now();
    const rank = MEANING_RANK[status.meaning];
    const said = `${department.system}: ${status.label} (${report.status})${report.note ? ` — ${report.note}` : ''}`;
    step.lastSyncAt = now;
    if (step.status === StepStatus.PENDING) {
      return { outcome: ReportOutcome.RECORDED, duplicate: false, message: `Bước ${step.order} chưa được chuyển tới ${department.agencyName}: báo cáo được ghi nhận, không áp dụng.` };
    }
    const stale = rank < step.externalRank || (rank === step.externalRank && step.externalStatusAt !== null && report.at.getTime() <= step.externalStatusAt.getTime());
    if (stale) {
      return { outcome: ReportOutcome.RECORDED, duplicate: false, message: `Báo cáo đến muộn hoặc không theo thứ tự (bước đã ở trạng thái "${step.externalStatusLabel ?? step.externalStatus ?? ''}"): được ghi nhận, không áp dụng.` };
    }
    step.externalReference ??= report.reference?.slice(0, 200) ?? null;
    step.externalStatus = report.status.slice(0, 100);
    step.externalStatusLabel = status.label.slice(0, 200);
    step.externalStatusAt = report.at;
    step.externalRank = rank;
    if (step.status === StepStatus.DONE) {
      return { outcome: ReportOutcome.RECORDED, duplicate: false, message: `Bước ${step.order} đã hoàn thành trước đó (cán bộ đã xử lý): báo cáo được ghi nhận, không áp dụng lại.` };
    }
    const actor = systemActor(department);
    if (status.meaning === StepReportMeaning.DONE && dossier.status === DossierStatus.PROCESSING && dossier.currentAgency.id === department.agencyId) {
      const moves = new DossierMoves(new DocumentService(tx, this.deps.documents), {
        clock: this.deps.clock,
        officeHours: this.deps.officeHours,
        onStepStarted: this.deps.onStepStarted,
        ...(this.deps.onMoved ? { onMoved: this.deps.onMoved } : {}),
      });
      await moves.apply(
        tx,
        dossier,
        DossierAction.COMPLETE_STEP,
        {
          note: said,
          externalStatus: report.status,
          components: report.results.map((document, index) => ({
            code: `KQ${index + 1}`,
            name: document.name,
            fileName: document.fileName,
            contentType: document.contentType,
            contentBase64: document.content.toString('base64'),
          })),
        },
        {
          actor,
          // The department's system acts as the officer of the agency the dossier is at.
          facts: { roles: new Set([Role.OFFICER]), isApplicant: false, isReceivingAgencyOfficer: false, isCurrentAgencyOfficer: true },
        },
      );
      return { outcome: ReportOutcome.APPLIED, duplicate: false, message: `Đã hoàn thành bước ${step.order} của hồ sơ ${dossier.code}.` };
    }
    const held =
      status.meaning === StepReportMeaning.DONE
        ? ` Hồ sơ đang ở trạng thái "${statusLabel(dossier.status)}": cán bộ hoàn thành bước khi hồ sơ được tiếp tục.`
        : '';
    recordHistory(tx, dossier, { action: HistoryAction.DEPARTMENT_REPORT, from: dossier.status, to: dossier.status, actor, at: now, note: `${said}.${held}`, externalStatus: report.status });
    return { outcome: ReportOutcome.APPLIED, duplicate: false, message: `Đã ghi nhận trạng thái "${status.label}" của hồ sơ ${dossier.code}.` };
  }

  /** Moves the department's cursor, in the transaction that applies (or records) the report it follows. */
  private async advance(tx: EntityManager, instance: string, cursor: string): Promise<void> {
    await tx.execute('insert into department_cursor (instance, cursor) values (?, ?) on conflict (instance) do update set cursor = excluded.cursor', [instance, cursor.slice(0, 200)], 'run');
  }

  /**
   * One pull of one department: asks its system for what changed since the
   * stored cursor, page after page, and applies each report in order, the
   * cursor moving with each. A failure to reach the system is kept on the
   * cursor row (for supervisors) and thrown (the job logs it; the next tick
   * tries again); nothing after a report that could not be committed is
   * applied. Returns how many reports were read.
   */
  async pull(department: DepartmentEntry, port: DepartmentSystem): Promise<number> {
    const { database, clock } = this.deps;
    if (!(await this.lease(department.instance))) return 0;
    let read = 0;
    try {
      let cursor = (await database.fork().findOne(DepartmentCursor, { instance: department.instance }))?.cursor ?? null;
      for (let page = 0; page < MAX_PAGES_PER_RUN; page += 1) {
        const reports = await port.changes(cursor);
        if (reports.length === 0) break;
        for (const report of reports) {
          await this.apply(department, report, ReportChannel.PULL, report.cursor);
          read += 1;
        }
        const last = reports.at(-1)?.cursor ?? null;
        if (last === null || last === cursor) break;
        cursor = last;
      }
      await database.fork().nativeUpdate(DepartmentCursor, { instance: department.instance }, { lastPullAt: clock.now(), lastPullOkAt: clock.now(), lastPullError: null, leaseUntil: null });
      return read;
    } catch (error) {
      const message = error instanceof UpstreamError ? error.message : 'Lỗi không mong đợi khi lấy thay đổi; xem nhật ký của hệ thống.';
      await database.fork().nativeUpdate(DepartmentCursor, { instance: department.instance }, { lastPullAt: clock.now(), lastPullError: message, leaseUntil: null });
      throw error;
    }
  }

  /** Takes the department's pull lease (or not, when another process holds it). */
  private async lease(instance: string): Promise<boolean> {
    const connection = this.deps.database.fork().getConnection();
    await connection.execute('insert into department_cursor (instance) values (?) on conflict (instance) do nothing', [instance]);
    const rows = await connection.execute<Array<{ instance: string }>>(
      `update department_cursor set lease_until = now() + interval '${LEASE_SECONDS} seconds' where instance = ? and (lease_until is null or lease_until < now()) returning instance`,
      [instance],
    );
    return rows.length === 1;
  }
}
