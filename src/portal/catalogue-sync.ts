import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency, Procedure, ProcedureChannel, ProcedureFee, snapshotProcedures, timeInWords, type Channel, type TimeUnit } from '../catalog';
import type { Database } from '../db/database';
import { ErrorCode, UpstreamError, UserError } from '../errors';
import type { Clock } from '../shared/clock';
import { type CatalogueChange, CatalogueChangeKind, CatalogueReview } from './catalogue-review.entity';
import type { NationalPortal, PortalProcedure } from './portal.port';

export interface CatalogueSyncDependencies {
  database: Database;
  /** The `portal` instance's port (under its timeout, retries and breaker). */
  portal: NationalPortal;
  clock: Clock;
}

/** What applying a change needs, kept with it (never shown: `before` and `after` are the words). */
type ChangeData = { name: string } | { times: Array<{ channel: Channel; amount: number; unit: TimeUnit }> } | { from: number; to: number } | null;
type StoredChange = CatalogueChange & { data?: ChangeData };

/** How many LayThuTuc calls run at once. */
const CONCURRENCY = 4;
const CHANNEL_WORDS: Record<string, string> = { COUNTER: 'Trực tiếp', ONLINE: 'Trực tuyến', POSTAL: 'Bưu chính' };
const timeWords = (channel: string, amount: number | null, unit: TimeUnit | null): string =>
  `${CHANNEL_WORDS[channel] ?? channel}: ${amount === null || unit === null ? 'chưa có' : timeInWords(amount, unit)}`;
const money = (amounts: readonly number[]): string => (amounts.length === 0 ? 'không có' : amounts.map((a) => `${a.toLocaleString('vi-VN')} đồng`).join('; '));
const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** `work` over `items`, at most `limit` at a time, answers in order. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The differences of one procedure both catalogues list. */
function compare(procedure: Procedure, national: PortalProcedure, channels: readonly ProcedureChannel[], fees: readonly ProcedureFee[]): StoredChange[] {
  const changes: StoredChange[] = [];
  const change = (kind: CatalogueChangeKind, before: string | null, after: string | null, data: ChangeData, note: string | null = null): void => {
    changes.push({ procedureCode: procedure.code, kind, name: procedure.name, before, after, applicable: data !== null, note, data });
  };
  // The port speaks the hub's channel and unit names as text.
  const times = national.times.map((t) => ({ channel: t.channel as Channel, amount: t.amount, unit: t.unit as TimeUnit }));
  if (!sameText(procedure.name, national.name)) change(CatalogueChangeKind.RENAMED, procedure.name, national.name, { name: national.name.replace(/\s+/g, ' ').trim() });

  // Each national time beside the hub's row of its channel (none: a channel the hub lacks).
  const paired = times.map((t) => ({ national: t, row: channels.find((c) => c.channel === t.channel) }));
  const moved = paired.filter(({ national, row }) => row !== undefined && (row.timeAmount !== national.amount || row.timeUnit !== national.unit));
  if (moved.length > 0) {
    change(
      CatalogueChangeKind.TIMES,
      moved.map(({ national, row }) => timeWords(national.channel, row!.timeAmount, row!.timeUnit)).join('; '),
      moved.map(({ national }) => timeWords(national.channel, national.amount, national.unit)).join('; '),
      { times: moved.map(({ national }) => national) },
    );
  }
  const added = paired.filter(({ row }) => row === undefined).map(({ national }) => national);
  if (added.length > 0) {
    change(CatalogueChangeKind.TIMES, null, added.map((t) => timeWords(t.channel, t.amount, t.unit)).join('; '), null, 'Kênh thực hiện mới: thêm bằng catalog:load (phí, thành phần của kênh).');
  }

  const ours = [...new Set(fees.map((f) => f.amount))].sort((a, b) => a - b);
  const theirs = [...new Set(national.fees.map((f) => f.amount))].sort((a, b) => a - b);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    // One amount on each side maps one to one; more need someone to say which is which.
    const [from] = ours;
    const [to] = theirs;
    const plain = ours.length === 1 && theirs.length === 1 && from !== undefined && to !== undefined;
    change(
      CatalogueChangeKind.FEES,
      money(ours),
      money(theirs),
      plain ? { from, to } : null,
      plain ? null : 'Nhiều mức phí hoặc khoản phí mới: đối chiếu rồi cập nhật bằng catalog:load.',
    );
  }
  return changes;
}

