import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency, Procedure, ProcedureVersion } from '../catalog';
import {
  historyLabel,
  ComponentKind,
  type Dossier,
  DossierComponent,
  DossierFee,
  DossierHistory,
  DossierStep,
  DossierStatus,
  PaymentMethod,
  SupplementRequest,
} from '../dossiers';
import type { PortalDossier, PortalProgress } from './portal.port';

/** What a history entry says on the portal: its name, and its note. */
function moveContent(entry: DossierHistory): string {
  const label = historyLabel(entry.action);
  return entry.note ? `${label}: ${entry.note}`.slice(0, 2000) : label;
}

/**
 * A dossier as the national portal must have it (DongBoHoSoMC), and every
 * move of its history as CapNhatTienDoHoSoMC items numbered from 1, oldest
 * first, read in one go from the database; each supplement with the due
 * time before it and the one after it (NgayHenTraTruoc, NgayHenTraMoi).
 */
export async function portalRecordOf(em: EntityManager, dossier: Dossier): Promise<{ dossier: PortalDossier; moves: PortalProgress[] }> {
  const [procedure, version, receiving, current, components, fees, supplements, history, steps] = await Promise.all([
    em.findOneOrFail(Procedure, dossier.procedure.id),
    em.findOne(ProcedureVersion, { procedure: dossier.procedure.id, version: dossier.procedureVersion }),
    em.findOneOrFail(Agency, dossier.receivingAgency.id),
    em.findOneOrFail(Agency, dossier.currentAgency.id),
    em.find(DossierComponent, { dossier }, { orderBy: { position: 'asc' } }),
    em.find(DossierFee, { dossier }, { orderBy: { code: 'asc' } }),
    em.find(SupplementRequest, { dossier }, { orderBy: { requestedAt: 'asc' } }),
    em.find(DossierHistory, { dossier }, { orderBy: { at: 'asc', chainSeq: 'asc' }, populate: ['agency'] }),
    em.find(DossierStep, { dossier }, { orderBy: { order: 'asc' } }),
  ]);
  // The step a move happened in (NgayBatDau, NgayKetThucTheoQuyDinh): the one started by then and not finished before, the latest started.
  const stepAt = (at: Date) =>
    steps
      .filter((s) => s.startedAt !== null && s.startedAt <= at && (s.finishedAt === null || s.finishedAt >= at))
      .sort((a, b) => b.startedAt!.getTime() - a.startedAt!.getTime())[0];
  const filed = components.filter((c) => c.kind !== ComponentKind.RESULT);
  const rejected = dossier.status === DossierStatus.REJECTED;
  // The procedure as it stood when the dossier came: a later catalogue change never rewrites what was reported.
  const terms = version ?? procedure;
  const record: PortalDossier = {
    code: dossier.code,
    procedureCode: procedure.code,
    procedureName: terms.name,
    fieldCode: terms.fieldCode,
    fieldName: terms.field,
    applicantName: dossier.applicant.fullName,
    applicantKind: 'CITIZEN',
    applicantPersonalId: dossier.applicant.personalId,
    email: dossier.applicant.email,
    phone: dossier.applicant.phone,
    summary: terms.name.slice(0, 1000),
    status: dossier.status,
    channel: dossier.channel,
    returnMethod: dossier.returnMethod,
    receivingAgency: receiving.name,
    processingAgency: current.name,
    submittedAt: dossier.submittedAt,
    receivedAt: dossier.receivedAt,
    dueAt: dossier.dueAt,
    finishedAt: rejected ? null : dossier.finishedAt,
    returnedAt: dossier.returnedAt,
    rejectedAt: rejected ? dossier.finishedAt : null,
    note: null,
    hasDigitisedComponents: filed.some((c) => c.documentId !== null),
    paidOnline: fees.some((f) => f.paid && f.paymentMethod === PaymentMethod.ONLINE),
    documents: filed
      .filter((c) => c.documentId !== null)
      .map((c) => ({ id: c.documentId!, name: c.fileName ?? c.name, componentCode: c.code, digitised: true, reused: c.reused })),
    fees: fees.map((f) => ({ code: f.code, name: f.name, amount: f.amount, paymentMethod: f.paid ? f.paymentMethod : null })),
    supplements: supplements.map((s) => ({
      id: s.id,
      requestedAt: s.requestedAt,
      reason: s.reason,
      dueAt: s.dueAt,
      suppliedAt: s.completedAt ?? s.lastSuppliedAt,
      previousDueAt: s.previousDueAt,
      newDueAt: s.newDueAt,
    })),
    results: components.filter((c) => c.kind === ComponentKind.RESULT && c.documentId !== null).map((c) => ({ id: c.documentId!, name: c.fileName ?? c.name, componentCode: c.code })),
  };
  const moves = history.map((entry, index): PortalProgress => {
    const step = stepAt(entry.at);
    return {
      dossierCode: dossier.code,
      sequence: index + 1,
      actor: entry.actor,
      actorTitle: null,
      unit: entry.agency?.getEntity().name ?? null,
      at: entry.at,
      content: moveContent(entry),
      status: entry.toStatus,
      stepStartedAt: step?.startedAt ?? null,
      stepDueAt: step?.dueAt ?? null,
    };
  });
  return { dossier: record, moves };
}
