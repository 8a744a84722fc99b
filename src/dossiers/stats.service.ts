import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { Channel, type CatalogService } from '../catalog';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { localDayEnd, localMidnight } from '../shared/local-time';
import type { DossierAccess } from './dossier-access';
import { overdueAsOfSql } from './overdue';
import { StatsAgencyRole, type ServiceStats } from './stats.types';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Service-quality figures with the definitions of Decision 766 as the
 * national portal computes them (DOMAIN.md §6), each one SQL aggregate over
 * the period [from 00:00, to+1 00:00) in the centre's time zone:
 * - received: dossiers received in the period;
 * - finished: dossiers whose result was ready in the period, on time when
 *   the finishing date is not after the due date (date parts);
 * - overdueOpen: dossiers received before the period's end and not finished
 *   by then whose due time had passed (the clock stopped while paused);
 * - onlineRate: of dossiers received for online-capable procedures (those
 *   offering the ONLINE channel, not information-only), the share filed
 *   online;
 * - digitizedRate: of the documents of dossiers received, the share held as
 *   digitised documents;
 * - satisfactionRate: of ratings given in the period, the share satisfied
 *   or very satisfied;
 * - resultsDigitizedRate: of dossiers finished, those with a digital result
 *   or whose procedure has no result document;
 * - onlinePaymentRate: of dossiers received with a fee to pay (not waived),
 *   those paid through the national payment platform.
 */
