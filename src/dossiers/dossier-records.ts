import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../calendar';
import { Agency } from '../catalog';
import type { Procedure } from '../catalog';
import type { ProcedureStep } from '../catalog';
import { dueFrom, durationOf } from './deadlines';
import type { Dossier } from './dossier.entity';
import type { DossierStatus } from './dossier.enums';
import { DossierHistory, DossierStep, StepStatus, type HistoryAction } from './lifecycle.entity';

/** Who acts: a person from their token, or a system by name. */
export interface Actor {
  id: string;
  name: string;
  /** The agency an officer acts for; null for citizens, supervisors and systems. */
  agencyId: string | null;
}

/** Writes one history entry; the caller's transaction makes it atomic with the change. */
export function recordHistory(
  em: EntityManager,
  dossier: Dossier,
  entry: { action: HistoryAction; from: DossierStatus | null; to: DossierStatus; actor: Actor; at: Date; note?: string | null; externalStatus?: string | null },
): DossierHistory {
  return em.create(DossierHistory, {
    dossier,
    action: entry.action,
    fromStatus: entry.from,
    toStatus: entry.to,
    actor: entry.actor.name,
    actorId: entry.actor.id,
    agency: entry.actor.agencyId ? em.getReference(Agency, entry.actor.agencyId) : null,
    at: entry.at,
    note: entry.note?.trim() || null,
    externalStatus: entry.externalStatus ?? null,
  });
}

/**
 * The dossier's steps, copied from the procedure at reception. A procedure
 * without inter-agency steps is one step at its own agency, with the
 * procedure's time.
 */
export function createSteps(
  em: EntityManager,
  dossier: Dossier,
  procedure: Procedure,
  steps: readonly ProcedureStep[],
  procedureTime: { amount: number; unit: DossierStep['timeUnit'] },
): DossierStep[] {
  const plan =
    steps.length > 0
      ? steps.map((s) => ({ agencyId: s.agency.id, name: s.name, amount: s.timeAmount, unit: s.timeUnit }))
      : [{ agencyId: procedure.agency.id, name: procedure.name, amount: procedureTime.amount, unit: procedureTime.unit }];
  return plan.map((step, index) =>
    em.create(DossierStep, {
      dossier,
      order: index + 1,
      agency: em.getReference(Agency, step.agencyId),
      name: step.name,
      timeAmount: step.amount,
      timeUnit: step.unit,
    }),
  );
}

/** Starts a step now: its own due time counts from its start. */
export function startStep(step: DossierStep, now: Date, calendar: WorkingCalendar): void {
  step.status = StepStatus.IN_PROGRESS;
  step.startedAt = now;
  const time = durationOf(step.timeAmount, step.timeUnit);
  step.dueAt = time ? dueFrom(calendar, now, time, null) : null;
}
