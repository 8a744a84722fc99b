import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkingCalendar, type OfficeHours } from '../calendar';
import { ProcedureChannel, TimeUnit, type CalendarChange } from '../catalog';
import { displayLocalDateTime, localDateOf, localMidnight } from '../shared/local-time';
import { recordHistory, type Actor } from './dossier-records';
import { Dossier } from './dossier.entity';
import { DossierStep, HistoryAction, StepStatus } from './lifecycle.entity';

/** A due time a newly loaded calendar moved. */
export interface DueTimeMove {
  dossierCode: string;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;


/**
 * Where a due time lands under the new calendar. Working time is what a
 * procedure counts, so the working time still to run from `anchor` (the
 * first changed day, or the start of the clock when later) is kept: a day
 * off loaded before the due time pushes it one working day later, a make-up
 * day pulls it earlier. Calendar days and months only end on a working day:
 * one that became a day off moves to the next working day, at the same time.
 */
function shifted(due: Date, unit: TimeUnit | null, anchor: Date, before: WorkingCalendar, after: WorkingCalendar): Date {
  if (due.getTime() <= anchor.getTime()) return due;
  if (unit === TimeUnit.DAYS || unit === TimeUnit.MONTHS) {
    const date = localDateOf(due);
    if (after.isWorkingDay(date)) return due;
    const next = after.nextWorkingDay(date);
    return new Date(due.getTime() + Math.round((Date.parse(next) - Date.parse(date)) / DAY_MS) * DAY_MS);
  }
  return after.addWorkingMinutes(anchor, before.workingMinutesBetween(anchor, due));
}

const later = (a: Date, b: Date | null): Date => (b !== null && b.getTime() > a.getTime() ? b : a);

/**
 * Moves the due times of open dossiers, and of their steps in progress, that
 * a change of the calendar moves; each dossier moved gets a history entry
 * (RECALCULATE_DUE) with the old and new due time, in the load's
 * transaction. Dossiers already finished keep theirs: they were judged by it.
 */
export async function moveDueTimes(tx: EntityManager, change: CalendarChange, officeHours: OfficeHours, actor: Actor, now: Date): Promise<DueTimeMove[]> {
  if (change.changedDates.length === 0) return [];
  const before = new WorkingCalendar(change.before, { officeHours });
  const after = new WorkingCalendar(change.after, { officeHours });
  const from = localMidnight(change.changedDates[0]);
  const dossiers = await tx.find(Dossier, { finishedAt: null, dueAt: { $gt: from } }, { orderBy: { code: 'asc' } });
  if (dossiers.length === 0) return [];

  const channels = await tx.find(ProcedureChannel, { procedure: { $in: [...new Set(dossiers.map((d) => d.procedure.id))] } });
  const unitOf = (dossier: Dossier): TimeUnit | null =>
    channels.find((c) => c.procedure.id === dossier.procedure.id && c.channel === dossier.channel)?.timeUnit ?? null;
  const steps = await tx.find(DossierStep, { dossier: { $in: dossiers.map((d) => d.id) }, status: StepStatus.IN_PROGRESS, dueAt: { $gt: from } });
  for (const step of steps) {
    if (step.dueAt) step.dueAt = shifted(step.dueAt, step.timeUnit, later(from, step.startedAt), before, after);
  }

  const shown = change.changedDates.slice(0, 8).map((d) => d.split('-').reverse().join('/'));
  const changed = `${shown.join(', ')}${change.changedDates.length > shown.length ? ', …' : ''}`;
  const moves: DueTimeMove[] = [];
  for (const dossier of dossiers) {
    const old = dossier.dueAt;
    if (old === null) continue;
    const due = shifted(old, unitOf(dossier), later(from, dossier.receivedAt), before, after);
    if (due.getTime() === old.getTime()) continue;
    dossier.dueAt = due;
    recordHistory(tx, dossier, {
      action: HistoryAction.RECALCULATE_DUE,
      from: dossier.status,
      to: dossier.status,
      actor,
      at: now,
      note: `Lịch ngày nghỉ, ngày làm bù được cập nhật (${changed}): ngày hẹn trả chuyển từ ${displayLocalDateTime(old)} sang ${displayLocalDateTime(due)}.`,
    });
    moves.push({ dossierCode: dossier.code, from: old, to: due });
  }
  await tx.flush();
  return moves;
}