/**
 * Compares the national catalogue's procedures for the province
 * (LayDanhSachTTHC, then LayThuTuc for each the hub has) with the hub's,
 * and keeps the differences as a review for supervisors: new, retired,
 * renamed, new times or fees. Nothing in the catalogue changes here. An
 * empty national list is refused (it would retire everything): the portal
 * answered wrong, not the province's catalogue.
 */
export async function checkNationalCatalogue(deps: CatalogueSyncDependencies): Promise<CatalogueReview> {
  const national = await deps.portal.listProcedures();
  if (national.length === 0) throw new UpstreamError('portal', 'Cổng DVCQG trả danh mục thủ tục rỗng: không so sánh, không bãi bỏ thủ tục nào.');
  const em = deps.database.fork();
  const procedures = await em.find(Procedure, {}, { orderBy: { code: 'asc' } });
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  for (const p of procedures) for (const former of p.formerCodes) if (!byCode.has(former)) byCode.set(former, p);
  const listed = new Set(national.map((n) => n.code));
  const changes: StoredChange[] = [];
  const common: Procedure[] = [];
  for (const entry of national) {
    const procedure = byCode.get(entry.code);
    if (!procedure) {
      changes.push({
        procedureCode: entry.code,
        kind: CatalogueChangeKind.NEW,
        name: entry.name,
        before: null,
        after: entry.name,
        applicable: false,
        note: 'Thủ tục mới của danh mục quốc gia: thêm bằng catalog:load (cơ quan thực hiện, thành phần hồ sơ, quy trình).',
      });
    } else if (procedure.retiredAt !== null) {
      changes.push({ procedureCode: procedure.code, kind: CatalogueChangeKind.NEW, name: procedure.name, before: 'Đã bãi bỏ', after: 'Có trong danh mục quốc gia', applicable: true, note: 'Áp dụng: khôi phục thủ tục.', data: null });
    } else if (procedure.code === entry.code) common.push(procedure);
  }
  for (const procedure of procedures) {
    if (procedure.retiredAt !== null || listed.has(procedure.code) || procedure.formerCodes.some((c) => listed.has(c))) continue;
    changes.push({ procedureCode: procedure.code, kind: CatalogueChangeKind.RETIRED, name: procedure.name, before: 'Đang áp dụng', after: 'Không còn trong danh mục quốc gia', applicable: true, note: null, data: null });
  }
  const [details, channels, fees] = await Promise.all([
    inBatches(common, CONCURRENCY, (p) => deps.portal.procedure(p.code)),
    em.find(ProcedureChannel, { procedure: { $in: common } }),
    em.find(ProcedureFee, { procedure: { $in: common } }),
  ]);
  common.forEach((procedure, index) => {
    const detail = details[index];
    if (!detail) return;
    changes.push(
      ...compare(
        procedure,
        detail,
        channels.filter((c) => c.procedure.id === procedure.id),
        fees.filter((f) => f.procedure.id === procedure.id),
      ),
    );
  });
  // Each procedure's version now: applying refuses once one moved.
  const basis = Object.fromEntries(
    changes.flatMap((c) => {
      const procedure = byCode.get(c.procedureCode);
      return procedure ? [[c.procedureCode, procedure.version]] : [];
    }),
  );
  const review = em.create(CatalogueReview, { checkedAt: deps.clock.now(), nationalCount: national.length, changes, basis });
  await em.flush();
  return review;
}

/**
 * Applies what a review found applicable, in one transaction: names,
 * times, one-to-one fees, retirements and reinstatements; each procedure
 * changed gets a new version, so every dossier received keeps the version
 * in force at its receipt. Refused (nothing changes) when the review was
 * applied already, or when a procedure changed since the comparison: the
 * supervisor applies what they saw, or compares again.
 */
