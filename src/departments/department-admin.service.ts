import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { byDossierCode, Dossier, type DossierAccess } from '../dossiers';
import { ErrorCode, UserError } from '../errors';
import type { ConnectorRegistry } from '../integration';
import { OutboxStatus } from '../outbox';
import { sendTopic } from './department-sending';
import type { DepartmentDirectory } from './department-directory';
import { DepartmentCursor, DepartmentReportRecord } from './department-sync.entity';
import type { DepartmentSystemStatus } from './department.resolver';

/** Reports listed for one dossier, at most. */
const REPORTS_PER_DOSSIER = 200;

/** What supervisors see of the department systems, and officers of a dossier's reports. */
export class DepartmentAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly directory: DepartmentDirectory,
    private readonly connectors: ConnectorRegistry,
  ) {}

  /** Each department system: its health and breaker, pull cursor and last pull, and the sendings waiting for it (supervisors). */
  async systems(): Promise<DepartmentSystemStatus[]> {
    this.access.requireRole(Role.SUPERVISOR);
    const entries = this.directory.entries;
    if (entries.length === 0) return [];
    const [health, cursors, counts, lastReports] = await Promise.all([
      this.connectors.health(),
      this.em.find(DepartmentCursor, { instance: { $in: entries.map((e) => e.instance) } }),
      this.em.getConnection().execute<Array<{ topic: string; status: OutboxStatus; n: string }>>(
        `select topic, status, count(*) as n from outbox_message where topic in (${entries.map(() => '?').join(', ')}) and status in (?, ?) group by topic, status`,
        [...entries.map((e) => sendTopic(e.instance)), OutboxStatus.PENDING, OutboxStatus.DEAD],
      ),
      this.em.getConnection().execute<Array<{ instance: string; at: Date; refused: string }>>(
        `select instance, max(received_at) as at, count(*) filter (where outcome = 'REFUSED') as refused from department_report where instance in (${entries.map(() => '?').join(', ')}) group by instance`,
        entries.map((e) => e.instance),
      ),
    ]);
    const count = (instance: string, status: OutboxStatus) => Number(counts.find((c) => c.topic === sendTopic(instance) && c.status === status)?.n ?? 0);
    return entries.map((entry) => {
      const cursor = cursors.find((c) => c.instance === entry.instance);
      const reports = lastReports.find((r) => r.instance === entry.instance);
      const check = health.find((h) => h.name === entry.instance);
      return {
        name: entry.instance,
        system: entry.system,
        agencyCode: entry.agencyCode,
        agencyName: entry.agencyName,
        pullSchedule: entry.pull?.cron ?? null,
        pushes: entry.push !== null,
        cursor: cursor?.cursor ?? null,
        lastPullAt: cursor?.lastPullAt ?? null,
        lastPullOkAt: cursor?.lastPullOkAt ?? null,
        lastPullError: cursor?.lastPullError ?? null,
        backlog: count(entry.instance, OutboxStatus.PENDING),
        deadLetters: count(entry.instance, OutboxStatus.DEAD),
        lastReportAt: reports?.at ? new Date(reports.at) : null,
        reportsRefused: Number(reports?.refused ?? 0),
        ok: check?.ok ?? false,
        breaker: check?.breaker ?? 'closed',
        error: check?.error ?? null,
        checkedAt: check?.checkedAt ?? null,
      };
    });
  }

  /** What the departments reported on one dossier, newest first (whoever may see the dossier; not citizens). */
  async reports(code: string): Promise<DepartmentReportRecord[]> {
    this.access.requireRole(Role.OFFICER, Role.SUPERVISOR);
    const dossier = await this.em.findOne(Dossier, byDossierCode(code.trim().toUpperCase()));
    if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${code.trim()}.`, 'dossierCode');
    await this.access.assertCanSee(dossier);
    return this.em.find(DepartmentReportRecord, { dossierCode: dossier.code }, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: REPORTS_PER_DOSSIER });
  }
}