export class StatsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  async serviceStats(from: string, to: string, agencyCode: string | null | undefined, role: StatsAgencyRole = StatsAgencyRole.RECEIVING): Promise<ServiceStats> {
    const user = this.access.requireRole(Role.SUPERVISOR, Role.OFFICER);
    let agencyId: string | null = null;
    if (!user.roles.has(Role.SUPERVISOR)) {
      if (agencyCode && agencyCode !== user.agencyCode) {
        throw new AccessError(ErrorCode.FORBIDDEN, 'Cán bộ chỉ xem được số liệu của cơ quan mình.');
      }
      agencyId = await this.access.officerAgencyId();
      if (agencyId === null) throw new AccessError(ErrorCode.FORBIDDEN, 'Cơ quan của bạn không có trong danh mục.');
    } else if (agencyCode) {
      agencyId = (await this.catalog.agencyByCode(agencyCode, 'agencyCode')).id;
    }
    if (from > to) throw new UserError(ErrorCode.INVALID_INPUT, 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', 'from');
    const start = localMidnight(from);
    const end = localDayEnd(to);
    /** Overdue is counted as it stood at the period's end, or now for a period not over yet. */
    const asOf = new Date(Math.min(this.clock.now().getTime(), end.getTime()));
    // The dossiers an agency counts: those it received, or those it is responsible for (its procedures', or with a step at it).
    const responsible = role === StatsAgencyRole.RESPONSIBLE;
    const agency =
      agencyId === null
        ? ''
        : responsible
          ? 'and (d.procedure_id in (select p.id from procedure p where p.agency_id = ?) or exists (select 1 from dossier_step s where s.dossier_id = d.id and s.agency_id = ?))'
          : 'and d.receiving_agency_id = ?';
    const agencyParams = agencyId === null ? [] : responsible ? [agencyId, agencyId] : [agencyId];

    // Documents are counted on each dossier (components_total, components_digitized: kept by triggers on its components).
    // Only the dossiers a figure can count, each bound found by an index (Migration20261202030000_stats_indexes): received in
    // the period, finished in it, or still open at its end (unfinished, or finished after it). Online-capable procedures
    // are worked out once (a hashed set), not per dossier.
    const [dossiers] = await this.em.execute<Array<Record<string, string | number>>>(
      `with capable as (
         select p.id from procedure p
          where coalesce(p.online_level, '') <> 'INFORMATION_ONLY'
            and exists (select 1 from procedure_channel c where c.procedure_id = p.id and c.channel = 'ONLINE')
       ), resultless as (
         -- A procedure with no result document counts as a digitised result (DOMAIN.md §6).
         select p.id from procedure p where jsonb_array_length(p.results::jsonb) = 0
       )
       select
         count(*) filter (where d.received_at >= ? and d.received_at < ?) as received,
         count(*) filter (where d.received_at >= ? and d.received_at < ? and d.channel = 'COUNTER') as received_counter,
         count(*) filter (where d.received_at >= ? and d.received_at < ? and d.channel = 'ONLINE') as received_online,
         count(*) filter (where d.received_at >= ? and d.received_at < ? and d.channel = 'POSTAL') as received_postal,
         count(*) filter (where d.status in ('RESULT_READY', 'RETURNED') and d.finished_at >= ? and d.finished_at < ?) as finished,
         count(*) filter (where d.status in ('RESULT_READY', 'RETURNED') and d.finished_at >= ? and d.finished_at < ?
           and d.finished_at <= d.due_at) as finished_on_time,
         count(*) filter (where d.status in ('RESULT_READY', 'RETURNED') and d.finished_at >= ? and d.finished_at < ? and (d.results_digital > 0 or d.procedure_id in (select id from resultless))) as results_digitized,
         count(*) filter (where d.received_at < ? and (d.finished_at is null or d.finished_at >= ?)
           and ${overdueAsOfSql('d')}) as overdue_open,
         count(*) filter (where d.received_at >= ? and d.received_at < ? and d.procedure_id in (select id from capable)) as online_capable,
         count(*) filter (where d.received_at >= ? and d.received_at < ? and d.procedure_id in (select id from capable) and d.channel = 'ONLINE') as online,
         coalesce(sum(d.components_total) filter (where d.received_at >= ? and d.received_at < ?), 0) as documents,
         coalesce(sum(d.components_digitized) filter (where d.received_at >= ? and d.received_at < ?), 0) as digitized,
         coalesce(sum(d.components_reused) filter (where d.received_at >= ? and d.received_at < ?), 0) as reused,
         count(*) filter (where d.received_at >= ? and d.received_at < ?
           and exists (select 1 from dossier_fee f where f.dossier_id = d.id and f.amount > 0 and not f.waived)) as with_fees,
         count(*) filter (where d.received_at >= ? and d.received_at < ?
           and exists (select 1 from dossier_fee f where f.dossier_id = d.id and f.paid and f.payment_method = 'ONLINE')) as paid_online
       from dossier d
       where ((d.received_at >= ? and d.received_at < ?)
           or (d.finished_at >= ? and d.finished_at < ?)
           or (d.finished_at is null and d.received_at < ?)
           or (d.finished_at >= ? and d.received_at < ?)) ${agency}`,
      [start, end, start, end, start, end, start, end, start, end, start, end, start, end, end, end, asOf, asOf, start, end, start, end, start, end, start, end, start, end, start, end, start, end, start, end, start, end, end, asOf, end, ...agencyParams],
    );
    // Ratings carry their dossier's receiving agency (Migration20261202040000_stats_counters): no join to dossier.
    const [ratings] = await this.em.execute<Array<Record<string, string | number>>>(
      `select count(*) as total, count(*) filter (where r.rating in ('VERY_SATISFIED', 'SATISFIED')) as satisfied
       from dossier_rating r
       where r.rated_at >= ? and r.rated_at < ? ${
         agencyId === null ? '' : responsible ? `and r.dossier_id in (select d.id from dossier d where true ${agency})` : 'and r.receiving_agency_id = ?'
       }`,
      [start, end, ...agencyParams],
    );
    const n = (row: Record<string, string | number> | undefined, key: string): number => Number(row?.[key] ?? 0);
    const finished = n(dossiers, 'finished');
    const finishedOnTime = n(dossiers, 'finished_on_time');
    return {
      received: n(dossiers, 'received'),
      finished,
      finishedOnTime,
      overdueOpen: n(dossiers, 'overdue_open'),
      onTimeRate: ratio(finishedOnTime, finished),
      progressRate: ratio(finishedOnTime, n(dossiers, 'received')),
      reuseRate: ratio(n(dossiers, 'reused'), n(dossiers, 'documents')),
      resultsDigitizedRate: ratio(n(dossiers, 'results_digitized'), finished),
      onlineRate: ratio(n(dossiers, 'online'), n(dossiers, 'online_capable')),
      digitizedRate: ratio(n(dossiers, 'digitized'), n(dossiers, 'documents')),
      satisfactionRate: ratio(n(ratings, 'satisfied'), n(ratings, 'total')),
      onlinePaymentRate: ratio(n(dossiers, 'paid_online'), n(dossiers, 'with_fees')),
      receivedByChannel: [
        { channel: Channel.COUNTER, count: n(dossiers, 'received_counter') },
        { channel: Channel.ONLINE, count: n(dossiers, 'received_online') },
        { channel: Channel.POSTAL, count: n(dossiers, 'received_postal') },
      ],
    };
  }
}