export async function applyCatalogueReview(em: EntityManager, id: string, by: string, clock: Clock): Promise<CatalogueReview> {
  return em.transactional(async (tx) => {
    const review = await tx.findOne(CatalogueReview, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!review) throw new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy lần so sánh danh mục này.', 'id');
    if (review.appliedAt !== null) throw new UserError(ErrorCode.INVALID_TRANSITION, 'Lần so sánh này đã được áp dụng.', 'id');
    const changes = (review.changes as StoredChange[]).filter((c) => c.applicable);
    const codes = [...new Set(changes.map((c) => c.procedureCode))];
    const procedures = codes.length > 0 ? await tx.find(Procedure, { code: { $in: codes } }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : [];
    const byCode = new Map(procedures.map((p) => [p.code, p]));
    for (const code of codes) {
      const procedure = byCode.get(code);
      if (!procedure || procedure.version !== review.basis[code]) {
        throw new UserError(ErrorCode.STALE_VERSION, `Thủ tục ${code} đã thay đổi từ khi so sánh: hãy so sánh lại với danh mục quốc gia.`, 'id');
      }
    }
    const now = clock.now();
    const channels = procedures.length > 0 ? await tx.find(ProcedureChannel, { procedure: { $in: procedures } }) : [];
    const fees = procedures.length > 0 ? await tx.find(ProcedureFee, { procedure: { $in: procedures } }) : [];
    for (const change of changes) {
      const procedure = byCode.get(change.procedureCode)!;
      const data = change.data ?? null;
      switch (change.kind) {
        case CatalogueChangeKind.RENAMED:
          if (data && 'name' in data) procedure.name = data.name;
          break;
        case CatalogueChangeKind.RETIRED:
          procedure.retiredAt = now;
          break;
        case CatalogueChangeKind.NEW:
          procedure.retiredAt = null;
          break;
        case CatalogueChangeKind.TIMES:
          for (const time of data && 'times' in data ? data.times : []) {
            const row = channels.find((c) => c.procedure.id === procedure.id && c.channel === time.channel);
            if (row) Object.assign(row, { timeAmount: time.amount, timeUnit: time.unit });
          }
          break;
        case CatalogueChangeKind.FEES:
          if (data && 'from' in data) for (const fee of fees) if (fee.procedure.id === procedure.id && fee.amount === data.from) fee.amount = data.to;
          break;
      }
    }
    await tx.flush();
    const kinds = [...new Set(changes.map((c) => c.kind))].join(', ');
    await snapshotProcedures(tx, { at: now, change: `Đồng bộ danh mục quốc gia (${kinds}), ${by}`, procedures });
    review.appliedAt = now;
    review.appliedBy = by;
    await tx.flush();
    return review;
  });
}

/**
 * The hub's catalogue as the national portal's catalogue service would
 * give it (procedures in force, their times per channel, fee amounts,
 * executing agency): what a simulated portal serves, so that a new
 * install's comparison starts from "nothing changed".
 */
export async function portalProceduresOf(em: EntityManager): Promise<PortalProcedure[]> {
  const procedures = await em.find(Procedure, { retiredAt: null }, { orderBy: { code: 'asc' } });
  const [channels, fees, agencies] = await Promise.all([
    em.find(ProcedureChannel, { procedure: { $in: procedures } }),
    em.find(ProcedureFee, { procedure: { $in: procedures } }),
    em.find(Agency, { id: { $in: [...new Set(procedures.map((p) => p.agency.id))] } }),
  ]);
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  return procedures.map((p) => ({
    code: p.code,
    name: p.name,
    fieldCode: p.fieldCode,
    fieldName: p.field,
    times: channels.filter((c) => c.procedure.id === p.id && c.timeAmount !== null && c.timeUnit !== null).map((c) => ({ channel: c.channel, amount: c.timeAmount!, unit: c.timeUnit! })),
    fees: [...new Set(fees.filter((f) => f.procedure.id === p.id).map((f) => f.amount))].map((amount) => ({ amount, text: `${amount.toLocaleString('vi-VN')} đồng` })),
    agencies: [agencyName.get(p.agency.id) ?? ''].filter((a) => a !== ''),
  }));
}
